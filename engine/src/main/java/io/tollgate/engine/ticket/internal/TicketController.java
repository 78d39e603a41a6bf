package io.tollgate.engine.ticket.internal;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.tollgate.engine.ApiProblem;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.NotFoundException;
import io.tollgate.engine.RequestTimes;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.cluster.StatusWait;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.FailureResolution;
import io.tollgate.engine.ticket.InvalidTicketException;
import io.tollgate.engine.ticket.RollbackScript;
import io.tollgate.engine.ticket.RollbackStep;
import io.tollgate.engine.ticket.StatementResult;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketFilter;
import io.tollgate.engine.ticket.TicketFinding;
import io.tollgate.engine.ticket.TicketNotAllowedException;
import io.tollgate.engine.ticket.TicketPage;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketSummary;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.engine.ticket.internal.journal.TicketWatch;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Tickets for CI pipelines and scripts ({@code /api/v1}, HTTP Basic, see the security configuration): submit, check
 * status, list, and act as the signed-in user — withdraw, execute, ask for a rollback, approve or reject a task.
 * The same rules as in the UI apply: the permission matrix and four eyes (403 with the reason). 400 lists the problems
 * of a bad request; 409 says why the ticket is not where the action can be done.
 */
@RestController
public class TicketController {

    /** A submission; {@code mode} defaults to AFTER_APPROVAL, {@code scheduledAt} is ISO-8601 (SCHEDULED only). */
    record Submission(String title, String instance, String database, String sql, String reason, ExecutionMode mode,
                      Instant scheduledAt, String reviewer) {
    }

    record Decision(Boolean approve, String comment) {
    }

    record Resubmission(String sql) {
    }

    record Resolution(FailureResolution resolution, String comment) {
    }

    record Reason(String reason) {
    }

    /** The longest a status request waits for a change ({@code wait}, in seconds). */

    private final Tickets tickets;
    private final TicketWatch watch;
    public TicketController(Tickets tickets, TicketWatch watch) {
        this.tickets = tickets;
        this.watch = watch;
    }

    @PostMapping(value = "/api/v1/tickets", params = "!waitWhileStatus")
    ResponseEntity<TicketRecord> submit(@RequestBody Submission body, @RequestParam(required = false) String wait,
                                        Authentication user) {
        if (wait != null) {
            throw new InvalidTicketException(List.of("wait needs waitWhileStatus: the status to wait out"));
        }
        TicketRecord ticket = submitted(body, user);
        return ResponseEntity.created(location(ticket.id())).body(ticket);
    }

    /**
     * Submits, then answers (201, as without the wait) once the ticket's status is none of {@code waitWhileStatus} or
     * {@code wait} seconds have passed, like the status request's wait: {@code ?waitWhileStatus=REVIEWING} gives a
     * pipeline the review's verdict with its submission. A bad wait is refused before anything is submitted.
     */
    @PostMapping(value = "/api/v1/tickets", params = "waitWhileStatus")
    DeferredResult<ResponseEntity<TicketRecord>> submitAndWait(@RequestBody Submission body,
                                                               @RequestParam String waitWhileStatus,
                                                               @RequestParam(required = false) String wait,
                                                               Authentication user) {
        StatusWait<TicketStatus> asked = StatusWait.parse(TicketStatus.class, waitWhileStatus, wait);
        String id = tickets.submitId(user.getName(), draft(body));
        return later(id, asked, () -> ResponseEntity.created(location(id)).body(current(id, user).getBody()));
    }

    private TicketRecord submitted(Submission body, Authentication user) {
        return tickets.submit(user.getName(), draft(body));
    }

    private static TicketDraft draft(Submission body) {
        if (body == null) {
            throw new InvalidTicketException(List.of("the request needs a JSON body"));
        }
        return new TicketDraft(body.title(), body.instance(), body.database(), body.sql(), body.reason(),
                body.mode() == null ? ExecutionMode.AFTER_APPROVAL : body.mode(), body.scheduledAt(), body.reviewer());
    }

    private static URI location(String id) {
        return URI.create("/api/v1/tickets/" + id);
    }

    @GetMapping(value = "/api/v1/tickets/{id}", params = "!waitWhileStatus")
    ResponseEntity<TicketRecord> status(@PathVariable String id, @RequestParam(required = false) String wait,
                                        Authentication user) {
        Permissions.require(user, Permission.READ_TICKETS);
        if (wait != null) {
            throw new InvalidTicketException(List.of("wait needs waitWhileStatus: the status to wait out"));
        }
        return current(id, user);
    }

