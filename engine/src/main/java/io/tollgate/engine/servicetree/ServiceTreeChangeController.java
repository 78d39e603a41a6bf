package io.tollgate.engine.servicetree;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.ApiProblem;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.integrations.servicetree.ServiceTreeChange;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-tree changes for scripts and pipelines ({@code /api/v1}, HTTP Basic): request one as the signed-in person,
 * and read a change with its events. The body is the change's JSON as the audit records it ({@code kind}, the node and
 * the kind's fields) plus a {@code reason}. 201: recorded and waiting for its approvers; 422: refused by the tree's
 * rules (the violations are the problems); 400: not a change; 503: not recorded for now (ZooKeeper or the database
 * unreachable), try again; 500: not recorded. Every refusal is an {@link ApiProblem}.
 */
@RestController
class ServiceTreeChangeController {

    static final String CHANGES = "/api/v1/service-tree/changes";

    private final ServiceTreeChangeRequests requests;

    ServiceTreeChangeController(ServiceTreeChangeRequests requests) {
        this.requests = requests;
    }

    @PostMapping(CHANGES)
    ResponseEntity<?> request(@RequestBody JsonNode body, Authentication user) {
        Permissions.require(user, Permission.REQUEST_TREE_CHANGES);
        ServiceTreeChange change = ChangeJson.requested(body, user.getName());
        RequestOutcome outcome = requests.request(change);
        if (!outcome.accepted()) {
            return ResponseEntity.unprocessableEntity().body(new ApiProblem("change " + outcome.changeId()
                    + " was refused: it breaks the service tree's rules", outcome.violations()));
        }
        return ResponseEntity.created(URI.create(CHANGES + "/" + outcome.changeId())).body(outcome);
    }

    @GetMapping(CHANGES + "/{changeId}")
    ResponseEntity<?> find(@PathVariable String changeId, Authentication user) {
        Permissions.require(user, Permission.AUDIT_TREE);
        return requests.find(changeId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(ApiProblem.of("no service-tree change " + changeId)));
    }

    @ExceptionHandler(ChangeNotRecordedException.class)
    ResponseEntity<ApiProblem> notRecorded(ChangeNotRecordedException e) {
        return ResponseEntity.status(e.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR)
                .body(ApiProblem.of(e.getMessage()));
    }

    @ExceptionHandler(NotAllowedException.class)
    ResponseEntity<ApiProblem> notAllowed(NotAllowedException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiProblem.of(e.getMessage()));
    }

    @ExceptionHandler({IllegalArgumentException.class, HttpMessageNotReadableException.class})
    ResponseEntity<ApiProblem> unreadable(Exception e) {
        return ResponseEntity.badRequest().body(ApiProblem.of(e instanceof HttpMessageNotReadableException
                ? "the request needs a JSON object with the change's kind and a reason" : e.getMessage()));
    }
}
