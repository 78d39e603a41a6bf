package io.tollgate.engine.discussion;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A ticket's discussion over {@code /api/v1}: read it, add a comment ({@code {"text": "..."}}). 403 for whoever may
 * not read tickets, 404 for an unknown ticket, 400 with {@code field: "text"} for a blank or too long comment.
 */
@RestController
class DiscussionController {

    record NewComment(String text) {
    }

    private final Discussions discussions;

    DiscussionController(Discussions discussions) {
        this.discussions = discussions;
    }

    @GetMapping("/api/v1/tickets/{id}/comments")
    List<Comment> list(@PathVariable String id, Authentication user) {
        return discussions.onTicket(user.getName(), id);
    }

    @PostMapping("/api/v1/tickets/{id}/comments")
    ResponseEntity<Comment> add(@PathVariable String id, @RequestBody(required = false) NewComment body,
                                Authentication user) {
        // no body is no text: refused after the permission and the ticket are checked, like a blank one
        Comment comment = discussions.commentOnTicket(user.getName(), id, body == null ? null : body.text());
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + id + "/comments")).body(comment);
    }
}
