package io.tollgate.engine.timeline;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/service-tree/changes/{changeId}/timeline}: a change's timeline, oldest first, for those who
 * read the change (or all history); 404 for a change that does not exist, 403 for anyone else, as an ApiProblem.
 */
@RestController
class TimelineController {

    private final Timelines timelines;

    TimelineController(Timelines timelines) {
        this.timelines = timelines;
    }

    @GetMapping("/api/v1/service-tree/changes/{changeId}/timeline")
    List<TimelineStep> ofChange(@PathVariable String changeId, Authentication user) {
        return timelines.ofChange(user == null ? null : user.getName(), changeId);
    }
}
