package io.tollgate.engine.tasklist.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.permission.ApiRequestRefused;
import io.tollgate.engine.tasklist.BatchDecision;
import io.tollgate.engine.tasklist.BatchDecisions;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/tasks/decisions}: several approvals decided at once ({@link BatchDecisions}). A batch that
 * cannot be taken as a whole is a 400 and decides nothing; otherwise 200 with each task's outcome, and each refusal
 * of the approval policy is recorded in the audit trail as a refused request, as a single decision's 403 is.
 */
@RestController
class TaskDecisionsController {

    static final String PATH = "/api/v1/tasks/decisions";
    private static final List<String> FIELDS = List.of("taskIds", "approve", "comment");

    private final BatchDecisions batch;
    private final ApplicationEventPublisher events;

    TaskDecisionsController(BatchDecisions batch, ApplicationEventPublisher events) {
        this.batch = batch;
        this.events = events;
    }

    /** The answer: how many were decided, and each task's outcome in the request's order. */
    record BatchAnswer(boolean approve, long decided, long notDecided, List<BatchDecision> outcomes) {
    }

    @PostMapping(PATH)
    BatchAnswer decide(@RequestBody(required = false) JsonNode body, Authentication user,
                       HttpServletRequest request) {
        Request asked = Request.of(body);
        List<BatchDecision> outcomes = batch.decideEach(asked.taskIds(), user.getName(), groups(user),
                asked.approve(), asked.comment());
        for (BatchDecision outcome : outcomes) {
            if (outcome.outcome() == BatchDecision.Outcome.REFUSED) {
                events.publishEvent(new ApiRequestRefused(user.getName(), request.getMethod(),
                        request.getRequestURI(), "task " + outcome.taskId() + " of " + outcome.businessKey() + ": "
                        + outcome.reason(), request.getRemoteAddr(), true, outcome.taskId()));
            }
        }
        long decided = outcomes.stream().filter(BatchDecision::decided).count();
        return new BatchAnswer(asked.approve(), decided, outcomes.size() - decided, outcomes);
    }

    /** The body, read strictly: these three fields and nothing else (no process variable can ride along). */
    record Request(List<String> taskIds, boolean approve, String comment) {

        static Request of(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw new InvalidRequestException("a batch of decisions needs a JSON object with " + FIELDS);
            }
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    throw new InvalidRequestException(name, "unknown field \"" + name + "\": a batch of decisions"
                            + " takes " + FIELDS + " only");
                }
            }
            JsonNode ids = body.get("taskIds");
            if (ids == null || !ids.isArray()) {
                throw new InvalidRequestException("taskIds", "\"taskIds\" must be a list of task ids");
            }
            List<String> taskIds = new ArrayList<>(ids.size());
            for (JsonNode id : ids) {
                if (!id.isTextual()) {
                    throw new InvalidRequestException("taskIds", "\"taskIds\" must hold task ids as text");
                }
                taskIds.add(id.asText());
            }
            JsonNode approve = body.get("approve");
            if (approve == null || !approve.isBoolean()) {
                throw new InvalidRequestException("approve", "a batch of decisions needs \"approve\": true or false");
            }
            JsonNode comment = body.get("comment");
            if (comment != null && !comment.isNull() && !comment.isTextual()) {
                throw new InvalidRequestException("comment", "\"comment\" must be text");
            }
            return new Request(taskIds, approve.asBoolean(),
                    comment == null || comment.isNull() ? null : comment.asText());
        }
    }

    private static Collection<String> groups(Authentication user) {
        return Role.groupIdsOf(user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    }
}
