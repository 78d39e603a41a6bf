package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.audit.AuditEntry;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.discussion.Discussions;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.mail.Outbox;
import io.tollgate.engine.mail.OutboxMailView;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.engine.ticket.Tickets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A ticket's discussion over {@code /api/v1/tickets/{id}/comments}: whoever may read the ticket comments and reads
 * the thread (newest last), in every status, also after the ticket ended; each comment is in the trail and mailed to
 * the people involved (submitter, approver, earlier commenters), never to its author. Whoever may not read tickets is
 * refused and nothing is stored; a blank or too long comment is refused naming the field {@code text}.
 */
@TollgateAppTest
class DiscussionIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_discussion_");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired Tickets tickets;
    @Autowired TargetInstances instances;
    @Autowired Outbox outbox;
    @Autowired AuditTrail trail;
    @Autowired io.tollgate.engine.timeline.Timelines timelines;
    Http http;
    private final List<String> submitted = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void withdraw() {
        for (String id : submitted) {
            try {
                tickets.withdraw(id, "engineer");
            } catch (RuntimeException alreadyOver) {
                // nothing waits on anybody
            }
        }
    }

    @org.junit.jupiter.api.BeforeAll
    static void table() throws java.sql.SQLException {
        TARGET.sql("CREATE TABLE `stock` (id INT NOT NULL PRIMARY KEY COMMENT 'id',"
                + " qty INT NOT NULL COMMENT 'quantity') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='stock'");
        TARGET.sql("INSERT INTO `stock` VALUES (1, 10), (2, 20)");
    }

    @BeforeEach
    void client() {
        http = new Http(port);
        TARGET.register(instances);
    }

    private String approvedTicket() {
        String id = tickets.submit("engineer", new TicketDraft("Discuss me", TARGET.instance, TARGET.name,
                "UPDATE `stock` SET qty = qty + 1 WHERE id = 1;",
                "the discussion test", ExecutionMode.MANUAL, null)).id();
        submitted.add(id);
        await().atMost(Duration.ofSeconds(180)).until(() -> approval(id).isPresent()
                || tickets.find(id).orElseThrow().status() == TicketStatus.REVIEW_FAILED);
        assertThat(approval(id)).as("findings: " + tickets.find(id).orElseThrow().findings()).isPresent();
        tickets.decide(approval(id).orElseThrow().taskId(), "reviewer", List.of("reviewer"), true, "fine");
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.find(id).orElseThrow().status()
                != TicketStatus.AWAITING_APPROVAL);
        return id;
    }

    private Optional<TicketTask> approval(String id) {
        return tickets.tasksFor("reviewer", List.of("reviewer")).stream()
                .filter(t -> t.ticket().id().equals(id) && t.kind() == TicketTask.Kind.APPROVAL).findFirst();
    }

    private HttpResponse<String> comment(String id, String user, String json) throws Exception {
        return http.postJson("/api/v1/tickets/" + id + "/comments", user, user + "-demo", json);
    }

    private JsonNode thread(String id, String user) throws Exception {
        HttpResponse<String> response = http.get("/api/v1/tickets/" + id + "/comments", user, user + "-demo");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Who got a comment mail about the ticket whose text holds {@code text}. */
    private List<String> mailedAbout(String id, String text) {
        return outbox.list(Optional.empty(), 500).stream().filter(m -> m.kind() == MailKind.TICKET_COMMENTED)
                .filter(m -> m.subject().contains(id) && m.textBody().contains(text))
                .map(OutboxMailView::recipient).sorted().toList();
    }

    @Test
    void theInvolvedDiscussATicketInEveryStatusInTheTrailAndByMail() throws Exception {
        String id = approvedTicket();

        HttpResponse<String> first = comment(id, "dba", "{\"text\": \"  Why on a Friday?\\nJust asking.  \"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode created = JSON.readTree(first.body());
        assertThat(created.path("author").asText()).isEqualTo("dba");
        assertThat(created.path("text").asText()).isEqualTo("Why on a Friday?\nJust asking.");
        assertThat(created.path("at").asText()).isNotBlank();
        // the submitter and the approver hear of it; its author does not
        assertThat(mailedAbout(id, "Why on a Friday?")).containsExactly("engineer", "reviewer");

        HttpResponse<String> answer = comment(id, "engineer", "{\"text\": \"The window is Friday night.\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        // earlier commenters too
        assertThat(mailedAbout(id, "The window is Friday night.")).containsExactly("dba", "reviewer");
        assertThat(mailedAbout(id, "The window is Friday night.")).doesNotContain("engineer");

        // anyone who may read the ticket reads the thread, newest last
        JsonNode read = thread(id, "auditor");
        assertThat(read).hasSize(2);
        assertThat(read.get(0).path("author").asText()).isEqualTo("dba");
        assertThat(read.get(1).path("author").asText()).isEqualTo("engineer");
        assertThat(read.get(1).path("text").asText()).isEqualTo("The window is Friday night.");

        // after the ticket ended, the discussion goes on
        tickets.withdraw(id, "engineer");
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.find(id).orElseThrow().status()
                == TicketStatus.WITHDRAWN);
        HttpResponse<String> late = comment(id, "reviewer", "{\"text\": \"Withdrawn, good.\"}");
        assertThat(late.statusCode()).as(late.body()).isEqualTo(201);
        assertThat(mailedAbout(id, "Withdrawn, good.")).containsExactly("dba", "engineer");
        assertThat(thread(id, "engineer")).hasSize(3);

        // each comment is in the trail, by its author, about the ticket
        List<AuditEntry> entries = trail.newest("auditor", 200).stream()
                .filter(e -> id.equals(e.subjectId()) && "ticket.commented".equals(e.kind())).toList();
        assertThat(entries).extracting(AuditEntry::actor).containsExactlyInAnyOrder("dba", "engineer", "reviewer");
        assertThat(entries).extracting(AuditEntry::summary).anySatisfy(s -> assertThat(s)
                .contains("Why on a Friday?"));
        assertThat(entries).allSatisfy(e -> assertThat(e.subjectType()).isEqualTo("ticket"));
        // and so in the ticket's timeline, with who wrote them
        assertThat(timelines.of("auditor", id)).filteredOn(step -> "ticket.commented".equals(step.what()))
                .extracting(io.tollgate.engine.timeline.TimelineStep::who)
                .containsExactly("dba", "engineer", "reviewer");
    }

    @Test
    void whoMayNotReadTheTicketIsRefusedAndNothingIsStored() throws Exception {
        String id = approvedTicket();
        assertThat(comment(id, "engineer", "{\"text\": \"first\"}").statusCode()).isEqualTo(201);
        int trailBefore = commentEntries(id);

        // an SRE and a process owner do not read tickets: not their comments either
        for (String user : List.of("sre", "process-owner")) {
            HttpResponse<String> write = comment(id, user, "{\"text\": \"sneaked in\"}");
            assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
            assertThat(JSON.readTree(write.body()).path("message").asText()).contains("comment on tickets");
            assertThat(http.get("/api/v1/tickets/" + id + "/comments", user, user + "-demo").statusCode())
                    .isEqualTo(403);
            // refused before the body is looked at
            assertThat(comment(id, user, "{\"text\": \"\"}").statusCode()).isEqualTo(403);
        }
        // an auditor reads the thread and writes nothing in it
        HttpResponse<String> auditor = comment(id, "auditor", "{\"text\": \"an auditor's note\"}");
        assertThat(auditor.statusCode()).as(auditor.body()).isEqualTo(403);
        assertThat(thread(id, "auditor")).hasSize(1);
        JsonNode read = thread(id, "reviewer");
        assertThat(read).hasSize(1);
        assertThat(read.get(0).path("text").asText()).isEqualTo("first");
        assertThat(commentEntries(id)).isEqualTo(trailBefore);
        assertThat(mailedAbout(id, "sneaked in")).isEmpty();

        // no such ticket: 404, as reading it
        HttpResponse<String> nowhere = comment("T-does-not-exist", "engineer", "{\"text\": \"hello?\"}");
        assertThat(nowhere.statusCode()).as(nowhere.body()).isEqualTo(404);
        assertThat(JSON.readTree(nowhere.body()).path("message").asText()).isEqualTo("no ticket T-does-not-exist");
        assertThat(http.get("/api/v1/tickets/T-does-not-exist/comments", "engineer", "engineer-demo").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aBlankOrTooLongCommentNamesTheFieldAndIsNotStored() throws Exception {
        String id = approvedTicket();
        for (String body : List.of("{\"text\": \"   \\n  \"}", "{\"text\": \"\"}", "{}", "",
                "{\"text\": \"" + "x".repeat(Discussions.MAX_TEXT + 1) + "\"}")) {
            HttpResponse<String> refused = comment(id, "reviewer", body);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            JsonNode problem = JSON.readTree(refused.body());
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("problems").isArray()).isTrue();
            assertThat(problem.path("field").asText()).as(refused.body()).isEqualTo("text");
        }
        HttpResponse<String> tooLong = comment(id, "reviewer", "{\"text\": \"" + "y".repeat(10_001) + "\"}");
        assertThat(JSON.readTree(tooLong.body()).path("message").asText())
                .isEqualTo("a comment is at most 10,000 characters, not 10,001");
        assertThat(thread(id, "reviewer")).isEmpty();
        assertThat(commentEntries(id)).isZero();

        // exactly the limit is taken
        assertThat(comment(id, "reviewer", "{\"text\": \"" + "z".repeat(Discussions.MAX_TEXT) + "\"}").statusCode())
                .isEqualTo(201);
        assertThat(thread(id, "reviewer").get(0).path("text").asText()).hasSize(Discussions.MAX_TEXT);
    }

    private int commentEntries(String id) {
        return (int) trail.newest("auditor", 200).stream()
                .filter(e -> id.equals(e.subjectId()) && "ticket.commented".equals(e.kind())).count();
    }
}