    /**
     * The ticket, once its status is none of {@code waitWhileStatus} (one status, or several separated by commas) or
     * {@code wait} seconds have passed (default 30, at most 60), whichever comes first; the request holds no server
     * thread meanwhile. A pipeline loops on it (passing the status it last saw, or every status it means to wait out,
     * such as {@code APPROVED,EXECUTING}) instead of polling.
     */
    @GetMapping(value = "/api/v1/tickets/{id}", params = "waitWhileStatus")
    public DeferredResult<ResponseEntity<TicketRecord>> awaitStatus(@PathVariable String id,
                                                             @RequestParam String waitWhileStatus,
                                                             @RequestParam(required = false) String wait,
                                                             Authentication user) {
        Permissions.require(user, Permission.READ_TICKETS);
        StatusWait<TicketStatus> asked = StatusWait.parse(TicketStatus.class, waitWhileStatus, wait);
        return later(id, asked, () -> current(id, user));
    }

    /** {@code answer}, once the ticket's status is none of those asked or their wait has passed; holds no thread. */
    private DeferredResult<ResponseEntity<TicketRecord>> later(String id, StatusWait<TicketStatus> asked,
                                                               Supplier<ResponseEntity<TicketRecord>> answer) {
        // the request's own timeout comes later than the wait's, which answers with the ticket as it is
        DeferredResult<ResponseEntity<TicketRecord>> later = new DeferredResult<>(
                asked.timeout().plusSeconds(10).toMillis());
        answerWhenLeft(id, asked, Instant.now().plus(asked.timeout()), answer, later);
        return later;
    }

    /**
     * Waits for the ticket to leave the statuses asked, then reads the answer; an answer still in one of them (a
     * wake-up by a status that a later commit had already replaced) waits again for the rest of the time.
     */
    private void answerWhenLeft(String id, StatusWait<TicketStatus> asked, Instant until,
                                Supplier<ResponseEntity<TicketRecord>> answer,
                                DeferredResult<ResponseEntity<TicketRecord>> later) {
        Duration left = Duration.between(Instant.now(), until);
        watch.awaitChange(id, asked.statuses(), left.isNegative() ? Duration.ZERO : left)
                .thenRunAsync(() -> {
                    ResponseEntity<TicketRecord> now = answer.get();
                    TicketRecord ticket = now.getBody();
                    if (ticket != null && asked.statuses().contains(ticket.status()) && Instant.now().isBefore(until)) {
                        answerWhenLeft(id, asked, until, answer, later);
                    } else {
                        later.setResult(now);
                    }
                }, watch.readers())
                .exceptionally(e -> {
                    later.setErrorResult(e);
                    return null;
                });
    }

    /**
     * The ticket as this person may read it: before-images only for their own ticket or with the permission, and
     * even then not its rollback steps (their count only): those are read at {@code /rollback-sql}, where every read
     * is in the audit trail. The rows a rollback found changed since carry before-images too: an answer that holds
     * them is recorded as a read.
     */
    private ResponseEntity<TicketRecord> current(String id, Authentication user) {
        boolean beforeImages = Permission.READ_BEFORE_IMAGES.allows(Permissions.rolesOf(user));
        TicketRecord found = tickets.findWithoutRollbackSteps(id).orElseThrow(() -> NotFoundException.of("ticket", id));
        if (!beforeImages && !found.submitter().equals(user.getName())) {
            return ResponseEntity.ok(found.withoutBeforeImages());
        }
        if (!found.conflicts().isEmpty()) {
            tickets.beforeImagesRead(id, user.getName(), "the rows its rollback found changed since, read over the"
                    + " API with the ticket");
        }
        return ResponseEntity.ok(found.withoutRollbackSteps());
    }


