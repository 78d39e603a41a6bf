package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketEvent;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import io.tollgate.integrations.mysql.execution.MysqlTicketExecutor;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 13 / ADR 0016: an execution and a rollback that run far longer than the job executor's lock (2 s here, 5 minutes
 * by default) each complete once, cleanly. The job executor runs as in production, polling often; while a run waits on
 * a row this test holds locked on the target, the job's lock must keep moving forward with the same owner and the same
 * revision (a second acquisition would change both), and once the row is free the run completes: its job succeeds
 * once, no job attempt fails (no OptimisticLockingException, no deferred second run), the trail has one entry each.
 */
@SpringBootTest(properties = {
        "camunda.bpm.job-execution.enabled=true",
        "tollgate.sandbox.enabled=false",
        "camunda.bpm.job-execution.lock-time-in-millis=2000",
        "camunda.bpm.job-execution.wait-time-in-millis=200",
        "camunda.bpm.job-execution.max-wait=500",
        "tollgate.job-locks.keep-every=400ms",
        // a second run waits this long for the first's run lock before it gives up (a failed attempt)
        "tollgate.tickets.lock-wait=3s",
        // this test is about live runs only: the dead-node look (ADR 0015) stays out of it
        "tollgate.tickets.interrupted-run-check=0s"})
@ContextConfiguration(initializers = FreshDataDir.class)
@DirtiesContext
@org.junit.jupiter.api.Order(3) // before the shared context: Camunda's static engine registry holds one engine named 'default' per JVM
class LongRunJobLockIT {

    private static final Duration LOCK_TIME = Duration.ofMillis(2000);
    private static final Duration BOUND = Duration.ofMinutes(2);

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_longrun_");

    @Autowired Tickets tickets;
    @Autowired TargetInstances instances;
    @Autowired HistoryService history;
    @Autowired JdbcTemplate jdbc;
    @Autowired ManagementService managementService;

    @Test
    void runsLongerThanTheJobLockCompleteOnceAndCleanly() throws Exception {
        TARGET.register(instances);
        TARGET.sql("CREATE TABLE stock (id INT NOT NULL PRIMARY KEY COMMENT 'id', qty INT NOT NULL COMMENT 'qty')"
                + " ENGINE=InnoDB COMMENT='stock'");
        TARGET.sql("INSERT INTO stock VALUES (1, 10), (2, 20)");
        TicketRecord ticket = tickets.submit("engineer", new TicketDraft("a long run", TARGET.instance, TARGET.name,
                "UPDATE stock SET qty = qty + 1 WHERE id = 1;\nUPDATE stock SET qty = qty + 1 WHERE id = 2;",
                "job lock test", ExecutionMode.AFTER_APPROVAL, null));
        String id = ticket.id();
        awaitStatus(id, TicketStatus.AWAITING_APPROVAL);

        try (Connection holder = TARGET.connect()) {
            holdRow(holder);
            decide(id, TicketTask.Kind.APPROVAL, "reviewer");
            outlivesItsLock(id, Elements.TASK_EXECUTE_TICKET);
            holder.rollback();
        }
        awaitStatus(id, TicketStatus.EXECUTED);
        assertThat(TARGET.query("SELECT GROUP_CONCAT(qty ORDER BY id) FROM stock")).isEqualTo("11,21");

        tickets.requestRollback(id, "engineer", "undo it");
        try (Connection holder = TARGET.connect()) {
            holdRow(holder);
            decide(id, TicketTask.Kind.ROLLBACK_APPROVAL, "reviewer");
            outlivesItsLock(id, Elements.TASK_ROLL_BACK_TICKET);
            holder.rollback();
        }
        awaitStatus(id, TicketStatus.ROLLED_BACK);
        assertThat(TARGET.query("SELECT GROUP_CONCAT(qty ORDER BY id) FROM stock")).isEqualTo("10,20");

        for (String activity : List.of(Elements.TASK_EXECUTE_TICKET, Elements.TASK_ROLL_BACK_TICKET)) {
            List<HistoricJobLog> log = history.createHistoricJobLogQuery().processInstanceId(instanceId(id))
                    .activityIdIn(activity).list();
            assertThat(log).as("%s: failed attempts (an OptimisticLockingException, a second run)", activity)
                    .noneMatch(HistoricJobLog::isFailureLog);
            assertThat(log).as("%s: successful runs", activity).filteredOn(HistoricJobLog::isSuccessLog).hasSize(1);
        }
        TicketRecord done = tickets.find(id).orElseThrow();
        assertThat(done.trail()).extracting(TicketEvent::type)
                .doesNotContain(TicketEvent.Type.EXECUTION_DEFERRED, TicketEvent.Type.EXECUTION_INTERRUPTED)
                .containsOnlyOnce(TicketEvent.Type.EXECUTED, TicketEvent.Type.ROLLED_BACK);
    }

