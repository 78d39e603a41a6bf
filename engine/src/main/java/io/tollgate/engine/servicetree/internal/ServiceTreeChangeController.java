package io.tollgate.engine.servicetree.internal;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.ApiProblem;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.cluster.StatusWait;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.engine.servicetree.ChangeNotRecordedException;
import io.tollgate.engine.servicetree.ChangeFilter;
import io.tollgate.engine.servicetree.ChangeRecord;
import io.tollgate.engine.servicetree.ChangeStatus;
import io.tollgate.engine.servicetree.NotAllowedException;
import io.tollgate.engine.servicetree.PendingApproval;
import io.tollgate.engine.servicetree.RequestOutcome;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.engine.servicetree.internal.journal.ChangeJson;
import io.tollgate.engine.servicetree.internal.journal.ChangeWatch;
import io.tollgate.integrations.servicetree.ServiceTreeChange;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Service-tree changes for scripts and pipelines ({@code /api/v1}, HTTP Basic), with the same rules as the UI:
 * request a change as the signed-in person, follow it (a long poll, as for tickets: ADR 0008), withdraw it or resolve
 * its conflict, and list and decide the approvals offered to you. Four eyes and eligibility are the
 * {@link io.tollgate.engine.approval.ApprovalPolicy}'s, through {@link ServiceTreeChangeRequests}.
 * <p>
 * A change's body is its JSON as the audit records it ({@code kind}, the node and the kind's fields) plus a
 * {@code reason}. 201: recorded and waiting for its approvers; 422: refused by the tree's rules (the violations are
 * the problems); 400: not a change (what is wrong and what would be accepted); 403: a permission or the approval
 * policy refuses; 409: the change or approval is not where the action can be done; 503: not recorded for now
 * (ZooKeeper or the database unreachable), try again; 500: not recorded. Every refusal is an {@link ApiProblem}.
 */
@RestController
class ServiceTreeChangeController {

    static final String CHANGES = "/api/v1/service-tree/changes";
    static final String APPROVALS = "/api/v1/service-tree/approvals";
    /** The longest a change read waits for a new status ({@code wait}, in seconds), as for tickets. */
    /** A decision's comment is kept by the process engine, whose comment column holds 4,000 bytes. */

    /**
     * An approval offered to the caller, without the plan's nodes (read the change for its diff).
     *
     * @param taskId what {@code POST /api/v1/service-tree/approvals/{taskId}/decision} takes
     */
    record Approval(String taskId, String changeId, PendingApproval.Step step, Instant offeredAt, String kind,
                    long nodeId, String nodePath, String requester, String reason, boolean critical,
                    int impactNodes, int impactServers, int impactUrls) {

        static Approval of(PendingApproval pending) {
            var plan = pending.plan();
            var node = !plan.before().isEmpty() ? plan.before().get(0)
                    : !plan.after().isEmpty() ? plan.after().get(0) : null;
            return new Approval(pending.taskId(), pending.changeId(), pending.step(), pending.offeredAt(),
                    ChangeJson.kindOf(plan.change()), plan.change().nodeId(), node == null ? null : node.path(),
                    pending.requester(), plan.change().meta().reason(), plan.critical(), plan.impact().nodes(),
                    plan.impact().servers().size(), plan.impact().urls().size());
        }
    }

    private final ServiceTreeChangeRequests requests;
    private final ChangeWatch watch;

    ServiceTreeChangeController(ServiceTreeChangeRequests requests, ChangeWatch watch) {
        this.requests = requests;
        this.watch = watch;
    }

    @PostMapping(CHANGES)
    ResponseEntity<?> request(@RequestBody(required = false) JsonNode body, Authentication user) {
        Permissions.require(user, Permission.REQUEST_TREE_CHANGES);
        RequestedChange.check(body);
        ServiceTreeChange change = ChangeJson.requested(body, user.getName());
        RequestOutcome outcome = requests.request(change);
        if (!outcome.accepted()) {
            return new ApiProblem("change " + outcome.changeId() + " was refused: it breaks the service tree's rules",
                    outcome.violations()).answer(HttpStatus.UNPROCESSABLE_ENTITY);
        }
        return ResponseEntity.created(URI.create(CHANGES + "/" + outcome.changeId())).body(outcome);
    }

