package io.tollgate.ui.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import io.tollgate.Http;
import io.tollgate.TargetDatabase;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.FindingCount;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketFinding;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.ui.Browserless;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Bounded memory for any ticket (issue 13): a ticket whose review finds something in every statement carries the
 * first {@link Tickets#FIRST_ROWS} findings and the counts per rule and level, in the use case, over REST and on
 * its page; the rest are read a page at a time; lists carry no findings.
 */
@TollgateAppTest
class BigTicketIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_big_");
    private static final int STATEMENTS = 1500;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired ApplicationContext context;
    @Autowired Tickets tickets;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired TargetInstances instances;
    @Autowired io.tollgate.engine.account.Accounts accounts;
    @LocalServerPort int port;

    @BeforeEach
    void instance() {
        TARGET.register(instances);
    }

    @AfterEach
    void signOut() {
        Browserless.signOut();
    }

    @Test
    void aTicketWithAFindingPerStatementIsReadAPageAtATimeEverywhere() throws Exception {
        // every SELECT is the executor's refusal, so the review finds at least one ERROR per statement
        String sql = "SELECT 1;\n".repeat(STATEMENTS);
        String id = tickets.submit("engineer", new TicketDraft("many findings", TARGET.instance, TARGET.name, sql,
                "issue 13", ExecutionMode.AFTER_APPROVAL, null)).id();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> tickets.find(id).orElseThrow().status() == TicketStatus.REVIEW_FAILED);

        TicketRecord ticket = tickets.find(id).orElseThrow();
        int total = ticket.findingCount();
        assertThat(total).isGreaterThanOrEqualTo(STATEMENTS);
        assertThat(ticket.findings()).hasSize(Tickets.FIRST_ROWS);
        assertThat(ticket.findingSummary().stream().mapToInt(FindingCount::count).sum()).isEqualTo(total);
        assertThat(ticket.findingSummary()).contains(new FindingCount("execution.refused", "ERROR", STATEMENTS));

        Http http = new Http(port);
        JsonNode read = JSON.readTree(ok(http.get("/api/v1/tickets/" + id, "auditor", "auditor-demo")));
        assertThat(read.get("findings")).hasSize(Tickets.FIRST_ROWS);
        assertThat(read.get("findingCount").asInt()).isEqualTo(total);
        assertThat(read.get("findingSummary").toString()).contains("execution.refused");

        // the pages, one after the other, are all the findings in review order
        List<Integer> statements = new ArrayList<>();
        for (int offset = 0; offset < total; offset += Tickets.MAX_PAGE) {
            JsonNode page = JSON.readTree(ok(http.get("/api/v1/tickets/" + id + "/findings?offset=" + offset
                    + "&limit=" + Tickets.MAX_PAGE, "auditor", "auditor-demo")));
            assertThat(page.get("total").asInt()).isEqualTo(total);
            assertThat(page.get("offset").asInt()).isEqualTo(offset);
            page.get("items").forEach(f -> statements.add(f.get("statement").asInt()));
        }
        assertThat(statements).hasSize(total).isSorted();
        assertThat(statements.subList(0, Tickets.FIRST_ROWS)).isEqualTo(
                ticket.findings().stream().map(TicketFinding::statement).toList());
        assertThat(statements.get(total - 1)).isEqualTo(STATEMENTS);
        JsonNode beyond = JSON.readTree(ok(http.get("/api/v1/tickets/" + id + "/findings?offset=" + total,
                "auditor", "auditor-demo")));
        assertThat(beyond.get("items")).isEmpty();

        HttpResponse<String> tooMany = http.get("/api/v1/tickets/" + id + "/findings?limit=100000", "auditor",
                "auditor-demo");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooMany.body()).get("message").asText()).startsWith("limit must be between 1 and");
        assertThat(JSON.readTree(tooMany.body()).get("field").asText()).isEqualTo("limit");
        assertThat(http.get("/api/v1/tickets/T-NOSUCHTICKET/findings", "auditor", "auditor-demo").statusCode())
                .isEqualTo(404);

        JsonNode list = JSON.readTree(ok(http.get("/api/v1/tickets?q=" + id, "auditor", "auditor-demo")));
        assertThat(list).singleElement().satisfies(row -> {
            assertThat(row.get("id").asText()).isEqualTo(id);
            assertThat(row.has("findings")).isFalse();
            assertThat(row.has("sql")).isFalse();
        });

        Browserless.signIn(context, "engineer", "engineer-demo");
        UI.getCurrent().navigate("tickets/" + id);
        TicketDetailView detail = com.github.mvysny.kaributesting.v10.LocatorJ._get(TicketDetailView.class);
        assertThat(detail.findingSummary.getText()).startsWith(total + " findings: ")
                .contains("execution.refused error × " + STATEMENTS);
        assertThat(GridKt._size(detail.findings)).isEqualTo(total);
        assertThat(GridKt._fetch(detail.findings, total - 5, 5)).extracting(TicketFinding::statement)
                .isSorted().endsWith(STATEMENTS);
    }

    @Test
    void theResultsAndRollbackSqlOfALargeTicketAreReadAPageAtATime() throws Exception {
        int statements = 450;
        String table = TARGET.fruitTable();
        StringBuilder sql = new StringBuilder();
        for (int k = 0; k < statements; k++) {
            sql.append("INSERT INTO `").append(table).append("` (id, name, qty) VALUES (").append(100 + k)
                    .append(", 'f', 1);\n");
        }
        String id = tickets.submit("engineer", new TicketDraft("many results", TARGET.instance, TARGET.name,
                sql.toString(), "issue 13", ExecutionMode.AFTER_APPROVAL, null)).id();
        approveAll(id, TicketStatus.EXECUTED);

        TicketRecord executed = tickets.find(id).orElseThrow();
        assertThat(executed.executionCount()).isEqualTo(statements);
        assertThat(executed.execution()).hasSize(Tickets.FIRST_ROWS);
        assertThat(executed.rollbackSqlCount()).isEqualTo(statements);
        assertThat(executed.rollbackSql()).hasSize(Tickets.FIRST_ROWS);
        assertThat(executed.rollbackSql().get(0).statement()).as("a rollback runs backwards").isEqualTo(statements);

        Http http = new Http(port);
        JsonNode results = JSON.readTree(ok(http.get("/api/v1/tickets/" + id + "/execution?offset=400&limit=100",
                "auditor", "auditor-demo")));
        assertThat(results.get("total").asInt()).isEqualTo(statements);
        assertThat(results.get("items")).hasSize(statements - 400);
        assertThat(results.get("items").get(0).get("index").asInt()).isEqualTo(401);
        JsonNode steps = JSON.readTree(ok(http.get("/api/v1/tickets/" + id + "/rollback-sql?offset=449&limit=10",
                "auditor", "auditor-demo")));
        assertThat(steps.get("items")).singleElement().satisfies(step -> {
            assertThat(step.get("statement").asInt()).isEqualTo(1);
            assertThat(step.get("sql").asText()).contains("DELETE").contains(table);
        });
        assertThat(http.get("/api/v1/tickets/" + id + "/rollback-sql", "reviewer", "reviewer-demo").statusCode())
                .isEqualTo(200);
        String otherEngineer = "eng" + java.util.UUID.randomUUID().toString().substring(0, 6);
        accounts.createLocal(otherEngineer, "other-engineer-pw", "Other Engineer", null,
                java.util.EnumSet.of(io.tollgate.engine.account.Role.ENGINEER));
        HttpResponse<String> notTheirs = http.get("/api/v1/tickets/" + id + "/rollback-sql", otherEngineer,
                "other-engineer-pw");
        assertThat(notTheirs.statusCode()).as("before-images").isEqualTo(403);
        java.io.StringWriter expectedScript = new java.io.StringWriter();
        TicketDetailView.writeRollbackScript(tickets, id, expectedScript);
        HttpResponse<String> script = http.get("/api/v1/tickets/" + id + "/rollback-sql/script", "auditor",
                "auditor-demo");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/sql"));
        assertThat(script.body()).as("the streamed script is the page's download").isEqualTo(expectedScript.toString())
                .contains("-- undoes statement " + statements + "\n", "-- undoes statement 1\n");
        assertThat(http.get("/api/v1/tickets/" + id + "/rollback-sql/script", otherEngineer, "other-engineer-pw")
                .statusCode()).as("before-images").isEqualTo(403);
        assertThat(http.get("/api/v1/tickets/T-nope/rollback-sql/script", "auditor", "auditor-demo").statusCode())
                .isEqualTo(404);
        assertThat(JSON.readTree(notTheirs.body()).has("message")).isTrue();
        // who read the before-images is in the audit trail, about the ticket: every page that carried steps
        assertThat(jdbc.queryForList("SELECT CONCAT(actor, ': ', summary) FROM audit_entry WHERE kind ="
                + " 'ticket.before-images-read' AND subject_type = 'ticket' AND subject_id = ? ORDER BY id",
                String.class, id)).containsExactly(
                "auditor: auditor read the rollback SQL (before-images) of ticket " + id
                        + ": its step 450 read over the API",
                "reviewer: reviewer read the rollback SQL (before-images) of ticket " + id
                        + ": its steps 1 to 200 read over the API",
                "auditor: auditor read the rollback SQL (before-images) of ticket " + id
                        + ": the rollback script downloaded over the API");

        Browserless.signIn(context, "engineer", "engineer-demo");
        UI.getCurrent().navigate("tickets/" + id);
        TicketDetailView detail = com.github.mvysny.kaributesting.v10.LocatorJ._get(TicketDetailView.class);
        assertThat(GridKt._size(detail.execution)).isEqualTo(statements);
        assertThat(GridKt._fetch(detail.execution, statements - 1, 1)).extracting(r -> r.index())
                .containsExactly(statements);
        assertThat(detail.rollbackSql.getValue()).contains("-- ... and " + (statements - Tickets.FIRST_ROWS)
                + " more steps");
        // the page showed them: a read in the audit trail, once however often the page redraws
        detail.refresh();
        assertThat(jdbc.queryForList("SELECT actor FROM audit_entry WHERE kind = 'ticket.before-images-read' AND"
                + " subject_id = ? AND payload LIKE '%shown on the ticket page%'", String.class, id))
                .containsExactly("engineer");
        assertThat(TicketDetailView.wholeRollbackScript(tickets, id, Tickets.MAX_SQL_CHARS).orElseThrow())
                .contains("-- undoes statement " + statements, "-- undoes statement 1\n");
        java.io.StringWriter download = new java.io.StringWriter();
        TicketDetailView.writeRollbackScript(tickets, id, download);
        assertThat(download.toString()).isEqualTo(
                TicketDetailView.wholeRollbackScript(tickets, id, Tickets.MAX_SQL_CHARS).orElseThrow());
        Browserless.signOut();

        tickets.requestRollback(id, "engineer", "issue 13");
        approveAll(id, TicketStatus.ROLLED_BACK);
        TicketRecord rolledBack = tickets.find(id).orElseThrow();
        assertThat(rolledBack.rollbackCount()).isEqualTo(statements);
        assertThat(rolledBack.rollback()).hasSize(Tickets.FIRST_ROWS);
        assertThat(tickets.rollbackResults(id, 0, Tickets.MAX_PAGE).orElseThrow().items()).hasSize(statements)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo("EXECUTED"));
        assertThat(TARGET.query("SELECT COUNT(*) FROM `" + table + "`")).isEqualTo("3");
    }

    /** Approves whatever approval the ticket waits for (a reviewer's, a DBA's, a rollback's) until it is in {@code end}. */
    private void approveAll(String id, TicketStatus end) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> {
            TicketStatus status = tickets.find(id).orElseThrow().status();
            assertThat(status).as(tickets.find(id).orElseThrow().failure())
                    .isNotIn(TicketStatus.REVIEW_FAILED, TicketStatus.EXECUTION_FAILED, TicketStatus.ROLLBACK_FAILED);
            if (status == end) {
                return true;
            }
            for (TicketTask task : tickets.openTasks(id)) {
                String who = task.kind() == TicketTask.Kind.DBA_APPROVAL ? "dba" : "reviewer";
                if (task.kind() == TicketTask.Kind.APPROVAL || task.kind() == TicketTask.Kind.DBA_APPROVAL
                        || task.kind() == TicketTask.Kind.ROLLBACK_APPROVAL) {
                    tickets.decide(task.taskId(), who, List.of(who), true, "fine");
                }
            }
            return false;
        });
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