    /**
     * A run whose lock was kept and which then fails is recorded as failed (ADR 0016): here the execute job waits
     * longer than its lock's keeping for the ticket's run lock, which this test holds as a first run would, and is
     * deferred. Camunda counts the retry and keeps the exception; with no retry left the job becomes an incident and
     * the ticket shows the stuck step (ADR 0052); a DBA's retry runs it once the other run is gone.
     */
    @Test
    void aKeptRunThatFailsUsesARetryAndAtTheEndShowsAsAStuckStep() throws Exception {
        TARGET.register(instances);
        TARGET.sql("CREATE TABLE IF NOT EXISTS shelf (id INT NOT NULL PRIMARY KEY COMMENT 'id', qty INT NOT NULL"
                + " COMMENT 'qty') ENGINE=InnoDB COMMENT='shelf'");
        TARGET.sql("INSERT INTO shelf VALUES (1, 10)");
        String id = tickets.submit("engineer", new TicketDraft("a deferred run", TARGET.instance, TARGET.name,
                "UPDATE shelf SET qty = qty + 1 WHERE id = 1;", "job lock test", ExecutionMode.AFTER_APPROVAL,
                null)).id();
        awaitStatus(id, TicketStatus.AWAITING_APPROVAL);

        try (Connection firstRun = TARGET.connect(); Statement s = firstRun.createStatement()) {
            s.executeQuery("SELECT GET_LOCK('" + MysqlTicketExecutor.runLockName(id) + "', 0)").close();
            decide(id, TicketTask.Kind.APPROVAL, "reviewer");
            Job failed = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                    .until(() -> executeJob(id), j -> j != null && j.getExceptionMessage() != null);
            assertThat(failed.getExceptionMessage()).contains("nothing was run by this attempt");
            assertThat(failed.getRetries()).as("a retry used (R3/PT1M)").isEqualTo(2);
            assertThat(failed.getDuedate()).as("the retry waits").isAfter(Instant.now().plusSeconds(30));

            // one try left, due now (as an operator can set in Cockpit): it is deferred too and uses the last retry
            managementService.setJobRetries(failed.getId(), 1);
            managementService.setJobDuedate(failed.getId(), new java.util.Date());
            TicketRecord stuck = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                    .until(() -> tickets.find(id).orElseThrow(), t -> t.stuckStep() != null);
            assertThat(stuck.stuckStep()).isEqualTo("Execute the SQL");
            assertThat(stuck.stuckReason()).contains("is still executing");
            assertThat(stuck.status()).isEqualTo(TicketStatus.EXECUTING);
            assertThat(executeJob(id).getRetries()).isZero();
        }

        tickets.retryStuckStep(id, "dba");
        awaitStatus(id, TicketStatus.EXECUTED);
        assertThat(TARGET.query("SELECT qty FROM shelf WHERE id = 1")).isEqualTo("11");
        TicketRecord done = tickets.find(id).orElseThrow();
        assertThat(done.stuckStep()).isNull();
        assertThat(done.trail()).extracting(TicketEvent::type)
                .containsSubsequence(TicketEvent.Type.EXECUTION_DEFERRED, TicketEvent.Type.EXECUTION_DEFERRED,
                        TicketEvent.Type.STEP_STUCK, TicketEvent.Type.STEP_RETRIED, TicketEvent.Type.EXECUTED)
                .containsOnlyOnce(TicketEvent.Type.STEP_STUCK, TicketEvent.Type.EXECUTED);
        assertThat(done.trail()).filteredOn(e -> e.type() == TicketEvent.Type.STEP_RETRIED)
                .extracting(TicketEvent::actor).containsExactly("dba");
    }

    private Job executeJob(String ticketId) {
        return managementService.createJobQuery().processInstanceId(instanceId(ticketId))
                .activityId(Elements.TASK_EXECUTE_TICKET).singleResult();
    }

    /** Locks row 1 on the target from outside Tollgate, so that the next run waits on it. */
    private static void holdRow(Connection holder) throws SQLException {
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT qty FROM stock WHERE id = 1 FOR UPDATE")) {
            assertThat(rs.next()).isTrue();
        }
    }

    /**
     * Waits until the job of {@code activity} has stayed locked by the same job executor, at the same revision, for
     * more than three lock times since it was acquired: no other acquisition took it meanwhile.
     */
    private void outlivesItsLock(String ticketId, String activity) {
        JobRow first = await().atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> job(ticketId, activity), j -> j != null && j.owner() != null);
        Instant acquiredBefore = first.expires();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> {
            JobRow now = job(ticketId, activity);
            assertThat(now).as("the job is still there: the run waits on the row").isNotNull();
            assertThat(now.owner()).as("lock owner").isEqualTo(first.owner());
            assertThat(now.revision()).as("revision: a second acquisition would raise it").isEqualTo(first.revision());
            assertThat(now.expires()).as("the lock has not expired").isAfter(Instant.now());
            return now.expires().isAfter(acquiredBefore.plus(LOCK_TIME.multipliedBy(2)));
        });
    }

    private record JobRow(String owner, int revision, Instant expires) {
    }

    private JobRow job(String ticketId, String activity) {
        List<JobRow> rows = jdbc.query("SELECT J.LOCK_OWNER_, J.REV_, J.LOCK_EXP_TIME_ FROM ACT_RU_JOB J"
                        + " JOIN ACT_RU_JOBDEF D ON D.ID_ = J.JOB_DEF_ID_ WHERE J.PROCESS_INSTANCE_ID_ = ? AND D.ACT_ID_ = ?",
                (rs, n) -> {
                    Timestamp expires = rs.getTimestamp(3);
                    return new JobRow(rs.getString(1), rs.getInt(2), expires == null ? null : expires.toInstant());
                }, instanceId(ticketId), activity);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private String instanceId(String ticketId) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(ticketId).singleResult().getId();
    }

    private void decide(String ticketId, TicketTask.Kind kind, String user) {
        TicketTask task = await().atMost(BOUND).pollInterval(Duration.ofMillis(100))
                .until(() -> tickets.openTasks(ticketId).stream().filter(t -> t.kind() == kind).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
        tickets.decide(task.taskId(), user, List.of(user), true, "ok");
    }

    private void awaitStatus(String ticketId, TicketStatus status) {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100))
                .until(() -> tickets.find(ticketId).orElseThrow().status(), s -> s == status);
    }
}