    /**
     * The changes the caller requested, newest first; with {@code all=true} everyone's, or {@code requester}'s (for
     * those who read the tree's audits or all history). {@code status} (repeatable) and {@code stuck=true} (a step
     * out of retries, waiting for an SRE) narrow either.
     */
    @GetMapping(CHANGES)
    List<ChangeRecord> list(@RequestParam(defaultValue = "50") int limit,
                            @RequestParam(defaultValue = "false") boolean all,
                            @RequestParam(required = false) String requester,
                            @RequestParam(required = false) Set<ChangeStatus> status,
                            @RequestParam(defaultValue = "false") boolean stuck, Authentication user) {
        if (limit < 1 || limit > ChangeFilter.MAX_LIMIT) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + ChangeFilter.MAX_LIMIT
                    + ", not " + limit);
        }
        if (!all && requester == null) {
            Permissions.require(user, Permission.REQUEST_TREE_CHANGES);
        }
        String whose = requester != null ? requester : all ? null : user.getName();
        return requests.list(user.getName(), new ChangeFilter(status, whose, stuck, limit));
    }

    @GetMapping(value = CHANGES + "/{changeId}", params = "!waitWhileStatus")
    ResponseEntity<?> find(@PathVariable String changeId, @RequestParam(required = false) String wait,
                           Authentication user) {
        Permissions.require(user, Permission.AUDIT_TREE);
        if (wait != null) {
            throw new InvalidRequestException("wait needs waitWhileStatus: the status to wait out");
        }
        return current(changeId);
    }

    /**
     * The change, once its status is none of {@code waitWhileStatus} (one status, or several separated by commas) or
     * {@code wait} seconds have passed (default 30, at most 60), whichever comes first; the request holds no server
     * thread meanwhile.
     */
    @GetMapping(value = CHANGES + "/{changeId}", params = "waitWhileStatus")
    DeferredResult<ResponseEntity<?>> awaitStatus(@PathVariable String changeId, @RequestParam String waitWhileStatus,
                                                  @RequestParam(required = false) String wait, Authentication user) {
        Permissions.require(user, Permission.AUDIT_TREE);
        StatusWait<ChangeStatus> asked = StatusWait.parse(ChangeStatus.class, waitWhileStatus, wait);
        DeferredResult<ResponseEntity<?>> later = new DeferredResult<>(asked.timeout().plusSeconds(10).toMillis());
        watch.awaitChange(changeId, asked.statuses(), asked.timeout())
                .thenRunAsync(() -> later.setResult(current(changeId)), watch.readers())
                .exceptionally(e -> {
                    later.setErrorResult(e);
                    return null;
                });
        return later;
    }

    private ResponseEntity<?> current(String changeId) {
        return requests.find(changeId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ApiProblem.of("no service-tree change " + changeId).answer(HttpStatus.NOT_FOUND));
    }



    @PostMapping(CHANGES + "/{changeId}/withdraw")
    ResponseEntity<Void> withdraw(@PathVariable String changeId, Authentication user) {
        requireRequester(changeId, user, "withdraw");
        requests.withdraw(changeId, user.getName());
        return ResponseEntity.noContent().build();
    }

    /** SREs: give the change's stuck step ({@code stuckStep} on the change) another try. */
    @PostMapping(CHANGES + "/{changeId}/stuck-step/retry")
    ResponseEntity<Void> retryStuckStep(@PathVariable String changeId, Authentication user) {
        requests.find(changeId).orElseThrow(() -> new ChangeNotFoundException("no service-tree change " + changeId));
        requests.retryStuckStep(changeId, user.getName());
        return ResponseEntity.noContent().build();
    }

    /** After a conflict: {@code {"revalidate": true}} validates again against the tree as it is, false withdraws. */
    @PostMapping(CHANGES + "/{changeId}/resolution")
    ResponseEntity<?> resolve(@PathVariable String changeId, @RequestBody(required = false) JsonNode body,
                              Authentication user) {
        onlyFields(body, "a resolution", "revalidate");
        JsonNode revalidate = body.get("revalidate");
        if (revalidate == null || !revalidate.isBoolean()) {
            throw new InvalidRequestException("a resolution needs \"revalidate\": true (validate again) or false "
                    + "(withdraw)");
        }
        requireRequester(changeId, user, "resolve");
        RequestOutcome outcome = requests.resolveConflict(changeId, user.getName(), revalidate.asBoolean());
        return outcome.accepted() ? ResponseEntity.ok(outcome)
                : new ApiProblem("change " + changeId + " was refused: it breaks the service tree's rules now",
                        outcome.violations()).answer(HttpStatus.UNPROCESSABLE_ENTITY);
    }

    /** Acting on someone else's change is a permission (403), not a state of the change (409). */
    private void requireRequester(String changeId, Authentication user, String action) {
        ChangeRecord change = requests.find(changeId)
                .orElseThrow(() -> new ChangeNotFoundException("no service-tree change " + changeId));
        if (!change.requester().equals(user.getName())) {
            throw new PermissionDeniedException("only " + change.requester() + ", who requested change " + changeId
                    + ", may " + action + " it");
        }
    }

    /** The approvals offered to the caller (directly or through a group), never their own changes; newest first. */
    @GetMapping(APPROVALS)
    List<Approval> approvals(Authentication user) {
        return requests.pendingApprovals(user.getName(), groups(user)).stream().map(Approval::of).toList();
    }

    /**
     * Approves or rejects ({@code {"approve": true|false, "comment": "..."}}; a rejection needs a comment) as the
     * signed-in person: 204, or 403 when the approval policy refuses (the requester, someone not eligible for the
     * step, the same person twice), 409 when the approval is no longer pending.
     */
    @PostMapping(APPROVALS + "/{taskId}/decision")
    ResponseEntity<Void> decide(@PathVariable String taskId, @RequestBody(required = false) JsonNode body,
                                Authentication user) {
        onlyFields(body, "a decision", "approve", "comment");
        JsonNode approve = body.get("approve");
        if (approve == null || !approve.isBoolean()) {
            throw new InvalidRequestException("a decision needs \"approve\": true or false");
        }
        JsonNode commentNode = body.get("comment");
        if (commentNode != null && !commentNode.isNull() && !commentNode.isTextual()) {
            throw new InvalidRequestException("\"comment\" must be text");
        }
        String comment = commentNode == null || commentNode.isNull() ? "" : commentNode.asText();
        if (!approve.asBoolean() && io.tollgate.engine.PrintableText.saysNothing(comment)) {
            throw new InvalidRequestException("a rejection needs a \"comment\" saying why");
        }
        requests.decide(taskId, user.getName(), groups(user), approve.asBoolean(), comment);
        return ResponseEntity.noContent().build();
    }

    /** A body with other fields than {@code allowed} is refused: nothing else (no process variable) can be set. */
    private static void onlyFields(JsonNode body, String what, String... allowed) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException(what + " needs a JSON object with " + List.of(allowed));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of(allowed).contains(name)) {
                throw new InvalidRequestException("unknown field \"" + name + "\" in " + what + ": it takes "
                        + List.of(allowed) + " only");
            }
        }
    }

    private static Collection<String> groups(Authentication user) {
        return Role.groupIdsOf(user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    }

    @ExceptionHandler(ChangeNotRecordedException.class)
    ResponseEntity<ApiProblem> notRecorded(ChangeNotRecordedException e) {
        return ApiProblem.of(e.getMessage())
                .answer(e.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @ExceptionHandler(ChangeNotFoundException.class)
    ResponseEntity<ApiProblem> notFound(ChangeNotFoundException e) {
        return ApiProblem.of(e.getMessage()).answer(HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(NotAllowedException.class)
    ResponseEntity<ApiProblem> notAllowed(NotAllowedException e) {
        return ApiProblem.of(e.getMessage()).answer(HttpStatus.CONFLICT);
    }

    /** A parameter that does not convert ({@code ?limit=abc}), named as every API names it. */
    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<ApiProblem> mismatch(TypeMismatchException e) {
        return ApiProblem.of(e).answer(HttpStatus.BAD_REQUEST);
    }

    /** A body that is not JSON at all is answered by {@code ApiRequestErrors}, as for every API. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiProblem> unreadable(IllegalArgumentException e) {
        return ApiProblem.of(e.getMessage()).answer(HttpStatus.BAD_REQUEST);
    }

    /** No such change: 404. */
    static final class ChangeNotFoundException extends RuntimeException {
        ChangeNotFoundException(String message) {
            super(message);
        }
    }
}
