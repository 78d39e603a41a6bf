package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.StatementResult;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.engine.ticket.Tickets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The walk a new user takes on the embedded defaults: a ticket on the sandbox MariaDB, reviewed, approved by the
 * demo reviewer, executed by the job executor, then rolled back on request — nothing installed, nothing mocked.
 */
@TollgateAppTest
class SandboxTicketIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @Autowired Tickets tickets;
    @Autowired TargetInstances instances;

    @Test
    void aNewUserWalksTheWholeTicketLifecycleOnTheSandbox() {
        await().atMost(PATIENCE).until(() -> instances.find("sandbox"), Optional::isPresent);
        TicketRecord ticket = tickets.submit("engineer", new TicketDraft("Mark order 4 paid", "sandbox", "demo",
                "UPDATE orders SET status = 'paid' WHERE id = 4;", "customer paid by bank transfer",
                ExecutionMode.AFTER_APPROVAL, null));

        TicketTask approval = await().atMost(PATIENCE).until(() -> tickets.tasksFor("reviewer", List.of("reviewer"))
                .stream().filter(t -> t.ticket().id().equals(ticket.id())).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(tickets.tasksFor("engineer", List.of("engineer", "reviewer")))
                .noneMatch(t -> t.taskId().equals(approval.taskId()));
        tickets.decide(approval.taskId(), "reviewer", List.of("reviewer"), true, "ok");

        TicketRecord executed = awaitStatus(ticket.id(), TicketStatus.EXECUTED);
        assertThat(executed.execution()).singleElement().extracting(StatementResult::affectedRows).isEqualTo(1L);
        assertThat(executed.rollbackSql()).singleElement().satisfies(step ->
                assertThat(step.sql()).containsIgnoringCase("orders").contains("new"));

        tickets.requestRollback(ticket.id(), "engineer", "wrong order");
        TicketTask rollback = await().atMost(PATIENCE).until(() -> tickets.openTasks(ticket.id()).stream()
                .filter(t -> t.kind() == TicketTask.Kind.ROLLBACK_APPROVAL).findFirst(), Optional::isPresent)
                .orElseThrow();
        tickets.decide(rollback.taskId(), "reviewer", List.of("reviewer"), true, "undo it");
        TicketRecord rolledBack = awaitStatus(ticket.id(), TicketStatus.ROLLED_BACK);
        assertThat(rolledBack.rollback()).singleElement().extracting(StatementResult::status).isEqualTo("EXECUTED");
    }

    private TicketRecord awaitStatus(String ticketId, TicketStatus status) {
        return await().atMost(PATIENCE).until(() -> tickets.find(ticketId).orElseThrow(), t -> {
            assertThat(t.status()).as(t.failure()).isNotIn(TicketStatus.EXECUTION_FAILED,
                    TicketStatus.ROLLBACK_FAILED, TicketStatus.REVIEW_FAILED);
            return t.status() == status;
        });
    }
}