    @GetMapping("/api/v1/tickets")
    List<TicketSummary> list(@RequestParam(required = false) Set<TicketStatus> status,
                             @RequestParam(required = false) String instance,
                             @RequestParam(required = false) String submitter,
                             @RequestParam(required = false) String from,
                             @RequestParam(required = false) String to,
                             @RequestParam(required = false) String q,
                             @RequestParam(defaultValue = "100") int limit,
                             @RequestParam(defaultValue = "false") boolean stuck, Authentication user) {
        Permissions.require(user, Permission.READ_TICKETS);
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException("limit", "limit must be between 1 and 1000, not " + limit);
        }
        RequestTimes.requireOrdered(from, to);
        return tickets.list(new TicketFilter(status, instance, submitter, RequestTimes.from(from, "from"),
                RequestTimes.until(to, "to"), q, limit, stuck));
    }

    /**
     * A page of the ticket's review findings, in review order: the ticket itself carries the first
     * {@link Tickets#FIRST_ROWS} and the counts per rule and level; this reads the rest (issue 13).
     */
    @GetMapping("/api/v1/tickets/{id}/findings")
    ResponseEntity<TicketPage<TicketFinding>> findings(@PathVariable String id,
                                                       @RequestParam(defaultValue = "0") int offset,
                                                       @RequestParam(defaultValue = "200") int limit,
                                                       Authentication user) {
        Permissions.require(user, Permission.READ_TICKETS);
        return tickets.findings(id, offset, limit).map(ResponseEntity::ok)
                .orElseThrow(() -> NotFoundException.of("ticket", id));
    }

    /**
     * Every version of the ticket's SQL, oldest first: each one a resubmission replaced (who and when), then the
     * current one; each with the hash the trail's entries of that version name.
     */
    @GetMapping("/api/v1/tickets/{id}/sql-versions")
    List<io.tollgate.engine.ticket.SqlVersion> sqlVersions(@PathVariable String id, Authentication user) {
        Permissions.require(user, Permission.READ_TICKETS);
        List<io.tollgate.engine.ticket.SqlVersion> versions = tickets.sqlVersions(id);
        if (versions.isEmpty()) {
            throw NotFoundException.of("ticket", id);
        }
        return versions;
    }

    /** One version's SQL, as a script ({@code application/sql}); 404 for a version the ticket never had. */
    @GetMapping("/api/v1/tickets/{id}/sql-versions/{version}")
    ResponseEntity<String> sqlVersion(@PathVariable String id, @PathVariable int version, Authentication user) {
        Permissions.require(user, Permission.READ_TICKETS);
        if (tickets.summary(id).isEmpty()) {
            throw NotFoundException.of("ticket", id);
        }
        String sql = tickets.sqlVersionText(id, version).orElseThrow(() -> new NotFoundException("ticket " + id
                + " has no SQL version " + version + ": GET /api/v1/tickets/" + id + "/sql-versions lists them"));
        return ResponseEntity.ok().contentType(new MediaType("application", "sql", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(id + "-v" + version + ".sql").build().toString())
                .body(sql);
    }

    /** A page of the last execution's per-statement results (the ticket carries the first ones). */
    @GetMapping("/api/v1/tickets/{id}/execution")
    ResponseEntity<TicketPage<StatementResult>> executionResults(@PathVariable String id,
                                                                 @RequestParam(defaultValue = "0") int offset,
                                                                 @RequestParam(defaultValue = "200") int limit,
                                                                 Authentication user) {
        Permissions.require(user, Permission.READ_TICKETS);
        return tickets.executionResults(id, offset, limit).map(ResponseEntity::ok)
                .orElseThrow(() -> NotFoundException.of("ticket", id));
    }

    /** A page of the last rollback's per-statement results. */
    @GetMapping("/api/v1/tickets/{id}/rollback")
    ResponseEntity<TicketPage<StatementResult>> rollbackResults(@PathVariable String id,
                                                                @RequestParam(defaultValue = "0") int offset,
                                                                @RequestParam(defaultValue = "200") int limit,
                                                                Authentication user) {
        Permissions.require(user, Permission.READ_TICKETS);
        return tickets.rollbackResults(id, offset, limit).map(ResponseEntity::ok)
                .orElseThrow(() -> NotFoundException.of("ticket", id));
    }

    /** A page of the recorded rollback SQL: before-images, so for the submitter and whoever may read them. */
    @GetMapping("/api/v1/tickets/{id}/rollback-sql")
    ResponseEntity<TicketPage<RollbackStep>> rollbackSql(@PathVariable String id,
                                                         @RequestParam(defaultValue = "0") int offset,
                                                         @RequestParam(defaultValue = "200") int limit,
                                                         Authentication user) {
        requireBeforeImageReader(id, user);
        Optional<TicketPage<RollbackStep>> page = tickets.rollbackSql(id, offset, limit);
        if (page.isPresent() && !page.get().items().isEmpty()) {
            // every page that carries steps: reading from the second page on (or one step a page) is a read too
            tickets.beforeImagesRead(id, user.getName(), page.get().items().size() == 1 ? "its step " + (offset + 1)
                    + " read over the API" : "its steps " + (offset + 1) + " to " + (offset + page.get().items().size())
                    + " read over the API");
        }
        return page.map(ResponseEntity::ok).orElseThrow(() -> NotFoundException.of("ticket", id));
    }

    /** The ticket's before-images are for its submitter and whoever may read them; 404 for a ticket not there. */
    private void requireBeforeImageReader(String id, Authentication user) {
        Permissions.require(user, Permission.READ_TICKETS);
        Optional<TicketSummary> ticket = tickets.summary(id);
        if (ticket.isEmpty()) {
            throw NotFoundException.of("ticket", id);
        }
        if (!Permission.READ_BEFORE_IMAGES.allows(Permissions.rolesOf(user))
                && !ticket.get().submitter().equals(user.getName())) {
            Permissions.require(user, Permission.READ_BEFORE_IMAGES);
        }
    }

    /**
     * The whole recorded rollback SQL as one script ({@code application/sql}, as the ticket page downloads it),
     * streamed a page at a time: a 200,000-step script is never held whole (issue 13). Same readers as
     * {@code /rollback-sql}.
     */
    @GetMapping("/api/v1/tickets/{id}/rollback-sql/script")
    ResponseEntity<StreamingResponseBody> rollbackScript(@PathVariable String id, Authentication user) {
        // the same readers and the same 404 as the paged steps
        requireBeforeImageReader(id, user);
        tickets.beforeImagesRead(id, user.getName(), "the rollback script downloaded over the API");
        return ResponseEntity.ok()
                .contentType(new MediaType("application", "sql", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(id + "-rollback.sql").build().toString())
                .body(out -> {
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    RollbackScript.write(tickets, id, writer);
                    writer.flush();
                });
    }

    @GetMapping("/api/v1/tickets/{id}/tasks")
    List<TicketTask> tasks(@PathVariable String id, Authentication user) {
        Permissions.require(user, Permission.READ_TICKETS);
        if (tickets.summary(id).isEmpty()) {
            throw NotFoundException.of("ticket", id); // as its other parts: none, rather than no open task
        }
        return tickets.openTasks(id);
    }

    /**
     * The submitter's fixed SQL for a ticket whose review failed ({@code {"sql": "..."}}): reviewed again, as the
     * ticket page's "Resubmit" does; 204. 403 for anyone else, 409 when the ticket does not wait for a fix.
     */
    @PostMapping(value = "/api/v1/tickets/{id}/resubmit", params = "!waitWhileStatus")
    ResponseEntity<Void> resubmit(@PathVariable String id, @RequestBody(required = false) Resubmission body,
                                  @RequestParam(required = false) String wait, Authentication user) {
        if (wait != null) {
            throw new InvalidTicketException(List.of("wait needs waitWhileStatus: the status to wait out"));
        }
        tickets.resubmit(id, user.getName(), body == null ? null : body.sql());
        return ResponseEntity.noContent().build();
    }

    /**
     * Resubmits as {@link #resubmit}, then answers with the ticket (200) once its status is none of
     * {@code waitWhileStatus}: {@code ?waitWhileStatus=REVIEWING} gives a pipeline the new review's verdict.
     */
    @PostMapping(value = "/api/v1/tickets/{id}/resubmit", params = "waitWhileStatus")
    DeferredResult<ResponseEntity<TicketRecord>> resubmitAndWait(@PathVariable String id,
                                                                 @RequestBody(required = false) Resubmission body,
                                                                 @RequestParam String waitWhileStatus,
                                                                 @RequestParam(required = false) String wait,
                                                                 Authentication user) {
        Permissions.require(user, Permission.READ_TICKETS);
        StatusWait<TicketStatus> asked = StatusWait.parse(TicketStatus.class, waitWhileStatus, wait);
        tickets.resubmit(id, user.getName(), body == null ? null : body.sql());
        return later(id, asked, () -> current(id, user));
    }

    @PostMapping("/api/v1/tickets/{id}/withdraw")
    ResponseEntity<Void> withdraw(@PathVariable String id, Authentication user) {
        tickets.withdraw(id, user.getName());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/tickets/{id}/execute")
    ResponseEntity<Void> execute(@PathVariable String id, Authentication user) {
        tickets.execute(id, user.getName());
        return ResponseEntity.noContent().build();
    }

    /** DBAs: hold the running online schema change before its next chunk ({@code copyPause} on the ticket says where it is). */
    @PostMapping("/api/v1/tickets/{id}/execution/pause")
    ResponseEntity<Void> pauseCopy(@PathVariable String id, Authentication user) {
        tickets.pauseCopy(id, user.getName(), groups(user), true);
        return ResponseEntity.noContent().build();
    }

    /** DBAs: let a paused online schema change go on (within a minute). */
    @PostMapping("/api/v1/tickets/{id}/execution/resume")
    ResponseEntity<Void> resumeCopy(@PathVariable String id, Authentication user) {
        tickets.pauseCopy(id, user.getName(), groups(user), false);
        return ResponseEntity.noContent().build();
    }

    /** DBAs: stop the running online schema change; the original table stays as it was and the execution fails. */
    @PostMapping("/api/v1/tickets/{id}/execution/abort")
    ResponseEntity<Void> abortCopy(@PathVariable String id, Authentication user) {
        tickets.abort(id, user.getName(), groups(user));
        return ResponseEntity.noContent().build();
    }

    /** DBAs: give the ticket's stuck step ({@code stuckStep} on the ticket) another try. */
    @PostMapping("/api/v1/tickets/{id}/stuck-step/retry")
    ResponseEntity<Void> retryStuckStep(@PathVariable String id, Authentication user) {
        tickets.retryStuckStep(id, user.getName());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/tickets/{id}/rollback")
    ResponseEntity<Void> requestRollback(@PathVariable String id, @RequestBody(required = false) Reason body,
                                         Authentication user) {
        tickets.requestRollback(id, user.getName(), body == null ? null : body.reason());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/tasks")
    List<TicketTask> myTasks(Authentication user) {
        return tickets.tasksFor(user.getName(), groups(user));
    }

    @PostMapping("/api/v1/tasks/{taskId}/decision")
    ResponseEntity<Void> decide(@PathVariable String taskId, @RequestBody Decision body, Authentication user) {
        tickets.decide(taskId, user.getName(), groups(user), requireApprove(body), body.comment());
        return ResponseEntity.noContent().build();
    }

    /**
     * Approves or rejects the approval the ticket waits for, as the signed-in user: {@link #decide} without looking
     * up the task first. The same checks and answers (403 four eyes, 409 not offered or nothing waiting).
     */
    @PostMapping(value = "/api/v1/tickets/{id}/decision", params = "!waitWhileStatus")
    ResponseEntity<Void> decideTicket(@PathVariable String id, @RequestBody Decision body,
                                      @RequestParam(required = false) String wait, Authentication user) {
        if (wait != null) {
            throw new InvalidTicketException(List.of("wait needs waitWhileStatus: the status to wait out"));
        }
        tickets.decideOpenApproval(id, user.getName(), groups(user), requireApprove(body), body.comment());
        return ResponseEntity.noContent().build();
    }

    /**
     * Decides as {@link #decideTicket}, then answers with the ticket (200) once its status is none of
     * {@code waitWhileStatus} or {@code wait} seconds have passed, like the status request's wait:
     * {@code ?waitWhileStatus=AWAITING_EXECUTION,EXECUTING} gives the approver the execution's outcome with the
     * approval. A bad wait, or a person who may not read tickets, is refused before anything is decided.
     */
    @PostMapping(value = "/api/v1/tickets/{id}/decision", params = "waitWhileStatus")
    DeferredResult<ResponseEntity<TicketRecord>> decideTicketAndWait(@PathVariable String id,
                                                                     @RequestBody Decision body,
                                                                     @RequestParam String waitWhileStatus,
                                                                     @RequestParam(required = false) String wait,
                                                                     Authentication user) {
        Permissions.require(user, Permission.READ_TICKETS);
        StatusWait<TicketStatus> asked = StatusWait.parse(TicketStatus.class, waitWhileStatus, wait);
        tickets.decideOpenApproval(id, user.getName(), groups(user), requireApprove(body), body.comment());
        return later(id, asked, () -> current(id, user));
    }

    @PostMapping("/api/v1/tasks/{taskId}/resolution")
    ResponseEntity<Void> resolve(@PathVariable String taskId, @RequestBody Resolution body, Authentication user) {
        tickets.resolve(taskId, user.getName(), groups(user), body == null ? null : body.resolution(),
                body == null ? null : body.comment());
        return ResponseEntity.noContent().build();
    }

    private static boolean requireApprove(Decision body) {
        if (body == null || body.approve() == null) {
            throw new InvalidTicketException(List.of("the request needs \"approve\": true or false"));
        }
        return body.approve();
    }

    private static Collection<String> groups(Authentication user) {
        return Role.groupIdsOf(user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    }

    @ExceptionHandler(InvalidTicketException.class)
    ResponseEntity<ApiProblem> invalid(InvalidTicketException e) {
        return new ApiProblem(null, null, e.getMessage(), e.field(), e.problems()).answer(HttpStatus.BAD_REQUEST);
    }

    /** The ticket is not where the action can be done (a permission is 403, from {@code ApiRefusals}). */
    @ExceptionHandler(TicketNotAllowedException.class)
    ResponseEntity<ApiProblem> notAllowed(TicketNotAllowedException e) {
        return ApiProblem.of(e.getMessage()).answer(HttpStatus.CONFLICT);
    }
}
