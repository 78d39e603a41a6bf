package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.mail.Outbox;
import io.tollgate.engine.mail.OutboxMailView;
import io.tollgate.engine.ticket.AffectedRows;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.FailureResolution;
import io.tollgate.engine.ticket.InvalidTicketException;
import io.tollgate.engine.ticket.StatementResult;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketEvent;
import io.tollgate.engine.ticket.TicketFilter;
import io.tollgate.engine.ticket.TicketNotAllowedException;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.integrations.mysql.execution.MysqlTicketExecutor;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import io.tollgate.integrations.mysql.execution.RowConflict;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SQL tickets end to end on the machine's MariaDB: the whole application with the job executor off, so that each test
 * runs the review, execute and rollback jobs itself (and can run one twice). Each test works on tables of its own in a
 * uniquely named database, dropped afterwards. The context it shares with {@link TicketGateIT}, which runs just before
 * it (see {@link TicketJobsByHand}); closed afterwards (one Camunda 'default' engine per JVM).
 */
@TicketJobsByHand
@DirtiesContext
@Order(2)
@ExtendWith(OutputCaptureExtension.class)
class SqlTicketIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_ticket_");
    private static final String DB = TARGET.name;
    private static final String INSTANCE = "ticket-target";
    private static final String READ_ONLY_INSTANCE = "ticket-target-ro";
    private static final String SUBMITTER = "engineer";
    private static final String REVIEWER = "reviewer";
    private static final List<String> REVIEWERS = List.of("reviewer");
    private static final List<String> DBAS = List.of("dba");

    @Autowired Tickets tickets;
    @Autowired TargetInstances instances;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired HistoryService historyService;
    @Autowired IdentityService identityService;
    @Autowired TransactionTemplate transactions;
    @Autowired ProcessEngineConfigurationImpl engineConfiguration;
    @Autowired Outbox outbox;
    @Autowired org.springframework.context.ApplicationContext context;
    @LocalServerPort int port;

    private String table;

    @BeforeEach
    void tableAndInstance() throws SQLException {
        table = "stock_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        sql("CREATE TABLE `" + table + "` (id INT NOT NULL PRIMARY KEY COMMENT 'id',"
                + " sku VARCHAR(20) NOT NULL COMMENT 'sku', qty INT NOT NULL COMMENT 'quantity')"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='stock'");
        sql("INSERT INTO `" + table + "` VALUES (1,'apple',10),(2,'pear',20),(3,'plum',30),(4,'kiwi',40),(5,'fig',50)");
        if (instances.find(INSTANCE).isEmpty()) {
            instances.register(TARGET.form(INSTANCE, false), "admin");
            instances.register(TARGET.form(READ_ONLY_INSTANCE, true), "admin");
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void approvedDmlAndDdlExecuteAndARequestedRollbackRestoresTheTablesExactly() throws Exception {
        String before = checksum(table);
        String created = table + "_log";
        TicketRecord ticket = submit(SUBMITTER, String.join(";\n",
                "UPDATE `" + table + "` SET qty = qty + 1 WHERE id IN (1, 2)",
                "DELETE FROM `" + table + "` WHERE id = 3",
                "INSERT INTO `" + table + "` (id, sku, qty) VALUES (6, 'lime', 60)",
                "ALTER TABLE `" + table + "` ADD COLUMN note VARCHAR(40) NULL COMMENT 'note'",
                "CREATE TABLE `" + created + "` (id INT NOT NULL PRIMARY KEY COMMENT 'id') ENGINE=InnoDB"
                        + " DEFAULT CHARSET=utf8mb4 COMMENT='log'") + ";", ExecutionMode.AFTER_APPROVAL, null);
        assertThat(ticket.status()).isEqualTo(TicketStatus.REVIEWING);

        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).as(record(ticket.id()).findings().toString())
                .isEqualTo(TicketStatus.AWAITING_APPROVAL);
        approve(ticket.id(), REVIEWER, REVIEWERS);
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTING);
        runJobs(ticket.id());

        TicketRecord executed = record(ticket.id());
        assertThat(executed.status()).as(executed.failure()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(executed.execution()).extracting(StatementResult::status).containsOnly("EXECUTED");
        assertThat(executed.rollbackSql()).hasSize(5);
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', qty) ORDER BY id) FROM `" + table + "`"))
                .isEqualTo("1:11,2:21,4:40,5:50,6:60");
        assertThat(query("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + DB
                + "' AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = 'note'")).isEqualTo("1");
        assertThat(query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + DB
                + "' AND TABLE_NAME = '" + created + "'")).isEqualTo("1");
        assertThat(executed.trail()).extracting(TicketEvent::type).containsSubsequence(TicketEvent.Type.SUBMITTED,
                TicketEvent.Type.REVIEW_PASSED, TicketEvent.Type.APPROVED, TicketEvent.Type.EXECUTED);
        // the trail (a plain JDBC read) and the ticket row (Hibernate) tell the same time, whatever the JVM's zone
        assertThat(Duration.between(executed.submittedAt(), executed.trail().get(0).at()).abs())
                .isLessThan(Duration.ofSeconds(5));
        assertThat(outbox.list(Optional.empty(), 500)).filteredOn(m -> m.link().endsWith("/tickets/" + ticket.id()))
                .extracting(OutboxMailView::kind, OutboxMailView::recipient)
                .contains(tuple(MailKind.TICKET_APPROVED, SUBMITTER), tuple(MailKind.TICKET_EXECUTED, SUBMITTER));

        // only the submitter asks for a rollback, and it is approved by someone else
        assertThatThrownBy(() -> tickets.requestRollback(ticket.id(), REVIEWER, "no"))
                .isInstanceOf(PermissionDeniedException.class);
        tickets.requestRollback(ticket.id(), SUBMITTER, "the new column breaks the reports");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLBACK_REQUESTED);
        TicketTask rollbackApproval = task(ticket.id(), TicketTask.Kind.ROLLBACK_APPROVAL);
        assertThatThrownBy(() -> tickets.decide(rollbackApproval.taskId(), SUBMITTER, REVIEWERS, true, null))
                .isInstanceOf(ApprovalRefusedException.class);
        tickets.decide(rollbackApproval.taskId(), REVIEWER, REVIEWERS, true, "ok");
        runJobs(ticket.id());

        TicketRecord rolledBack = record(ticket.id());
        assertThat(rolledBack.status()).as(rolledBack.failure()).isEqualTo(TicketStatus.ROLLED_BACK);
        assertThat(rolledBack.rollbackLeft()).as("undone whole").isZero();
        assertThat(checksum(table)).isEqualTo(before);
        assertThat(query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + DB
                + "' AND TABLE_NAME = '" + created + "'")).isEqualTo("0");
        assertThat(endedAt(ticket.id())).isEqualTo(Elements.END_EVENT_ROLLED_BACK);
        assertThat(outbox.list(Optional.empty(), 500)).filteredOn(m -> m.link().endsWith("/tickets/" + ticket.id()))
                .extracting(OutboxMailView::kind).contains(MailKind.TICKET_ROLLED_BACK);
    }

    @Test
    void aFiveStatementTicketFailingAtTheThirdGoesToADbaAndRollingBackRestoresTheFirstTwo() throws Exception {
        String before = checksum(table);
        TicketRecord ticket = approvedTicket(fiveStatementsFailingAtTheThird());
        runJobs(ticket.id());

        TicketRecord failed = record(ticket.id());
        assertThat(failed.status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
        assertThat(failed.execution()).extracting(StatementResult::status)
                .containsExactly("EXECUTED", "EXECUTED", "FAILED", "NOT_RUN", "NOT_RUN");
        assertThat(failed.failure()).contains("statement 3");
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).isEqualTo("11");
        TicketTask decision = task(ticket.id(), TicketTask.Kind.RESOLVE_FAILURE);
        assertThat(tickets.tasksFor("dba", DBAS)).extracting(TicketTask::taskId).contains(decision.taskId());
        assertThatThrownBy(() -> tickets.resolve(decision.taskId(), REVIEWER, REVIEWERS, FailureResolution.ROLL_BACK,
                null)).isInstanceOf(PermissionDeniedException.class);

        tickets.resolve(decision.taskId(), "dba", DBAS, FailureResolution.ROLL_BACK, "undo 1-2");
        runJobs(ticket.id());

        TicketRecord rolledBack = record(ticket.id());
        assertThat(rolledBack.status()).as(rolledBack.failure()).isEqualTo(TicketStatus.ROLLED_BACK);
        assertThat(rolledBack.rollback()).extracting(StatementResult::index).containsExactly(2, 1);
        assertThat(checksum(table)).isEqualTo(before);
    }

    /** Executes {@code UPDATE qty = 0 WHERE id IN (1, 2)}, then the application changes row 1's qty and row 2's sku. */
    private TicketRecord rollbackMeetingANewerChange() throws Exception {
        return rollbackMeetingANewerChange(SUBMITTER);
    }

    private TicketRecord rollbackMeetingANewerChange(String submitter) throws Exception {
        TicketRecord ticket = approvedTicket(submitter, "UPDATE `" + table + "` SET qty = 0 WHERE id IN (1, 2);");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        sql("UPDATE `" + table + "` SET qty = 99 WHERE id = 1");
        sql("UPDATE `" + table + "` SET sku = 'app-pear' WHERE id = 2");
        tickets.requestRollback(ticket.id(), submitter, "wrong rows");
        tickets.decide(task(ticket.id(), TicketTask.Kind.ROLLBACK_APPROVAL).taskId(), REVIEWER, REVIEWERS, true, "ok");
        runJobs(ticket.id());
        return record(ticket.id());
    }

    @Test
    void aRollbackMeetingARowChangedSinceChangesNothingAndADbaRollsBackTheOtherRowsOnly() throws Exception {
        TicketRecord stopped = rollbackMeetingANewerChange();

        assertThat(stopped.status()).isEqualTo(TicketStatus.ROLLBACK_FAILED);
        assertThat(stopped.conflictCount()).isEqualTo(1);
        assertThat(stopped.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("`id` = 1");
            assertThat(c.columns()).containsExactly(new RowConflict.Column("qty", "10", "0", "99"));
        });
        assertThat(stopped.failure()).contains("1 row changed since the ticket executed");
        assertThat(stopped.trail()).extracting(TicketEvent::type).contains(TicketEvent.Type.ROLLBACK_CONFLICT);
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', sku, ':', qty) ORDER BY id) FROM `" + table
                + "` WHERE id IN (1, 2)")).as("nothing written").isEqualTo("1:apple:99,2:app-pear:0");
        TicketTask decision = task(stopped.id(), TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE);
        assertThatThrownBy(() -> tickets.resolve(decision.taskId(), "dba", DBAS, FailureResolution.FORCE_ROLLBACK,
                " ")).isInstanceOf(InvalidTicketException.class).hasMessageContaining("say why");

        tickets.resolve(decision.taskId(), "dba", DBAS, FailureResolution.ROLL_BACK_WITHOUT_CONFLICTS,
                "row 1 was corrected by support");
        runJobs(stopped.id());

        TicketRecord rolledBack = record(stopped.id());
        assertThat(rolledBack.status()).as(rolledBack.failure()).isEqualTo(TicketStatus.ROLLED_BACK);
        assertThat(rolledBack.conflictCount()).isZero();
        assertThat(rolledBack.rollbackLeft()).as("rolled back in part").isEqualTo(1);
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', sku, ':', qty) ORDER BY id) FROM `" + table
                + "` WHERE id IN (1, 2)")).isEqualTo("1:apple:99,2:app-pear:20");
        assertThat(rolledBack.trail()).extracting(TicketEvent::type).containsSubsequence(
                TicketEvent.Type.ROLLBACK_CONFLICT, TicketEvent.Type.ROLLBACK_CONFLICTS_SKIPPED,
                TicketEvent.Type.ROLLED_BACK);
        assertThat(rolledBack.trail()).filteredOn(e -> e.type() == TicketEvent.Type.ROLLED_BACK).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("1 conflicting row left as it is now"));
    }

    /**
     * A rollback that would put back a unique value another row took since is a conflict for a DBA (it was a plain
     * failure the DBA could only retry or close), and Force leaves both rows: the newer row is never written (an
     * upsert once wrote the restored row's values into it).
     */
    @Test
    void aRollbackWhoseUniqueValueAnotherRowTookIsAConflictAndForceNeverWritesThatRow() throws Exception {
        String users = table + "_u";
        sql("CREATE TABLE `" + users + "` (id INT NOT NULL PRIMARY KEY COMMENT 'id', email VARCHAR(40) NOT NULL"
                + " COMMENT 'email', name VARCHAR(40) NOT NULL COMMENT 'name', UNIQUE KEY uk_email (email))"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='users'");
        sql("INSERT INTO `" + users + "` VALUES (1, 'a@x', 'one'), (2, 'b@x', 'two'), (3, 'c@x', 'three')");
        TicketRecord ticket = approvedTicket("UPDATE `" + users + "` SET email = 'new@x' WHERE id = 1;\n"
                + "DELETE FROM `" + users + "` WHERE id = 3;");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        sql("INSERT INTO `" + users + "` VALUES (9, 'a@x', 'newer'), (10, 'c@x', 'newest')");
        tickets.requestRollback(ticket.id(), SUBMITTER, "wrong rows");
        tickets.decide(task(ticket.id(), TicketTask.Kind.ROLLBACK_APPROVAL).taskId(), REVIEWER, REVIEWERS, true, "ok");
        runJobs(ticket.id());

        TicketRecord stopped = record(ticket.id());
        assertThat(stopped.status()).as(stopped.failure()).isEqualTo(TicketStatus.ROLLBACK_FAILED);
        assertThat(stopped.conflicts()).extracting(RowConflict::key).containsExactly("`id` = 3", "`id` = 1");
        assertThat(stopped.conflicts()).allSatisfy(c -> {
            assertThat(c.reason()).startsWith("another row holds a value of a unique key").contains("uk_email");
            assertThat(c.heldBack()).isTrue();
        });
        assertThat(stopped.failure()).contains("holding a unique value another row took since");
        String rows = "SELECT GROUP_CONCAT(CONCAT(id, ':', email, ':', name) ORDER BY id) FROM `" + users + "`";
        assertThat(query(rows)).as("nothing written").isEqualTo("1:new@x:one,2:b@x:two,9:a@x:newer,10:c@x:newest");

        tickets.resolve(task(ticket.id(), TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE).taskId(), "dba", DBAS,
                FailureResolution.FORCE_ROLLBACK, "the newer rows are wrong, says support");
        runJobs(ticket.id());

        TicketRecord forced = record(ticket.id());
        assertThat(forced.status()).as(forced.failure()).isEqualTo(TicketStatus.ROLLED_BACK);
        assertThat(forced.rollbackLeft()).as("rows 1 and 3 left as they are").isEqualTo(2);
        assertThat(query(rows)).as("rows 9 and 10 as they were; 1 and 3 not put back")
                .isEqualTo("1:new@x:one,2:b@x:two,9:a@x:newer,10:c@x:newest");
        assertThat(forced.trail()).filteredOn(e -> e.type() == TicketEvent.Type.ROLLED_BACK).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("1 conflicting row left as it is now"));
    }

    /**
     * A helper's ticket of one UPDATE whose WHERE held 20,000 ORs stayed REVIEWING: a check walking the condition
     * overflowed the stack at every retry of the review job. It fails its review with an error saying why.
     */
    @Test
    void aConditionTooDeepToCheckFailsTheReviewInsteadOfStickingInIt() {
        String ors = java.util.stream.IntStream.range(1, 20_000).mapToObj(i -> "id = " + i)
                .collect(java.util.stream.Collectors.joining(" OR "));
        TicketRecord ticket = submit(SUBMITTER, "UPDATE `" + table + "` SET qty = 1 WHERE " + ors + ";",
                ExecutionMode.AFTER_APPROVAL, null);
        runJobs(ticket.id());

        TicketRecord reviewed = record(ticket.id());
        assertThat(reviewed.status()).isEqualTo(TicketStatus.REVIEW_FAILED);
        assertThat(reviewed.stuckStep()).isNull();
        assertThat(reviewed.findings()).anySatisfy(f -> assertThat(f.message()).contains("too deep to be checked"));
    }

    /**
     * "Roll back the other rows only" and Force are answers to conflicting rows: after a rollback that failed without
     * any, the use case says so as a 400 before the engine is asked (the engine's listener refused it too, logged by
     * the engine as an ERROR with its stack trace), and the decision stays open.
     */
    @Test
    void rollingBackWithoutConflictsAfterARollbackThatFoundNoneIsRefusedBeforeTheEngine(CapturedOutput output)
            throws Exception {
        TicketRecord ticket = approvedTicket("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        sql("RENAME TABLE `" + table + "` TO `" + table + "_moved`");
        try {
            tickets.requestRollback(ticket.id(), SUBMITTER, "wrong row");
            tickets.decide(task(ticket.id(), TicketTask.Kind.ROLLBACK_APPROVAL).taskId(), REVIEWER, REVIEWERS, true,
                    "ok");
            runJobs(ticket.id());
            TicketRecord failed = record(ticket.id());
            assertThat(failed.status()).isEqualTo(TicketStatus.ROLLBACK_FAILED);
            assertThat(failed.conflictCount()).isZero();
            TicketTask decision = task(ticket.id(), TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE);
            int logged = output.getAll().length();

            for (FailureResolution resolution : List.of(FailureResolution.ROLL_BACK_WITHOUT_CONFLICTS,
                    FailureResolution.FORCE_ROLLBACK)) {
                assertThatThrownBy(() -> tickets.resolve(decision.taskId(), "dba", DBAS, resolution, "why not"))
                        .isInstanceOf(InvalidTicketException.class).hasMessageContaining("no conflicting rows");
            }

            assertThat(output.getAll().substring(logged)).as("a 400, not the engine's error").doesNotContain("ENGINE-")
                    .doesNotContain(" ERROR ");
            assertThat(taskService.createTaskQuery().taskId(decision.taskId()).singleResult().getAssignee()).isNull();
            assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLBACK_FAILED);
        } finally {
            sql("RENAME TABLE `" + table + "_moved` TO `" + table + "`");
        }
    }

    /**
     * The ticket's row keeps a conflict's long values clipped, with their length: whole, 500 rows of 50 KB texts once
     * made a 75 MB row that every read of the ticket loaded, until the application ran out of memory.
     */
    @Test
    void aRollbackMeetingLongValuesKeepsThemClipped() throws Exception {
        String notes = table + "_n";
        sql("CREATE TABLE `" + notes + "` (id INT NOT NULL PRIMARY KEY COMMENT 'id', body TEXT NULL COMMENT 'body')"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='notes'");
        sql("INSERT INTO `" + notes + "` VALUES (1, REPEAT('a', 3000))");
        TicketRecord ticket = approvedTicket("UPDATE `" + notes + "` SET body = CONCAT(body, 'b') WHERE id = 1;");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        sql("UPDATE `" + notes + "` SET body = CONCAT(body, 'c') WHERE id = 1");
        tickets.requestRollback(ticket.id(), SUBMITTER, "wrong row");
        tickets.decide(task(ticket.id(), TicketTask.Kind.ROLLBACK_APPROVAL).taskId(), REVIEWER, REVIEWERS, true, "ok");
        runJobs(ticket.id());

        TicketRecord stopped = record(ticket.id());
        assertThat(stopped.status()).isEqualTo(TicketStatus.ROLLBACK_FAILED);
        assertThat(stopped.conflictCount()).isEqualTo(1);
        RowConflict.Column body = stopped.conflicts().get(0).columns().get(0);
        assertThat(body.before()).startsWith("'aaa").endsWith("… (3002 characters in all)").hasSizeLessThan(600);
        assertThat(body.now()).endsWith("… (3004 characters in all)").hasSizeLessThan(600);
        assertThat(query("SELECT LENGTH(body) FROM `" + notes + "` WHERE id = 1")).as("nothing written")
                .isEqualTo("3002");
    }

    @Test
    void aRollbackWhoseDropColumnWouldLoseValuesWrittenSinceChangesNothingAndADbaDecides() throws Exception {
        // ADR 0043: the rollback of an ADD COLUMN is a DROP COLUMN, which would take the values written since with it
        TicketRecord ticket = approvedTicket("ALTER TABLE `" + table + "` ADD COLUMN note VARCHAR(40) NULL COMMENT 'note';");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        sql("UPDATE `" + table + "` SET note = 'call the supplier' WHERE id = 2");
        tickets.requestRollback(ticket.id(), SUBMITTER, "not needed after all");
        tickets.decide(task(ticket.id(), TicketTask.Kind.ROLLBACK_APPROVAL).taskId(), REVIEWER, REVIEWERS, true, "ok");
        runJobs(ticket.id());

        TicketRecord stopped = record(ticket.id());
        assertThat(stopped.status()).isEqualTo(TicketStatus.ROLLBACK_FAILED);
        assertThat(stopped.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.reason()).startsWith("column `note` of").contains("holds values written since")
                    .contains("DROP COLUMN");
            assertThat(c.columns()).containsExactly(new RowConflict.Column("note", null, "DEFAULT",
                    "'call the supplier'"));
        });
        assertThat(stopped.failure()).contains("DROP COLUMN would lose them");
        assertThat(query("SELECT note FROM `" + table + "` WHERE id = 2")).as("nothing dropped")
                .isEqualTo("call the supplier");

        tickets.resolve(task(stopped.id(), TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE).taskId(), "dba", DBAS,
                FailureResolution.ROLL_BACK_WITHOUT_CONFLICTS, "the note stays");
        runJobs(stopped.id());

        TicketRecord ended = record(stopped.id());
        assertThat(ended.status()).as(ended.failure()).isEqualTo(TicketStatus.ROLLED_BACK);
        assertThat(query("SELECT note FROM `" + table + "` WHERE id = 2")).isEqualTo("call the supplier");
    }

    @Test
    void aRollbackRunsNothingWhenTheLedgersInverseWasChangedOnTheTargetSince() throws Exception {
        // ADR 0044: the reviewer approves the rollback SQL Tollgate shows (its own copy); someone with rights on the
        // target rewrites the ledger's inverse in between
        TicketRecord ticket = approvedTicket("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        String shown = record(ticket.id()).rollbackSql().get(0).sql();
        sql("UPDATE tollgate_meta.tollgate_execution_ledger SET rollback_sql = 'DELETE FROM `" + DB + "`.`"
                + table + "` WHERE id = 2;' WHERE ticket_id = '" + ticket.id() + "' AND phase = 'EXECUTE'");
        tickets.requestRollback(ticket.id(), SUBMITTER, "wrong row");
        tickets.decide(task(ticket.id(), TicketTask.Kind.ROLLBACK_APPROVAL).taskId(), REVIEWER, REVIEWERS, true, "ok");
        runJobs(ticket.id());

        TicketRecord stopped = record(ticket.id());
        assertThat(stopped.status()).isEqualTo(TicketStatus.ROLLBACK_FAILED);
        assertThat(stopped.failure()).contains("differs from Tollgate's record");
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', qty) ORDER BY id) FROM `" + table + "` WHERE id IN (1, 2)"))
                .as("neither the forged inverse nor any other ran").isEqualTo("1:0,2:20");
        assertThat(record(ticket.id()).rollbackSql().get(0).sql()).as("what reviewers see is unchanged").isEqualTo(shown);
    }

    @Test
    void aDbaForcesTheRollbackOverTheNewerChangeWithAReasonInTheTrail() throws Exception {
        TicketRecord stopped = rollbackMeetingANewerChange();
        TicketTask decision = task(stopped.id(), TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE);

        tickets.resolve(decision.taskId(), "dba", DBAS, FailureResolution.FORCE_ROLLBACK,
                "the 99 came from the same bad import");
        runJobs(stopped.id());

        TicketRecord rolledBack = record(stopped.id());
        assertThat(rolledBack.status()).as(rolledBack.failure()).isEqualTo(TicketStatus.ROLLED_BACK);
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', sku, ':', qty) ORDER BY id) FROM `" + table
                + "` WHERE id IN (1, 2)")).isEqualTo("1:apple:10,2:app-pear:20");
        assertThat(rolledBack.trail()).filteredOn(e -> e.type() == TicketEvent.Type.ROLLBACK_FORCED).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("dba");
                    assertThat(e.detail()).isEqualTo("the 99 came from the same bad import");
                });
    }

    /**
     * Forcing a rollback overwrites what others changed since: a DBA who submitted the ticket does not force it alone
     * (a helper's finding: the submitting DBA forced their own ticket's rollback over another's approved change). The
     * other decisions after a failure stay theirs: what they run was approved by someone else.
     */
    @Test
    void theSubmitterDoesNotForceTheirOwnTicketsRollback() throws Exception {
        TicketRecord stopped = rollbackMeetingANewerChange("dba");
        TicketTask decision = task(stopped.id(), TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE);

        assertThatThrownBy(() -> tickets.resolve(decision.taskId(), "dba", DBAS, FailureResolution.FORCE_ROLLBACK,
                "mine, force it")).hasMessageContaining("dba requested").hasMessageContaining("(four eyes)");
        assertThat(task(stopped.id(), TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE).taskId()).isEqualTo(decision.taskId());
        assertThat(record(stopped.id()).status()).isEqualTo(TicketStatus.ROLLBACK_FAILED);
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', sku, ':', qty) ORDER BY id) FROM `" + table
                + "` WHERE id IN (1, 2)")).as("the newer change stays").isEqualTo("1:apple:99,2:app-pear:0");

        tickets.resolve(decision.taskId(), "dba", DBAS, FailureResolution.ROLL_BACK_WITHOUT_CONFLICTS,
                "leave the newer row");
        runJobs(stopped.id());
        assertThat(record(stopped.id()).status()).isEqualTo(TicketStatus.ROLLED_BACK);
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).isEqualTo("99");
    }

    @Test
    void aDbaClosesATicketWhoseRollbackMetNewerChangesAndNothingIsWritten() throws Exception {
        TicketRecord stopped = rollbackMeetingANewerChange();
        TicketTask decision = task(stopped.id(), TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE);
        assertThatThrownBy(() -> tickets.resolve(decision.taskId(), REVIEWER, REVIEWERS,
                FailureResolution.FORCE_ROLLBACK, "me")).isInstanceOf(PermissionDeniedException.class);

        // closing leaves what ran in place: not without saying why
        for (String none : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> tickets.resolve(decision.taskId(), "dba", DBAS, FailureResolution.CLOSE, none))
                    .isInstanceOf(InvalidTicketException.class).hasMessageContaining("say why in a comment");
        }
        assertThat(task(stopped.id(), TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE).taskId()).isEqualTo(decision.taskId());

        tickets.resolve(decision.taskId(), "dba", DBAS, FailureResolution.CLOSE, "support fixes it by hand");
        runJobs(stopped.id());

        assertThat(endedAt(stopped.id())).isEqualTo(Elements.END_EVENT_CLOSED_AS_FAILED);
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', sku, ':', qty) ORDER BY id) FROM `" + table
                + "` WHERE id IN (1, 2)")).isEqualTo("1:apple:99,2:app-pear:0");
    }

    @Test
    void aDbaRetriesTheRemainingStatementsAfterFixingTheCause() throws Exception {
        TicketRecord ticket = approvedTicket(fiveStatementsFailingAtTheThird());
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTION_FAILED);

        retryAfterRemovingTheRowInTheWay(ticket);

        TicketRecord executed = record(ticket.id());
        assertThat(executed.status()).as(executed.failure()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(executed.execution()).extracting(StatementResult::status)
                .containsExactly("ALREADY_DONE", "ALREADY_DONE", "EXECUTED", "EXECUTED", "EXECUTED");
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', qty) ORDER BY id) FROM `" + table + "`"))
                .isEqualTo("1:11,2:22,3:3,4:44,5:50");
    }

    /**
     * A DBA aborts a ticket of DML from its page before its run starts: the page showed Abort only for an online
     * schema change's copy, though the API stops any run. Nothing of it runs; a DBA's retry runs it once.
     */
    @Test
    void aDbaAbortsAQueuedTicketOfDmlFromItsPageAndNothingOfItRuns() throws Exception {
        TicketRecord ticket = approvedTicket("UPDATE `" + table + "` SET qty = 99 WHERE id = 1;\n"
                + "UPDATE `" + table + "` SET qty = 98 WHERE id = 2;");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTING);
        io.tollgate.ui.Browserless.signIn(context, SUBMITTER, "engineer-demo");
        try {
            com.vaadin.flow.component.UI.getCurrent().navigate("tickets/" + ticket.id());
            LocatorJ._assertNone(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("abort"));
        } finally {
            io.tollgate.ui.Browserless.signOut();
        }
        io.tollgate.ui.Browserless.signIn(context, "dba", "dba-demo");
        try {
            com.vaadin.flow.component.UI.getCurrent().navigate("tickets/" + ticket.id());
            com.vaadin.flow.component.button.Button abort = LocatorJ._get(
                    com.vaadin.flow.component.button.Button.class, spec -> spec.withId("abort"));
            assertThat(abort.getText()).isEqualTo("Abort the execution");
            LocatorJ._assertNone(com.vaadin.flow.component.progressbar.ProgressBar.class,
                    spec -> spec.withId("ticket-progress"));
            LocatorJ._click(abort);
        } finally {
            io.tollgate.ui.Browserless.signOut();
        }
        assertThat(record(ticket.id()).trail()).extracting(TicketEvent::type, TicketEvent::actor)
                .contains(org.assertj.core.groups.Tuple.tuple(TicketEvent.Type.ABORT_REQUESTED, "dba"));

        runJobs(ticket.id());
        TicketRecord failed = record(ticket.id());
        assertThat(failed.status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
        assertThat(failed.execution()).extracting(StatementResult::status).containsExactly("FAILED", "NOT_RUN");
        assertThat(failed.failure()).contains("aborted");
        assertThat(query("SELECT GROUP_CONCAT(qty ORDER BY id) FROM `" + table + "` WHERE id IN (1, 2)"))
                .as("nothing ran").isEqualTo("10,20");

        tickets.resolve(task(ticket.id(), TicketTask.Kind.RESOLVE_FAILURE).taskId(), "dba", DBAS,
                FailureResolution.RETRY, "after the batch job");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(query("SELECT GROUP_CONCAT(qty ORDER BY id) FROM `" + table + "` WHERE id IN (1, 2)"))
                .isEqualTo("99,98");
    }

    /**
     * A rollback that takes more than a second shows how far it got on the ticket's page (it showed "rolling back"
     * alone, however long); the run clears it when it ends.
     */
    @Test
    void aLongRollbackShowsHowFarItGotOnTheTicketsPage() throws Exception {
        TicketRecord ticket = approvedTicket("UPDATE `" + table + "` SET qty = 7 WHERE id = 1;");
        runJobs(ticket.id());
        tickets.requestRollback(ticket.id(), SUBMITTER, "undo it");
        tickets.decide(task(ticket.id(), TicketTask.Kind.ROLLBACK_APPROVAL).taskId(), REVIEWER, REVIEWERS, true, "ok");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLING_BACK);
        // as the run writes it, a second into a rollback of many statements
        context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .update("UPDATE sql_ticket SET progress = 42.5 WHERE ticket_id = ?", ticket.id());
        io.tollgate.ui.Browserless.signIn(context, "dba", "dba-demo");
        try {
            com.vaadin.flow.component.UI.getCurrent().navigate("tickets/" + ticket.id());
            assertThat(LocatorJ._get(com.vaadin.flow.component.progressbar.ProgressBar.class,
                    spec -> spec.withId("ticket-progress")).getValue()).isEqualTo(42.5);
            assertThat(LocatorJ._get(com.vaadin.flow.component.html.Span.class,
                    spec -> spec.withId("ticket-progress-text")).getText())
                    .isEqualTo("42.5 % of the rollback's statements undone");
            LocatorJ._assertNone(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("abort"));
        } finally {
            io.tollgate.ui.Browserless.signOut();
        }
        runJobs(ticket.id());
        TicketRecord rolledBack = record(ticket.id());
        assertThat(rolledBack.status()).isEqualTo(TicketStatus.ROLLED_BACK);
        assertThat(rolledBack.progress()).as("cleared by the run's end").isNull();
    }

    /**
     * A ticket whose process an admin suspended in Cockpit says so, on its page and in the API, until they activate
     * it: before, an executing ticket stayed "executing" with no sign of why nothing moved.
     */
    @Test
    void aTicketWhoseProcessAnAdminSuspendedSaysSoUntilItIsActivated() throws Exception {
        TicketRecord ticket = approvedTicket("UPDATE `" + table + "` SET qty = qty + 1 WHERE id = 1;");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTING);
        assertThat(record(ticket.id()).suspended()).isFalse();
        String instanceId = instanceId(ticket.id());
        runtimeService.suspendProcessInstanceById(instanceId);

        assertThat(record(ticket.id()).suspended()).isTrue();
        assertThatThrownBy(() -> tickets.withdraw(ticket.id(), SUBMITTER)).isInstanceOf(TicketNotAllowedException.class)
                .hasMessageContaining("an admin suspended its process, or the step it waits at, in the engine (Cockpit)");
        io.tollgate.ui.Browserless.signIn(context, "dba", "dba-demo");
        try {
            com.vaadin.flow.component.UI.getCurrent().navigate("tickets/" + ticket.id());
            com.vaadin.flow.component.html.Div banner = LocatorJ._get(com.vaadin.flow.component.html.Div.class,
                    spec -> spec.withId("ticket-suspended"));
            assertThat(banner.isVisible()).isTrue();
            assertThat(banner.getText()).startsWith("Suspended: an admin suspended this ticket's process")
                    .contains("until an admin activates it");
            runtimeService.activateProcessInstanceById(instanceId);
            com.vaadin.flow.component.UI.getCurrent().navigate("tickets");
            com.vaadin.flow.component.UI.getCurrent().navigate("tickets/" + ticket.id());
            LocatorJ._assertNone(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("ticket-suspended"));
        } finally {
            io.tollgate.ui.Browserless.signOut();
        }
        assertThat(record(ticket.id()).suspended()).isFalse();
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(record(ticket.id()).suspended()).isFalse();
        // its rollback window's wait suspended: the request says so, not that the window has closed
        runtimeService.suspendProcessInstanceById(instanceId(ticket.id()));
        assertThat(record(ticket.id()).suspended()).isTrue();
        assertThatThrownBy(() -> tickets.requestRollback(ticket.id(), SUBMITTER, "undo"))
                .isInstanceOf(TicketNotAllowedException.class)
                .hasMessageContaining("an admin suspended its process, or the step it waits at, in the engine (Cockpit)");
        runtimeService.activateProcessInstanceById(instanceId(ticket.id()));
        tickets.requestRollback(ticket.id(), SUBMITTER, "undo");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLBACK_REQUESTED);
    }

    /**
     * An admin who suspends the job definition of the run in Cockpit (every ticket's Execute job, not one process)
     * leaves the approved ticket "executing" with nothing moving: before, the ticket said nothing of it.
     */
    @Test
    void aTicketWhoseRunAnAdminSuspendedInTheEngineSaysSoUntilItIsActivated() throws Exception {
        TicketRecord ticket = approvedTicket("UPDATE `" + table + "` SET qty = qty + 1 WHERE id = 2;");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTING);
        org.camunda.bpm.engine.runtime.Job run = managementService.createJobQuery()
                .processInstanceId(instanceId(ticket.id())).singleResult();
        managementService.suspendJobDefinitionById(run.getJobDefinitionId(), true);
        try {
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticket.id())
                    .suspended().count()).as("the process itself is active").isZero();
            assertThat(record(ticket.id()).suspended()).isTrue();
            HttpResponse<String> read = new Http(port).get("/api/v1/tickets/" + ticket.id(), SUBMITTER,
                    SUBMITTER + "-demo");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(read.body()).get("suspended")
                    .asBoolean()).as(read.body()).isTrue();
        } finally {
            managementService.activateJobDefinitionById(run.getJobDefinitionId(), true);
        }
        assertThat(record(ticket.id()).suspended()).isFalse();
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
    }

    /**
     * An admin who suspends the ticket process's definition in Cockpit stops new tickets: a submission says so (it
     * said "an admin suspended this process", of a process the ticket never had) and saves nothing.
     */
    @Test
    void aSubmissionWhileAnAdminSuspendedTheProcessDefinitionSaysSoAndSavesNothing() throws Exception {
        org.camunda.bpm.engine.RepositoryService repository = context.getBean(
                org.camunda.bpm.engine.RepositoryService.class);
        repository.suspendProcessDefinitionByKey(io.tollgate.processes.ticket.SqlTicketProcess.KEY);
        try {
            String body = "{\"title\": \"while suspended\", \"instance\": \"" + INSTANCE + "\", \"database\": \"" + DB
                    + "\", \"sql\": \"UPDATE `" + table + "` SET qty = 1 WHERE id = 1;\", \"reason\": \"r\"}";
            HttpResponse<String> refused = new Http(port).postJson("/api/v1/tickets", SUBMITTER, SUBMITTER + "-demo",
                    body);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("suspended this kind of request's process definition")
                    .contains("nothing of yours was saved");
        } finally {
            repository.activateProcessDefinitionByKey(io.tollgate.processes.ticket.SqlTicketProcess.KEY);
        }
        assertThat(context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM sql_ticket WHERE title = 'while suspended'", Long.class)).isZero();
    }

    /** What an admin does in Cockpit to a ticket's process after its run started. */
    enum EndedInCockpit {
        /** Deleted while the ticket executed (its execution job gone with it). */
        DELETED_WHILE_EXECUTING,
        /** Deleted while it waited for a DBA's decision after the failure. */
        DELETED_AFTER_THE_FAILURE,
        /** Moved from the DBA's decision to an end ("modify"). */
        MOVED_TO_AN_END_AFTER_THE_FAILURE
    }

    /**
     * A ticket whose process an admin ended in Cockpit after its run started waits for a DBA's decision again: before,
     * it stayed "executing" or "execution failed" with nothing waiting, and nobody could retry, roll back or close
     * it. The decision is started anew on its own, the trail says why, and a retry runs each statement once.
     */
    @ParameterizedTest
    @EnumSource(EndedInCockpit.class)
    void aTicketWhoseProcessAnAdminEndedAfterItsRunStartedWaitsForADbaAgain(EndedInCockpit how) throws Exception {
        TicketRecord ticket = approvedTicket(fiveStatementsFailingAtTheThird());
        String instanceId = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticket.id())
                .singleResult().getId();
        if (how == EndedInCockpit.DELETED_WHILE_EXECUTING) {
            assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTING);
            runtimeService.deleteProcessInstance(instanceId, "an admin in Cockpit", true);
        } else {
            runJobs(ticket.id());
            assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
            if (how == EndedInCockpit.DELETED_AFTER_THE_FAILURE) {
                runtimeService.deleteProcessInstance(instanceId, "an admin in Cockpit", true);
            } else {
                runtimeService.createProcessInstanceModification(instanceId)
                        .cancelAllForActivity(Elements.TASK_RESOLVE_FAILURE)
                        .startBeforeActivity(Elements.END_EVENT_CLOSED_AS_FAILED).execute(true, true);
            }
        }
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticket.id()).count())
                .isZero();

        TicketTask decision = await().atMost(Duration.ofSeconds(30)).until(() -> tickets.openTasks(ticket.id())
                .stream().filter(t -> t.kind() == TicketTask.Kind.RESOLVE_FAILURE).findFirst(),
                Optional::isPresent).get();
        TicketRecord reopened = record(ticket.id());
        assertThat(reopened.status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
        assertThat(reopened.trail()).filteredOn(e -> e.type() == TicketEvent.Type.DECISION_REOPENED).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("its process was ended in the engine (Cockpit) "
                        + (how == EndedInCockpit.DELETED_WHILE_EXECUTING ? "while it executed"
                        : "while it waited for a DBA's decision after the failed execution")));
        assertThat(tickets.tasksFor("dba", DBAS)).extracting(TicketTask::taskId).contains(decision.taskId());

        retryAfterRemovingTheRowInTheWay(ticket);
        TicketRecord executed = record(ticket.id());
        assertThat(executed.status()).as(executed.failure()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', qty) ORDER BY id) FROM `" + table + "`"))
                .as("each statement once").isEqualTo("1:11,2:22,3:3,4:44,5:50");
        assertThat(executed.trail()).filteredOn(e -> e.type() == TicketEvent.Type.DECISION_REOPENED).hasSize(1);
    }

    /**
     * A run whose process an admin deleted goes on until it ends (its job's thread runs; its statements commit): the
     * DBA's decision is reopened only after it, on what it did. A helper's DBA closed a ticket reopened while its run
     * was blocked on a row, and the run committed all its statements a minute after the close.
     */
    @Test
    void aRunWhoseProcessAnAdminDeletedIsNotHandedToADbaWhileItStillRuns() throws Exception {
        TicketRecord ticket = approvedTicket("UPDATE `" + table + "` SET qty = qty + 1 WHERE id = 1;\n"
                + "UPDATE `" + table + "` SET qty = qty + 2 WHERE id = 2;");
        String instanceId = instanceId(ticket.id());
        Thread run;
        try (Connection blocker = target(DB)) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.executeQuery("SELECT qty FROM `" + table + "` WHERE id = 2 FOR UPDATE").close();
            }
            run = runJobsInBackground(ticket.id());
            await().atMost(Duration.ofSeconds(20)).until(() -> !"0".equals(query("SELECT COUNT(*) FROM"
                    + " information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT' AND trx_query LIKE '%" + table
                    + "%'")));
            runtimeService.deleteProcessInstance(instanceId, "an admin in Cockpit", true);
            // several looks (each second here) while the run is blocked: nobody is asked to decide yet
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> record(ticket.id())
                    .trail().stream().noneMatch(e -> e.type() == TicketEvent.Type.DECISION_REOPENED));
            blocker.rollback();
        }
        run.join(Duration.ofSeconds(60).toMillis());
        assertThat(query("SELECT GROUP_CONCAT(qty ORDER BY id) FROM `" + table + "` WHERE id IN (1, 2)"))
                .as("the run went on and committed").isEqualTo("11,22");
        TicketTask decision = await().atMost(Duration.ofSeconds(30)).until(() -> tickets.openTasks(ticket.id())
                .stream().filter(t -> t.kind() == TicketTask.Kind.RESOLVE_FAILURE).findFirst(),
                Optional::isPresent).get();
        assertThat(record(ticket.id()).trail()).filteredOn(e -> e.type() == TicketEvent.Type.DECISION_REOPENED)
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("The ledger on the target records 2"
                        + " more statements done than Tollgate's record"));
        // closing or rolling back now would leave what the run committed off the ticket's record (a helper's DBA
        // closed it: "execution failed" with no results, the change on the target, nothing to roll it back with)
        for (FailureResolution tooSoon : List.of(FailureResolution.CLOSE, FailureResolution.ROLL_BACK)) {
            assertThatThrownBy(() -> tickets.resolve(decision.taskId(), "dba", DBAS, tooSoon, "not yet"))
                    .isInstanceOf(TicketNotAllowedException.class)
                    .hasMessageContaining("the ledger on the target records 2 statements of ticket " + ticket.id())
                    .hasMessageContaining("retry first");
        }
        // nor does an admin's move of the process to the close, past the DBA's decision (a helper's admin did it:
        // "closed", no results, the changes on the target)
        assertThatThrownBy(() -> runtimeService.createProcessInstanceModification(instanceId(ticket.id()))
                .cancelAllForActivity(Elements.TASK_RESOLVE_FAILURE)
                .startBeforeActivity(Elements.TASK_CLOSE_TICKET).execute())
                .hasStackTraceContaining("is closed on a DBA's decision in Tollgate");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
        tickets.resolve(decision.taskId(), "dba", DBAS, FailureResolution.RETRY, "finish what it recorded");
        runJobs(ticket.id());
        TicketRecord executed = record(ticket.id());
        assertThat(executed.status()).as(executed.failure()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(query("SELECT GROUP_CONCAT(qty ORDER BY id) FROM `" + table + "` WHERE id IN (1, 2)"))
                .as("each statement once").isEqualTo("11,22");
        assertThat(executed.rollbackSql()).hasSize(2);
    }

    /** The same after a failed rollback: the DBA's decision after it waits again, and closing the ticket ends it. */
    @Test
    void aFailedRollbackWhoseProcessAnAdminDeletedWaitsForADbaAgain() throws Exception {
        TicketRecord ticket = approvedTicket(fiveStatementsFailingAtTheThird());
        runJobs(ticket.id());
        sql("DELETE FROM tollgate_meta.tollgate_execution_ledger WHERE ticket_id = '" + ticket.id() + "'"
                + " AND phase = 'EXECUTE' AND statement_index = 1");
        tickets.resolve(task(ticket.id(), TicketTask.Kind.RESOLVE_FAILURE).taskId(), "dba", DBAS,
                FailureResolution.ROLL_BACK, "undo what ran");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLBACK_FAILED);
        runtimeService.deleteProcessInstance(instanceId(ticket.id()), "an admin in Cockpit", true);

        TicketTask decision = await().atMost(Duration.ofSeconds(30)).until(() -> tickets.openTasks(ticket.id())
                .stream().filter(t -> t.kind() == TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE).findFirst(),
                Optional::isPresent).get();
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLBACK_FAILED);
        assertThat(record(ticket.id()).trail()).filteredOn(e -> e.type() == TicketEvent.Type.DECISION_REOPENED)
                .singleElement().satisfies(e -> assertThat(e.detail()).contains(
                        "while it waited for a DBA's decision after the failed rollback"));
        tickets.resolve(decision.taskId(), "dba", DBAS, FailureResolution.CLOSE, "leave it, fixed by hand");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.CLOSED_FAILED);
    }

    @Test
    void aRetryRunsNothingWhenTheLedgerLostAStatementTollgateRecordedAsExecuted() throws Exception {
        // ADR 0044: exactly once rests on the ledger; a DONE row deleted on the target would run its statement again
        TicketRecord ticket = approvedTicket(fiveStatementsFailingAtTheThird());
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
        sql("DELETE FROM tollgate_meta.tollgate_execution_ledger WHERE ticket_id = '" + ticket.id() + "'"
                + " AND phase = 'EXECUTE' AND statement_index = 1");

        retryAfterRemovingTheRowInTheWay(ticket);

        TicketRecord stopped = record(ticket.id());
        assertThat(stopped.status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
        assertThat(stopped.failure()).contains("statement 1 has no DONE row in the ledger");
        assertThat(stopped.execution()).as("Tollgate's record stays").extracting(StatementResult::status)
                .containsExactly("EXECUTED", "EXECUTED", "FAILED", "NOT_RUN", "NOT_RUN");
        assertThat(stopped.rollbackSql()).hasSize(2);
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', qty) ORDER BY id) FROM `" + table + "`"))
                .as("statement 1 ran once, nothing after it ran").isEqualTo("1:11,2:22,4:40,5:50");
        // a rollback would leave statement 1 as it is: refused too
        tickets.resolve(task(ticket.id(), TicketTask.Kind.RESOLVE_FAILURE).taskId(), "dba", DBAS,
                FailureResolution.ROLL_BACK, "undo what ran");
        runJobs(ticket.id());
        TicketRecord notRolledBack = record(ticket.id());
        assertThat(notRolledBack.status()).isEqualTo(TicketStatus.ROLLBACK_FAILED);
        assertThat(notRolledBack.failure()).contains("records 1 executed statements, Tollgate recorded 2");
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', qty) ORDER BY id) FROM `" + table + "`"))
                .isEqualTo("1:11,2:22,4:40,5:50");
    }

    @Test
    void anInverseRewrittenOnTheTargetBeforeARetryStopsTheRetryAndIsNeverTollgatesRecord() throws Exception {
        // ADR 0044/0045: the retry's run would copy the inverses again; the rewritten row no longer carries
        // Tollgate's seal, so the retry runs nothing, and the rollback checks against Tollgate's record
        TicketRecord ticket = approvedTicket(fiveStatementsFailingAtTheThird());
        runJobs(ticket.id());
        String approved = record(ticket.id()).rollbackSql().stream().filter(s -> s.statement() == 1).findFirst()
                .orElseThrow().sql();
        sql("UPDATE tollgate_meta.tollgate_execution_ledger SET rollback_sql = 'DELETE FROM `" + DB + "`.`" + table
                + "` WHERE id = 5;' WHERE ticket_id = '" + ticket.id() + "' AND phase = 'EXECUTE' AND statement_index = 1");
        retryAfterRemovingTheRowInTheWay(ticket);
        TicketRecord refused = record(ticket.id());
        assertThat(refused.status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
        assertThat(refused.failure()).contains("statement 1").contains("Tollgate did not write");
        assertThat(refused.rollbackSql()).hasSize(2).filteredOn(s -> s.statement() == 1).singleElement()
                .satisfies(s -> assertThat(s.sql()).isEqualTo(approved));
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', qty) ORDER BY id) FROM `" + table + "`"))
                .as("nothing after statement 2 ran").isEqualTo("1:11,2:22,4:40,5:50");

        tickets.resolve(task(ticket.id(), TicketTask.Kind.RESOLVE_FAILURE).taskId(), "dba", DBAS,
                FailureResolution.ROLL_BACK, "undo what ran");
        runJobs(ticket.id());

        TicketRecord stopped = record(ticket.id());
        assertThat(stopped.status()).isEqualTo(TicketStatus.ROLLBACK_FAILED);
        assertThat(stopped.failure()).contains("statement 1").contains("differs from Tollgate's record");
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', qty) ORDER BY id) FROM `" + table + "`"))
                .as("nothing rolled back, row 5 kept").isEqualTo("1:11,2:22,4:40,5:50");
    }

    @Test
    void aFailedStatementMarkedDoneOnTheTargetIsNotSkippedByTheRetry() throws Exception {
        // ADR 0045: statement 3 failed; someone with rights on the ledger marks it DONE, which a retry would have
        // skipped, ending EXECUTED without it
        TicketRecord ticket = approvedTicket(fiveStatementsFailingAtTheThird());
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
        sql("UPDATE tollgate_meta.tollgate_execution_ledger SET state = 'DONE', error = NULL WHERE ticket_id = '"
                + ticket.id() + "' AND phase = 'EXECUTE' AND statement_index = 3");

        retryAfterRemovingTheRowInTheWay(ticket);

        TicketRecord stopped = record(ticket.id());
        assertThat(stopped.status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
        assertThat(stopped.failure()).contains("statement 3").contains("Tollgate did not write");
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', qty) ORDER BY id) FROM `" + table + "`"))
                .as("statements 3 to 5 did not run, nor did 1 and 2 again").isEqualTo("1:11,2:22,4:40,5:50");

        // the DBA takes the forged row away and retries: the rest runs, each statement once
        sql("DELETE FROM tollgate_meta.tollgate_execution_ledger WHERE ticket_id = '" + ticket.id() + "'"
                + " AND phase = 'EXECUTE' AND statement_index = 3");
        tickets.resolve(task(ticket.id(), TicketTask.Kind.RESOLVE_FAILURE).taskId(), "dba", DBAS,
                FailureResolution.RETRY, "removed the forged ledger row");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, ':', qty) ORDER BY id) FROM `" + table + "`"))
                .isEqualTo("1:11,2:22,3:3,4:44,5:50");
    }

    @Test
    void runningTheExecuteStepTwiceExecutesEachStatementOnce() throws Exception {
        TicketRecord ticket = approvedTicket("UPDATE `" + table + "` SET qty = qty + 1 WHERE id = 1;\n"
                + "INSERT INTO `" + table + "` (id, sku, qty) VALUES (7, 'date', 70);\n"
                + "ALTER TABLE `" + table + "` ADD COLUMN note VARCHAR(40) NULL COMMENT 'note';");
        Job execute = executeJob(ticket.id());

        // the first run executes on the target, then its node dies before the engine commits: the job stays
        transactions.executeWithoutResult(tx -> {
            managementService.executeJob(execute.getId());
            tx.setRollbackOnly();
        });
        assertThat(managementService.createJobQuery().jobId(execute.getId()).count()).isEqualTo(1);
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).isEqualTo("11");

        managementService.executeJob(execute.getId());

        TicketRecord executed = record(ticket.id());
        assertThat(executed.status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(executed.execution()).extracting(StatementResult::status)
                .containsExactly("ALREADY_DONE", "ALREADY_DONE", "ALREADY_DONE");
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).isEqualTo("11");
        assertThat(query("SELECT COUNT(*) FROM `" + table + "` WHERE id = 7")).isEqualTo("1");
    }

    @Test
    void anExecuteJobRunAgainWhileItsFirstRunGoesOnRunsNothingAndIsRetriedNotFailed() throws Exception {
        TicketRecord ticket = approvedTicket("UPDATE `" + table + "` SET qty = qty + 1 WHERE id = 1;");
        Job execute = executeJob(ticket.id());
        try (Connection firstRun = target(null); Statement s = firstRun.createStatement()) {
            // stands for the first run, still executing (its job's lock expired, so the job executor ran it again)
            s.executeQuery("SELECT GET_LOCK('" + MysqlTicketExecutor.runLockName(ticket.id()) + "', 0)").close();
            assertThatThrownBy(() -> managementService.executeJob(execute.getId()))
                    .hasMessageContaining("ticket " + ticket.id() + " is still executing");
        }
        TicketRecord deferred = record(ticket.id());
        assertThat(deferred.status()).isEqualTo(TicketStatus.EXECUTING);
        assertThat(deferred.trail()).extracting(TicketEvent::type).contains(TicketEvent.Type.EXECUTION_DEFERRED)
                .doesNotContain(TicketEvent.Type.EXECUTION_FAILED);
        assertThat(tickets.openTasks(ticket.id())).isEmpty();
        Job retried = managementService.createJobQuery().jobId(execute.getId()).singleResult();
        assertThat(retried.getRetries()).isEqualTo(2);
        assertThat(retried.getExceptionMessage()).contains("nothing was run by this attempt");
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).isEqualTo("10");

        managementService.executeJob(execute.getId());

        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).isEqualTo("11");
    }

    @Test
    void anExecutionWhoseNodeStoppedOnAnotherMachineIsReleasedAfterTheSettleTimeAndResumesRunningNothingTwice()
            throws Exception {
        TicketRecord ticket = approvedTicket("UPDATE `" + table + "` SET qty = qty + 1 WHERE id = 1;\n"
                + "UPDATE `" + table + "` SET qty = qty + 2 WHERE id = 2;");
        Job execute = executeJob(ticket.id());
        // a node of another machine ran the statements and died before the engine committed: its job lock stays
        transactions.executeWithoutResult(tx -> {
            managementService.executeJob(execute.getId());
            tx.setRollbackOnly();
        });
        Instant locked = Instant.now();
        engineConfiguration.getCommandExecutorTxRequired().execute(context -> {
            JobEntity job = context.getJobManager().findJobById(execute.getId());
            job.setLockOwner("another-machine/4242");
            job.setLockExpirationTime(Date.from(locked.plus(Duration.ofMinutes(5))));
            return null;
        });
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTING);

        TicketEvent interrupted = await().atMost(Duration.ofSeconds(40)).until(() -> record(ticket.id()).trail()
                .stream().filter(e -> e.type() == TicketEvent.Type.EXECUTION_INTERRUPTED).findFirst(),
                Optional::isPresent).orElseThrow();

        // another machine's pid cannot be checked: two looks, the settle time (10 s) apart
        assertThat(Duration.between(locked, interrupted.at())).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(interrupted.detail()).isEqualTo("execution interrupted at statement 2 of 2"
                + " (node another-machine/4242 stopped, or the engine rolled the run's record back); 2 done, resuming");
        assertThat(record(ticket.id()).execution()).extracting(StatementResult::index).containsExactly(1, 2);
        JobEntity released = (JobEntity) managementService.createJobQuery().jobId(execute.getId()).singleResult();
        assertThat(released.getLockOwner()).isNull();

        managementService.executeJob(execute.getId());

        TicketRecord executed = record(ticket.id());
        assertThat(executed.status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(executed.trail()).filteredOn(e -> e.type() == TicketEvent.Type.EXECUTION_RESUMED)
                .extracting(TicketEvent::detail)
                .containsExactly("resumed after statement 2 of 2: every statement was already done (on node "
                        + io.tollgate.engine.NodeName.name() + ")");
        assertThat(query("SELECT GROUP_CONCAT(qty ORDER BY id) FROM `" + table + "` WHERE id <= 2")).isEqualTo("11,22");
    }

    /**
     * A run of this node whose record the engine rolled back (an admin suspended its job in Cockpit while it ran: its
     * commit failed) is resumed as an interrupted one, and the trail does not say this node stopped (a helper found
     * "node ... stopped" of a node that never did).
     */
    @Test
    void aRunOfThisNodeWhoseRecordTheEngineRolledBackIsResumedWithoutSayingTheNodeStopped() throws Exception {
        TicketRecord ticket = approvedTicket("UPDATE `" + table + "` SET qty = qty + 1 WHERE id = 3;");
        Job execute = executeJob(ticket.id());
        String qty = query("SELECT qty FROM `" + table + "` WHERE id = 3");
        // the run committed its statement on the target; the engine's transaction, its record with it, rolled back
        transactions.executeWithoutResult(tx -> {
            managementService.executeJob(execute.getId());
            tx.setRollbackOnly();
        });
        engineConfiguration.getCommandExecutorTxRequired().execute(context -> {
            JobEntity job = context.getJobManager().findJobById(execute.getId());
            job.setLockOwner(io.tollgate.engine.NodeName.name());
            job.setLockExpirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))));
            return null;
        });

        TicketEvent interrupted = await().atMost(Duration.ofSeconds(40)).until(() -> record(ticket.id()).trail()
                .stream().filter(e -> e.type() == TicketEvent.Type.EXECUTION_INTERRUPTED).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(interrupted.detail()).startsWith("execution interrupted at statement 1 of 1 (its run on this node, "
                + io.tollgate.engine.NodeName.name() + ", which did not stop, ended without its record")
                .doesNotContain("stopped)");
        managementService.executeJob(execute.getId());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 3")).as("run once")
                .isEqualTo(String.valueOf(Integer.parseInt(qty) + 1));
    }

    @Test
    void aRollbackWhoseNodeStoppedOnAnotherMachineIsReleasedAfterTheSettleTimeAndResumesUndoingNothingTwice()
            throws Exception {
        TicketRecord ticket = approvedTicket("UPDATE `" + table + "` SET qty = qty + 1 WHERE id = 1;\n"
                + "UPDATE `" + table + "` SET qty = qty + 2 WHERE id = 2;");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        tickets.requestRollback(ticket.id(), SUBMITTER, "undo it");
        tickets.decide(task(ticket.id(), TicketTask.Kind.ROLLBACK_APPROVAL).taskId(), REVIEWER, REVIEWERS, true, "ok");
        Job rollback = managementService.createJobQuery().processInstanceId(instanceId(ticket.id()))
                .activityId(Elements.TASK_ROLL_BACK_TICKET).singleResult();
        // a node of another machine undid both statements and died before the engine committed: its job lock stays
        transactions.executeWithoutResult(tx -> {
            managementService.executeJob(rollback.getId());
            tx.setRollbackOnly();
        });
        Instant locked = Instant.now();
        engineConfiguration.getCommandExecutorTxRequired().execute(context -> {
            JobEntity job = context.getJobManager().findJobById(rollback.getId());
            job.setLockOwner("another-machine/4243");
            job.setLockExpirationTime(Date.from(locked.plus(Duration.ofMinutes(5))));
            return null;
        });
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLING_BACK);

        TicketEvent interrupted = await().atMost(Duration.ofSeconds(40)).until(() -> record(ticket.id()).trail()
                .stream().filter(e -> e.type() == TicketEvent.Type.ROLLBACK_INTERRUPTED).findFirst(),
                Optional::isPresent).orElseThrow();

        assertThat(Duration.between(locked, interrupted.at())).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(interrupted.detail()).isEqualTo("rollback interrupted at statement 1 (2 of 2 undone)"
                + " (node another-machine/4243 stopped, or the engine rolled the run's record back); resuming");
        assertThat(record(ticket.id()).rollback()).extracting(StatementResult::index).containsExactly(2, 1);
        JobEntity released = (JobEntity) managementService.createJobQuery().jobId(rollback.getId()).singleResult();
        assertThat(released.getLockOwner()).isNull();

        managementService.executeJob(rollback.getId());

        TicketRecord rolledBack = record(ticket.id());
        assertThat(rolledBack.status()).isEqualTo(TicketStatus.ROLLED_BACK);
        assertThat(rolledBack.trail()).filteredOn(e -> e.type() == TicketEvent.Type.ROLLBACK_RESUMED)
                .extracting(TicketEvent::detail)
                .containsExactly("rollback resumed after all 2 statements were already undone (on node "
                        + io.tollgate.engine.NodeName.name() + ")");
        assertThat(rolledBack.rollback()).extracting(StatementResult::status)
                .containsExactly("ALREADY_DONE", "ALREADY_DONE");
        assertThat(query("SELECT GROUP_CONCAT(qty ORDER BY id) FROM `" + table + "` WHERE id <= 2")).isEqualTo("10,20");
    }

    @Test
    void nobodyApprovesTheirOwnTicketThroughTheUseCaseTheJavaApiOrTheRestApis() throws Exception {
        TicketRecord ticket = submit("admin", "UPDATE `" + table + "` SET qty = 0 WHERE id = 1;",
                ExecutionMode.AFTER_APPROVAL, null);
        runJobs(ticket.id());
        String taskId = task(ticket.id(), TicketTask.Kind.APPROVAL).taskId();

        // the use case
        assertThatThrownBy(() -> tickets.decide(taskId, "admin", List.of("reviewer", "admin"), true, null))
                .isInstanceOf(ApprovalRefusedException.class);
        // the engine's Java API, as the signed-in submitter or with the task assigned to them
        identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
        assertThatThrownBy(() -> taskService.complete(taskId, Map.of("approved", true)))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        identityService.clearAuthentication();
        assertThatThrownBy(() -> taskService.setAssignee(taskId, "admin"))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        assertThatThrownBy(() -> taskService.complete(taskId, Map.of("approved", true)))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        // Tollgate's REST API
        Http http = new Http(port);
        HttpResponse<String> api = http.postJson("/api/v1/tasks/" + taskId + "/decision", "admin", "admin-demo",
                "{\"approve\": true, \"comment\": \"mine, approved by me\"}");
        assertThat(api.statusCode()).as(api.body()).isEqualTo(403);
        // the refused decision wrote nothing: the task is not assigned to the submitter and carries no comment
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
        assertThat(taskService.getTaskComments(taskId)).isEmpty();
        // Camunda's REST API completes no task at all, for admins neither (ADR 0010)
        HttpResponse<String> engine = http.postJson("/engine-rest/task/" + taskId + "/complete", "admin",
                "admin-demo", "{\"variables\": {\"approved\": {\"value\": true, \"type\": \"Boolean\"}}}");
        assertThat(engine.statusCode()).as(engine.body()).isEqualTo(403);
        assertThat(engine.body()).contains("is for Camunda Modeler and for reading");

        // the ticket's own decision endpoint: refused, and the attempt is found by the ticket's id
        HttpResponse<String> own = http.postJson("/api/v1/tickets/" + ticket.id() + "/decision", "admin",
                "admin-demo", "{\"approve\": true, \"comment\": \"mine\"}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
        assertThat(context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM audit_entry WHERE kind = 'approval.refused' AND subject_type = 'ticket'"
                        + " AND subject_id = ? AND actor = 'admin'", Long.class, ticket.id())).isPositive();

        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).isEqualTo("10");
        // and a reviewer through the REST API may
        HttpResponse<String> approved = http.postJson("/api/v1/tasks/" + taskId + "/decision", "reviewer",
                "reviewer-demo", "{\"approve\": true, \"comment\": \"fine\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        runJobs(ticket.id());
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).isEqualTo("0");
    }

    @Test
    void aRejectionNeedsACommentAndEndsTheTicket() throws Exception {
        TicketRecord ticket = submit(SUBMITTER, "UPDATE `" + table + "` SET qty = 0 WHERE id = 1;",
                ExecutionMode.AFTER_APPROVAL, null);
        runJobs(ticket.id());
        String taskId = task(ticket.id(), TicketTask.Kind.APPROVAL).taskId();

        assertThatThrownBy(() -> tickets.decide(taskId, REVIEWER, REVIEWERS, false, " "))
                .isInstanceOf(InvalidTicketException.class).hasMessageContaining("comment");
        tickets.decide(taskId, REVIEWER, REVIEWERS, false, "touches production stock");

        TicketRecord rejected = record(ticket.id());
        assertThat(rejected.status()).isEqualTo(TicketStatus.REJECTED);
        assertThat(rejected.trail()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(TicketEvent.Type.REJECTED);
            assertThat(e.actor()).isEqualTo(REVIEWER);
            assertThat(e.detail()).isEqualTo("touches production stock");
        });
        assertThat(endedAt(ticket.id())).isEqualTo(Elements.END_EVENT_REJECTED);
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).isEqualTo("10");
        // the comment reached the listeners that recorded it, as a transient variable: no process variable, no
        // variable history (the trail, the decision and Camunda's task comment hold it); nor does the instance hold
        // what nothing reads after a wait (the business key is the ticket, the ticket's row its title, instance and
        // database; the decision's inputs were transient, kept in the decision's history; ADR 0061)
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId(ticket.id()))
                .variableNameIn(Variables.COMMENT.name(), "ticketId", "database", "title", "instance",
                        "rollbackWindow", Variables.ENVIRONMENT.name(), Variables.RISK_LEVEL.name(),
                        Variables.HAS_DDL.name(), Variables.ESTIMATED_ROWS.name()).count()).isZero();
        assertThat(historyService.createHistoricDecisionInstanceQuery().processInstanceId(instanceId(ticket.id()))
                .includeInputs().singleResult().getInputs()).hasSize(4);
        assertThat(historyService.createHistoricDetailQuery().processInstanceId(instanceId(ticket.id()))
                .variableUpdates().list()).noneMatch(d -> Variables.COMMENT.name().equals(
                        ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName()));
    }

    @Test
    void aScheduledTicketExecutesAtItsTimeAndNotBefore() throws Exception {
        Instant at = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TicketRecord ticket = submit(SUBMITTER, "UPDATE `" + table + "` SET qty = 99 WHERE id = 5;",
                ExecutionMode.SCHEDULED, at);
        runJobs(ticket.id());
        approve(ticket.id(), REVIEWER, REVIEWERS);
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.SCHEDULED);

        Job timer = managementService.createJobQuery().processInstanceId(instanceId(ticket.id())).timers()
                .singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(at);
        ClockUtil.setCurrentTime(Date.from(at.minusSeconds(60)));
        runJobs(ticket.id());
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 5")).isEqualTo("50");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.SCHEDULED);

        ClockUtil.setCurrentTime(Date.from(at.plusSeconds(1)));
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 5")).isEqualTo("99");
    }

    @Test
    void aManualTicketWaitsForItsSubmitterToPressExecute() throws Exception {
        TicketRecord ticket = submit(SUBMITTER, "UPDATE `" + table + "` SET qty = 77 WHERE id = 4;",
                ExecutionMode.MANUAL, null);
        runJobs(ticket.id());
        approve(ticket.id(), REVIEWER, REVIEWERS);
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.AWAITING_EXECUTION);
        assertThat(tickets.tasksFor(SUBMITTER, List.of("engineer"))).anySatisfy(t -> {
            assertThat(t.ticket().id()).isEqualTo(ticket.id());
            assertThat(t.kind()).isEqualTo(TicketTask.Kind.CONFIRM_EXECUTION);
        });
        assertThatThrownBy(() -> tickets.execute(ticket.id(), REVIEWER)).isInstanceOf(PermissionDeniedException.class);

        tickets.execute(ticket.id(), SUBMITTER);
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 4")).isEqualTo("77");
    }

    /**
     * Execute pressed twice at once (two tabs, a double click reaching two requests): one request asks for the
     * execution, the other is told the ticket moved on (409), the trail has one request and the statement runs once.
     * Before, the second request met the first's half-done task in the engine's listener ("children is null"): a 500.
     */
    @Test
    void executePressedTwiceAtOnceRequestsTheExecutionOnce() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 6; round++) {
                TicketRecord ticket = submit(SUBMITTER, "UPDATE `" + table + "` SET qty = qty + 1 WHERE id = 4;",
                        ExecutionMode.MANUAL, null);
                runJobs(ticket.id());
                approve(ticket.id(), REVIEWER, REVIEWERS);
                assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.AWAITING_EXECUTION);
                twiceAtOnce(pool, "round " + round, () -> tickets.execute(ticket.id(), SUBMITTER));
                runJobs(ticket.id());
                TicketRecord executed = record(ticket.id());
                assertThat(executed.status()).isEqualTo(TicketStatus.EXECUTED);
                assertThat(executed.trail()).filteredOn(e -> e.type() == TicketEvent.Type.EXECUTION_REQUESTED)
                        .hasSize(1);
                assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 4")).as("round " + round)
                        .isEqualTo(String.valueOf(40 + round));
                // and "Request rollback" twice at once: one request, one rollback approval
                String reason = "undo round " + round;
                twiceAtOnce(pool, "rollback, round " + round,
                        () -> tickets.requestRollback(ticket.id(), SUBMITTER, reason));
                assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLBACK_REQUESTED);
                assertThat(record(ticket.id()).trail()).filteredOn(e -> e.type() == TicketEvent.Type.ROLLBACK_REQUESTED)
                        .hasSize(1);
                assertThat(taskService.createTaskQuery().processInstanceBusinessKey(ticket.id()).list()).as(
                        "one rollback approval").hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code action} from two threads at once: one succeeds, the other is told the ticket moved on (409). */
    private static void twiceAtOnce(java.util.concurrent.ExecutorService pool, String what, Runnable action)
            throws Exception {
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.Callable<Throwable> press = () -> {
            together.await(10, java.util.concurrent.TimeUnit.SECONDS);
            try {
                action.run();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        };
        var first = pool.submit(press);
        var second = pool.submit(press);
        List<Throwable> outcomes = new ArrayList<>();
        outcomes.add(first.get(30, java.util.concurrent.TimeUnit.SECONDS));
        outcomes.add(second.get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(outcomes).as(what).filteredOn(java.util.Objects::isNull).hasSize(1);
        assertThat(outcomes).as(what).filteredOn(java.util.Objects::nonNull).singleElement()
                .isInstanceOf(TicketNotAllowedException.class);
    }

    @Test
    void withdrawalStopsEverythingAndIsRefusedOnceExecuted() throws Exception {
        TicketRecord ticket = submit(SUBMITTER, "UPDATE `" + table + "` SET qty = 1 WHERE id = 2;",
                ExecutionMode.AFTER_APPROVAL, null);
        runJobs(ticket.id());
        assertThatThrownBy(() -> tickets.withdraw(ticket.id(), REVIEWER)).isInstanceOf(PermissionDeniedException.class);

        tickets.withdraw(ticket.id(), SUBMITTER);

        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.WITHDRAWN);
        assertThat(endedAt(ticket.id())).isEqualTo(Elements.END_EVENT_WITHDRAWN);
        assertThat(tickets.openTasks(ticket.id())).isEmpty();
        assertThat(managementService.createJobQuery().processInstanceId(instanceId(ticket.id())).count()).isZero();
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 2")).isEqualTo("20");

        TicketRecord executed = approvedTicket("UPDATE `" + table + "` SET qty = 2 WHERE id = 2;");
        runJobs(executed.id());
        assertThat(record(executed.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThatThrownBy(() -> tickets.withdraw(executed.id(), SUBMITTER))
                .isInstanceOf(TicketNotAllowedException.class).hasMessageContaining("executed");
    }

    @Test
    void aTicketFailingReviewIsFixedAndResubmittedByItsSubmitter() throws Exception {
        TicketRecord ticket = submit(SUBMITTER, "UPDATE `" + table + "_nope` SET qty = 1 WHERE id = 2;",
                ExecutionMode.AFTER_APPROVAL, null);
        runJobs(ticket.id());
        TicketRecord failed = record(ticket.id());
        assertThat(failed.status()).isEqualTo(TicketStatus.REVIEW_FAILED);
        assertThat(failed.findings()).anySatisfy(f -> assertThat(f.level()).isEqualTo("ERROR"));
        assertThat(task(ticket.id(), TicketTask.Kind.FIX).assignee()).isEqualTo(SUBMITTER);
        assertThatThrownBy(() -> tickets.resubmit(ticket.id(), REVIEWER, "SELECT 1"))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> tickets.resubmit(ticket.id(), SUBMITTER, "  "))
                .isInstanceOf(InvalidTicketException.class);

        // a statement the executor cannot undo exactly is caught at review too, not at execution
        tickets.resubmit(ticket.id(), SUBMITTER, "REPLACE INTO `" + table + "` (id, sku, qty) VALUES (2, 'pear', 1);");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.REVIEW_FAILED);
        assertThat(record(ticket.id()).findings()).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("execution.refused");
            assertThat(f.level()).isEqualTo("ERROR");
        });

        String fixed = "UPDATE `" + table + "` SET qty = 1 WHERE id = 2;";
        tickets.resubmit(ticket.id(), SUBMITTER, fixed);
        runJobs(ticket.id());

        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        assertThat(record(ticket.id()).findings()).noneSatisfy(f -> assertThat(f.level()).isEqualTo("ERROR"));
        // the chained trail says which SQL each step was about: the first review's, then the fixed one's
        List<Map<String, Object>> entries = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForList("SELECT kind, payload FROM audit_entry WHERE subject_id = ? AND kind LIKE 'ticket.%'"
                        + " ORDER BY id", ticket.id());
        String submittedSql = "UPDATE `" + table + "_nope` SET qty = 1 WHERE id = 2;";
        assertThat(entries.get(0).get("kind")).isEqualTo("ticket.submitted");
        assertThat((String) entries.get(0).get("payload")).contains("\"sqlSha256\":\""
                + io.tollgate.engine.approval.ApprovalPolicy.hash(submittedSql) + "\"").contains("\"round\":1")
                // what the ticket was called: an auditor searching the trail for it by its title finds it
                .contains("\"title\":\"" + record(ticket.id()).title() + "\"");
        Map<String, Object> passed = entries.stream().filter(e -> "ticket.review-passed".equals(e.get("kind")))
                .reduce((a, b) -> b).orElseThrow();
        assertThat((String) passed.get("payload")).contains("\"sqlSha256\":\""
                + io.tollgate.engine.approval.ApprovalPolicy.hash(fixed) + "\"").contains("\"round\":3");
        // each submission is filed under the round its review opens, with that round's SQL (it was the round before)
        Map<String, Object> lastResubmission = entries.stream()
                .filter(e -> "ticket.resubmitted".equals(e.get("kind"))).reduce((a, b) -> b).orElseThrow();
        assertThat((String) lastResubmission.get("payload")).contains("\"sqlSha256\":\""
                + io.tollgate.engine.approval.ApprovalPolicy.hash(fixed) + "\"").contains("\"round\":3");
    }

    @Test
    void submissionsAreValidatedAndAReadOnlyInstanceRefusesExecution() throws Exception {
        assertThatThrownBy(() -> tickets.submit(SUBMITTER, new TicketDraft(" ", "nowhere", "bad name!", "", "",
                ExecutionMode.SCHEDULED, null)))
                .isInstanceOfSatisfying(InvalidTicketException.class, e -> assertThat(e.problems()).hasSize(6));
        assertThatThrownBy(() -> tickets.submit(SUBMITTER, new TicketDraft("t", READ_ONLY_INSTANCE, DB,
                "UPDATE x SET a = 1 WHERE id = 1;", "r", ExecutionMode.AFTER_APPROVAL, null)))
                .isInstanceOf(InvalidTicketException.class).hasMessageContaining("read-only");
        assertThatThrownBy(() -> tickets.submit(SUBMITTER, new TicketDraft("t", INSTANCE, DB,
                "UPDATE x SET a = 1 WHERE id = 1;", "r", ExecutionMode.SCHEDULED, Instant.now().minusSeconds(5))))
                .isInstanceOf(InvalidTicketException.class).hasMessageContaining("not in the future");
        // a time its timer cannot hold (and an approval would fail on for ever), or years away, is refused too
        for (Instant tooFar : List.of(Instant.parse("+292278995-01-01T00:00:00Z"), Instant.now().plus(400,
                java.time.temporal.ChronoUnit.DAYS))) {
            assertThatThrownBy(() -> tickets.submit(SUBMITTER, new TicketDraft("t", INSTANCE, DB,
                    "UPDATE x SET a = 1 WHERE id = 1;", "r", ExecutionMode.SCHEDULED, tooFar)))
                    .isInstanceOf(InvalidTicketException.class)
                    .hasMessageContaining("is more than 366 days ahead: schedule it within a year");
        }

        // an instance made read-only after approval: the execution refuses and a DBA decides
        String name = "ticket-flip-" + UUID.randomUUID().toString().substring(0, 6);
        InstanceView flip = instances.register(TARGET.form(name, false), "admin");
        TicketRecord ticket = tickets.submit(SUBMITTER, new TicketDraft("flip", name, DB,
                "UPDATE `" + table + "` SET qty = 5 WHERE id = 5;", "r", ExecutionMode.MANUAL, null));
        runJobs(ticket.id());
        approve(ticket.id(), REVIEWER, REVIEWERS);
        instances.update(flip.id(), TARGET.form(name, true), "admin");
        tickets.execute(ticket.id(), SUBMITTER);
        runJobs(ticket.id());

        TicketRecord refused = record(ticket.id());
        assertThat(refused.status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
        assertThat(refused.failure()).contains("read-only");
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 5")).isEqualTo("50");
        // nothing ran: there is nothing to roll back, and a "rolled back" ticket would say otherwise
        assertThatThrownBy(() -> tickets.resolve(task(ticket.id(), TicketTask.Kind.RESOLVE_FAILURE).taskId(), "dba",
                DBAS, FailureResolution.ROLL_BACK, "undo")).isInstanceOf(InvalidTicketException.class)
                .hasMessageContaining("nothing to roll back");
        tickets.resolve(task(ticket.id(), TicketTask.Kind.RESOLVE_FAILURE).taskId(), "dba", DBAS,
                FailureResolution.CLOSE, "instance frozen");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.CLOSED_FAILED);
        assertThat(endedAt(ticket.id())).isEqualTo(Elements.END_EVENT_CLOSED_AS_FAILED);
    }

    /**
     * The approver sees how many rows the ticket changes, as the review counted or estimated them (the routing's
     * "many rows" reads the same sum): on the ticket, over REST, and gone while a resubmission is reviewed again.
     */
    @Test
    void theReviewSaysHowManyRowsATicketChanges() throws Exception {
        TicketRecord counted = submit(SUBMITTER, "UPDATE `" + table + "` SET qty = qty + 1 WHERE id IN (1, 2);\n"
                + "INSERT INTO `" + table + "` (id, sku, qty) VALUES (6, 'lime', 6), (7, 'date', 7);",
                ExecutionMode.AFTER_APPROVAL, null);
        assertThat(counted.affectedRows()).as("not reviewed yet").isNull();
        runJobs(counted.id());
        assertThat(record(counted.id()).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        assertThat(record(counted.id()).affectedRows()).isEqualTo(new AffectedRows(4L, true, 0));
        HttpResponse<String> rest = new Http(port).get("/api/v1/tickets/" + counted.id(), "reviewer",
                "reviewer-demo");
        assertThat(rest.body()).contains("\"affectedRows\":{\"rows\":4,\"exact\":true,\"statementsWithoutEstimate\":0}");

        TicketRecord ddl = submit(SUBMITTER, "ALTER TABLE `" + table + "` ADD COLUMN note VARCHAR(20) NULL COMMENT 'n';",
                ExecutionMode.AFTER_APPROVAL, null);
        runJobs(ddl.id());
        assertThat(record(ddl.id()).affectedRows()).as("DDL alone changes no rows a count tells").isNull();

        // a table the ticket's own script creates has no rows to count or estimate yet
        String fresh = table + "_new";
        TicketRecord unknown = submit(SUBMITTER, "CREATE TABLE `" + fresh + "` (id INT NOT NULL PRIMARY KEY COMMENT 'id')"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='new';\n"
                + "UPDATE `" + fresh + "` SET id = 2 WHERE id = 1;\n"
                + "UPDATE `" + table + "_nope` SET qty = 1 WHERE id = 2;", ExecutionMode.AFTER_APPROVAL, null);
        runJobs(unknown.id());
        TicketRecord failed = record(unknown.id());
        assertThat(failed.status()).isEqualTo(TicketStatus.REVIEW_FAILED);
        assertThat(failed.affectedRows()).isNotNull();
        assertThat(failed.affectedRows().statementsWithoutEstimate()).isPositive();

        tickets.resubmit(unknown.id(), SUBMITTER, "DELETE FROM `" + table + "` WHERE id = 5;");
        assertThat(record(unknown.id()).affectedRows()).as("the old count is not the new SQL's").isNull();
        runJobs(unknown.id());
        assertThat(record(unknown.id()).affectedRows()).isEqualTo(new AffectedRows(1L, true, 0));
        approve(unknown.id(), REVIEWER, REVIEWERS);
        runJobs(unknown.id());
        assertThat(record(unknown.id()).trail()).filteredOn(e -> e.type() == TicketEvent.Type.EXECUTED)
                .extracting(TicketEvent::detail).as("one statement, in the words of the trail").containsExactly("1 statement");
    }

    /** A pipeline whose ticket failed review fixes it over REST, as the ticket page does; only its submitter may. */
    @Test
    void aPipelineResubmitsItsFixedSqlOverRest() throws Exception {
        Http http = new Http(port);
        String id = submitOverRest(http, "UPDATE `" + table + "_nope` SET qty = 1 WHERE id = 2;");
        runJobs(id);
        assertThat(record(id).status()).isEqualTo(TicketStatus.REVIEW_FAILED);
        String path = "/api/v1/tickets/" + id + "/resubmit";
        String fixed = "{\"sql\": \"UPDATE `" + table + "` SET qty = 7 WHERE id = 2;\"}";

        HttpResponse<String> someoneElse = http.postJson(path, "reviewer", "reviewer-demo", fixed);
        assertThat(someoneElse.statusCode()).as(someoneElse.body()).isEqualTo(403);
        assertThat(someoneElse.body()).contains("only engineer, who submitted ticket " + id);
        HttpResponse<String> noSql = http.postJson(path, "engineer", "engineer-demo", "{}");
        assertThat(noSql.statusCode()).as(noSql.body()).isEqualTo(400);
        assertThat(noSql.body()).contains("the SQL is required");
        assertThat(record(id).status()).isEqualTo(TicketStatus.REVIEW_FAILED);

        // the wait answers with the ticket as the resubmission left it (wait=0: this test drives the jobs itself)
        HttpResponse<String> resubmitted = http.postJson(path + "?waitWhileStatus=REVIEW_FAILED&wait=0", "engineer",
                "engineer-demo", fixed);
        assertThat(resubmitted.statusCode()).as(resubmitted.body()).isEqualTo(200);
        assertThat(resubmitted.body()).contains("\"status\":\"REVIEWING\"", "SET qty = 7");
        runJobs(id);
        assertThat(record(id).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        assertThat(record(id).trail()).extracting(TicketEvent::type).contains(TicketEvent.Type.RESUBMITTED);

        HttpResponse<String> again = http.postJson(path, "engineer", "engineer-demo", fixed);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("cannot be resubmitted now");

        // an auditor reads what it was first submitted with (and failed review with), by the hash the trail names
        String first = "UPDATE `" + table + "_nope` SET qty = 1 WHERE id = 2;";
        com.fasterxml.jackson.databind.JsonNode versions = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                http.get("/api/v1/tickets/" + id + "/sql-versions", "auditor", "auditor-demo").body());
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(versions.get(0).path("sqlSha256").asText())
                .isEqualTo(io.tollgate.engine.approval.ApprovalPolicy.hash(first));
        assertThat(versions.get(0).path("replacedBy").asText()).isEqualTo("engineer");
        assertThat(versions.get(0).path("current").asBoolean()).isFalse();
        assertThat(versions.get(1).path("current").asBoolean()).isTrue();
        assertThat(versions.get(1).path("replacedBy").isNull()).isTrue();
        HttpResponse<String> firstText = http.get("/api/v1/tickets/" + id + "/sql-versions/1", "auditor",
                "auditor-demo");
        assertThat(firstText.statusCode()).isEqualTo(200);
        assertThat(firstText.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/sql"));
        assertThat(firstText.body()).isEqualTo(first);
        assertThat(http.get("/api/v1/tickets/" + id + "/sql-versions/2", "auditor", "auditor-demo").body())
                .isEqualTo(record(id).sql());
        assertThat(http.get("/api/v1/tickets/" + id + "/sql-versions/3", "auditor", "auditor-demo").statusCode())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/tickets/T-nope/sql-versions", "auditor", "auditor-demo").statusCode())
                .isEqualTo(404);
    }

    @Test
    void theRestApiSubmitsReportsAndListsTickets() throws Exception {
        Http http = new Http(port);
        String id = submitOverRest(http, "UPDATE `" + table + "` SET qty = 41 WHERE id = 4;");
        assertThat(record(id).submitter()).isEqualTo("engineer");

        HttpResponse<String> status = http.get("/api/v1/tickets/" + id, "engineer", "engineer-demo");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"status\":\"REVIEWING\"");
        HttpResponse<String> list = http.get("/api/v1/tickets?q=" + table + "&status=REVIEWING", "auditor",
                "auditor-demo");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(id);
        HttpResponse<String> bad = http.postJson("/api/v1/tickets", "engineer", "engineer-demo", "{\"title\": \"x\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("a reason is required");
        assertThat(http.get("/api/v1/tickets/" + id, "engineer", "wrong").statusCode()).isEqualTo(401);

        assertThat(tickets.list(new TicketFilter(java.util.Set.of(TicketStatus.REVIEWING), INSTANCE, "engineer", null,
                null, table.toUpperCase(Locale.ROOT), 0, false))).extracting(s -> s.id()).contains(id);
        assertThat(tickets.list(new TicketFilter(java.util.Set.of(TicketStatus.EXECUTED), INSTANCE, null, null, null,
                table, 0, false))).extracting(s -> s.id()).doesNotContain(id);
    }

    @Test
    void aPipelineWaitsForTheNextStatusInOneRequestInsteadOfPolling() throws Exception {
        Http http = new Http(port);
        String id = submitOverRest(http, "UPDATE `" + table + "` SET qty = 42 WHERE id = 4;");
        String path = "/api/v1/tickets/" + id;

        // the wait is answered when the review job has moved the ticket on, not before
        java.util.concurrent.CompletableFuture<HttpResponse<String>> waiting = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> uncheckedGet(http, path + "?waitWhileStatus=REVIEWING&wait=30"));
        Thread.sleep(1500); // longer than the sweep, so that neither the sweep nor the first read answers it
        assertThat(waiting).isNotDone();
        runJobs(id);
        HttpResponse<String> moved = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(moved.body()).contains("\"status\":\"AWAITING_APPROVAL\"");

        // no change within the wait: the ticket as it is, once the wait has passed
        Instant before = Instant.now();
        HttpResponse<String> unchanged = http.get(path + "?waitWhileStatus=AWAITING_APPROVAL&wait=1", "engineer",
                "engineer-demo");
        assertThat(unchanged.statusCode()).isEqualTo(200);
        assertThat(unchanged.body()).contains("\"status\":\"AWAITING_APPROVAL\"");
        assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        // already past the status waited out: answered at once, not after its 60 seconds
        assertThat(java.util.concurrent.CompletableFuture.supplyAsync(() -> uncheckedGet(http,
                path + "?waitWhileStatus=REVIEWING&wait=60")).get(10, java.util.concurrent.TimeUnit.SECONDS).body())
                .contains("\"status\":\"AWAITING_APPROVAL\"");

        // several statuses: the wait holds while the ticket is in any of them, and ends at once when in none
        Instant severalBefore = Instant.now();
        assertThat(http.get(path + "?waitWhileStatus=REVIEWING,awaiting_approval&wait=1", "engineer", "engineer-demo")
                .body()).contains("\"status\":\"AWAITING_APPROVAL\"");
        assertThat(Duration.between(severalBefore, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(java.util.concurrent.CompletableFuture.supplyAsync(() -> uncheckedGet(http,
                path + "?waitWhileStatus=REVIEWING,AWAITING_EXECUTION,EXECUTING&wait=60"))
                .get(10, java.util.concurrent.TimeUnit.SECONDS).body()).contains("\"status\":\"AWAITING_APPROVAL\"");
        for (String bad : List.of("REVIEWING,DONE", ",", "")) {
            HttpResponse<String> refused = http.get(path + "?waitWhileStatus=" + bad + "&wait=1", "engineer",
                    "engineer-demo");
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).contains("waitWhileStatus must be one of");
        }

        // a change that is not signalled on this node (another node's, say) ends the wait at the next sweep
        java.util.concurrent.CompletableFuture<HttpResponse<String>> elsewhere = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> uncheckedGet(http, path + "?waitWhileStatus=AWAITING_APPROVAL&wait=30"));
        Thread.sleep(300);
        assertThat(elsewhere).isNotDone();
        context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .update("UPDATE sql_ticket SET status = 'WITHDRAWN' WHERE ticket_id = ?", id);
        assertThat(elsewhere.get(10, java.util.concurrent.TimeUnit.SECONDS).body())
                .contains("\"status\":\"WITHDRAWN\"");

        HttpResponse<String> badStatus = http.get(path + "?waitWhileStatus=DONE", "engineer", "engineer-demo");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("waitWhileStatus must be one of");
        HttpResponse<String> badWait = http.get(path + "?waitWhileStatus=REVIEWING&wait=61", "engineer",
                "engineer-demo");
        assertThat(badWait.statusCode()).isEqualTo(400);
        assertThat(badWait.body()).contains("wait must be a whole number of seconds from 0 to 60");
        assertThat(http.get(path + "?wait=5", "engineer", "engineer-demo").body()).contains("wait needs waitWhileStatus");
        assertThat(http.get("/api/v1/tickets/T-nope?waitWhileStatus=REVIEWING&wait=30", "engineer", "engineer-demo")
                .statusCode()).isEqualTo(404);
        assertThat(http.get(path + "?waitWhileStatus=REVIEWING", "engineer", "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void aPipelineSubmitsAndHearsTheReviewInOneRequestRefusingABadWaitBeforeSubmitting() throws Exception {
        Http http = new Http(port);
        String title = "wait " + UUID.randomUUID();
        String body = "{\"title\": \"" + title + "\", \"instance\": \"" + INSTANCE + "\", \"database\": \"" + DB
                + "\", \"sql\": \"UPDATE `" + table + "` SET qty = 7 WHERE id = 2;\", \"reason\": \"restock\"}";
        org.springframework.jdbc.core.JdbcTemplate jdbc = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);

        // a bad wait is refused before anything is submitted
        for (String bad : List.of("?waitWhileStatus=DONE", "?waitWhileStatus=REVIEWING&wait=61", "?wait=5")) {
            HttpResponse<String> refused = http.postJson("/api/v1/tickets" + bad, "engineer", "engineer-demo", body);
            assertThat(refused.statusCode()).as(bad + " " + refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("\"problems\"").containsAnyOf("waitWhileStatus", "wait must be");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sql_ticket WHERE title = ?", Long.class, title))
                .isZero();

        // the answer comes once the review has moved the ticket on, and says where it went
        java.util.concurrent.CompletableFuture<HttpResponse<String>> submitting = java.util.concurrent
                .CompletableFuture.supplyAsync(() -> {
                    try {
                        return http.postJson("/api/v1/tickets?waitWhileStatus=REVIEWING&wait=30", "engineer",
                                "engineer-demo", body);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        String id = await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "SELECT ticket_id FROM sql_ticket WHERE title = ?", String.class, title), ids -> ids.size() == 1)
                .get(0);
        assertThat(record(id).status()).isEqualTo(TicketStatus.REVIEWING);
        assertThat(submitting).isNotDone(); // the job executor is off: nothing has reviewed it yet
        runJobs(id);
        HttpResponse<String> created = submitting.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/tickets/" + id);
        assertThat(created.body()).contains("\"id\":\"" + id + "\"", "\"status\":\"AWAITING_APPROVAL\"");
    }

    @Test
    void aDecisionByTicketMeetsTheSameChecksAsOneByTask() throws Exception {
        Http http = new Http(port);
        String id = submitOverRest(http, "UPDATE `" + table + "` SET qty = 3 WHERE id = 3;");
        runJobs(id);
        String taskId = task(id, TicketTask.Kind.APPROVAL).taskId();
        String path = "/api/v1/tickets/" + id + "/decision";
        String approve = "{\"approve\": true, \"comment\": \"looks fine\"}";

        // the submitter (four eyes), an auditor and someone the approval is not offered to: refused, and nothing
        // written; a rejection without a reason and a body without a decision: refused as bad requests
        HttpResponse<String> own = http.postJson(path, "engineer", "engineer-demo", approve);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
        assertThat(own.body()).contains("four eyes");
        HttpResponse<String> auditor = http.postJson(path, "auditor", "auditor-demo", approve);
        assertThat(auditor.statusCode()).as(auditor.body()).isEqualTo(403);
        HttpResponse<String> notOffered = http.postJson(path, "sre", "sre-demo", approve);
        assertThat(notOffered.statusCode()).as(notOffered.body()).isEqualTo(403);
        assertThat(notOffered.body()).contains("sre may not give the reviewer approval");
        HttpResponse<String> silentNo = http.postJson(path, "reviewer", "reviewer-demo", "{\"approve\": false}");
        assertThat(silentNo.statusCode()).as(silentNo.body()).isEqualTo(400);
        assertThat(silentNo.body()).contains("a rejection needs a comment");
        // nor does a comment of characters nobody sees say why (a helper's rejection with U+0000 alone was taken)
        for (String unseen : List.of("\\u0000", "\\u0007 \\u200b", "\\u202e\\t")) {
            HttpResponse<String> invisible = http.postJson(path, "reviewer", "reviewer-demo",
                    "{\"approve\": false, \"comment\": \"" + unseen + "\"}");
            assertThat(invisible.statusCode()).as(unseen + ": " + invisible.body()).isEqualTo(400);
            assertThat(invisible.body()).contains("a rejection needs a comment");
        }
        HttpResponse<String> unseenComment = http.postJson("/api/v1/tickets/" + id + "/comments", "reviewer",
                "reviewer-demo", "{\"text\": \"\\u0000\\u0007\"}");
        assertThat(unseenComment.statusCode()).as(unseenComment.body()).isEqualTo(400);
        HttpResponse<String> noDecision = http.postJson(path, "reviewer", "reviewer-demo", "{\"comment\": \"hm\"}");
        assertThat(noDecision.statusCode()).as(noDecision.body()).isEqualTo(400);
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
        assertThat(taskService.getTaskComments(taskId)).isEmpty();
        assertThat(record(id).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);

        // the reviewer decides by the ticket alone; then nothing waits any more
        HttpResponse<String> approved = http.postJson(path, "reviewer", "reviewer-demo", approve);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        assertThat(record(id).trail()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(TicketEvent.Type.APPROVED);
            assertThat(e.actor()).isEqualTo(REVIEWER);
        });
        HttpResponse<String> again = http.postJson(path, "reviewer", "reviewer-demo", approve);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("has no approval waiting");
        assertThat(http.postJson("/api/v1/tickets/T-nope/decision", "reviewer", "reviewer-demo", approve)
                .statusCode()).isEqualTo(404);
        runJobs(id);
        assertThat(record(id).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 3")).isEqualTo("3");
    }

    @Test
    void anApproverHearsTheExecutionsOutcomeWithTheApprovalRefusingABadWaitBeforeDeciding() throws Exception {
        Http http = new Http(port);
        String id = submitOverRest(http, "UPDATE `" + table + "` SET qty = 404 WHERE id = 4;");
        runJobs(id);
        String path = "/api/v1/tickets/" + id + "/decision";
        String approve = "{\"approve\": true, \"comment\": \"go\"}";

        // a bad wait, or someone who may not read tickets, is refused before anything is decided
        for (String bad : List.of("?waitWhileStatus=DONE", "?waitWhileStatus=EXECUTING&wait=61", "?wait=5")) {
            HttpResponse<String> refused = http.postJson(path + bad, "reviewer", "reviewer-demo", approve);
            assertThat(refused.statusCode()).as(bad + " " + refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("\"problems\"").containsAnyOf("waitWhileStatus", "wait must be");
        }
        HttpResponse<String> sre = http.postJson(path + "?waitWhileStatus=EXECUTING", "sre", "sre-demo", approve);
        assertThat(sre.statusCode()).as(sre.body()).isEqualTo(403);
        HttpResponse<String> own = http.postJson(path + "?waitWhileStatus=EXECUTING", "engineer", "engineer-demo",
                approve);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
        assertThat(own.body()).contains("four eyes");
        String taskId = task(id, TicketTask.Kind.APPROVAL).taskId();
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
        assertThat(record(id).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);

        // approved at once; the answer comes once the ticket has left execution, and says how it ended
        java.util.concurrent.CompletableFuture<HttpResponse<String>> deciding = java.util.concurrent
                .CompletableFuture.supplyAsync(() -> {
                    try {
                        return http.postJson(path + "?waitWhileStatus=AWAITING_EXECUTION,EXECUTING&wait=30",
                                "reviewer", "reviewer-demo", approve);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        await().atMost(Duration.ofSeconds(20)).until(() -> record(id).status() == TicketStatus.EXECUTING);
        assertThat(deciding).isNotDone(); // the job executor is off: nothing has executed it yet
        runJobs(id);
        HttpResponse<String> decided = deciding.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        assertThat(decided.body()).contains("\"id\":\"" + id + "\"", "\"status\":\"EXECUTED\"");
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 4")).isEqualTo("404");
    }

    /** Submits a ticket as the engineer through {@code POST /api/v1/tickets}; returns its id. */
    private String submitOverRest(Http http, String sql) throws Exception {
        String body = "{\"title\": \"bump kiwi\", \"instance\": \"" + INSTANCE + "\", \"database\": \"" + DB
                + "\", \"sql\": \"" + sql + "\", \"reason\": \"restock\"}";
        HttpResponse<String> created = http.postJson("/api/v1/tickets", "engineer", "engineer-demo", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
    }

    private static HttpResponse<String> uncheckedGet(Http http, String path) {
        try {
            return http.get(path, "engineer", "engineer-demo");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLargeAlterRunsThroughPtOnlineSchemaChangeWithProgressAndADbaCanPauseAndAbortIt() throws Exception {
        String big = table + "_big";
        sql("CREATE TABLE `" + big + "` (id INT NOT NULL PRIMARY KEY COMMENT 'id', v INT NOT NULL COMMENT 'v')"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='big'");
        sql("INSERT INTO `" + big + "` SELECT seq, seq FROM seq_1_to_20000");
        String before = checksum(big);

        // a DBA aborts the copy: the ticket fails cleanly and the table is as it was
        TicketRecord aborted = approvedTicket("ALTER TABLE `" + big + "` ADD COLUMN w INT NULL COMMENT 'w';");
        Thread run = runJobsInBackground(aborted.id());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> record(aborted.id()).progress() != null);
        assertThatThrownBy(() -> tickets.abort(aborted.id(), SUBMITTER, List.of("engineer")))
                .isInstanceOf(PermissionDeniedException.class);
        // the submitter may not pause the copy either; a DBA pauses it over REST and the copy stops between chunks
        Http http = new Http(port);
        String pause = "/api/v1/tickets/" + aborted.id() + "/execution/pause";
        assertThat(http.postJson(pause, "engineer", "engineer-demo", "{}").statusCode()).isEqualTo(403);
        assertThat(http.postJson(pause, "dba", "dba-demo", "{}").statusCode()).isEqualTo(204);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> record(aborted.id()).copyPause() == io.tollgate.engine.ticket.CopyPause.PAUSED);
        double held = record(aborted.id()).progress();
        assertThat(record(aborted.id()).trail()).extracting(TicketEvent::type, TicketEvent::actor)
                .contains(org.assertj.core.groups.Tuple.tuple(TicketEvent.Type.PAUSE_REQUESTED, "dba"),
                        org.assertj.core.groups.Tuple.tuple(TicketEvent.Type.COPY_PAUSED, "system"));
        // on the ticket's page a DBA sees the copy's progress, paused, with Resume instead of Pause, and presses Abort
        io.tollgate.ui.Browserless.signIn(context, "dba", "dba-demo");
        try {
            com.vaadin.flow.component.UI.getCurrent().navigate("tickets/" + aborted.id());
            com.vaadin.flow.component.progressbar.ProgressBar bar = LocatorJ._get(
                    com.vaadin.flow.component.progressbar.ProgressBar.class, spec -> spec.withId("ticket-progress"));
            assertThat(bar.getValue()).isBetween(0.0, 100.0);
            assertThat(LocatorJ._get(com.vaadin.flow.component.html.Span.class,
                    spec -> spec.withId("ticket-progress-text")).getText()).contains("paused");
            assertThat(LocatorJ._get(com.vaadin.flow.component.button.Button.class,
                    spec -> spec.withId("resume-copy")).isVisible()).isTrue();
            LocatorJ._assertNone(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("pause-copy"));
            assertThat(record(aborted.id()).progress()).as("no chunk copied while paused").isEqualTo(held);
            LocatorJ._click(LocatorJ._get(com.vaadin.flow.component.button.Button.class,
                    spec -> spec.withId("abort")));
        } finally {
            io.tollgate.ui.Browserless.signOut();
        }
        run.join(Duration.ofSeconds(90).toMillis());
        assertThat(run.isAlive()).isFalse();
        TicketRecord failed = record(aborted.id());
        assertThat(failed.status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
        assertThat(failed.execution()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("FAILED");
            assertThat(r.message()).isEqualTo("aborted");
        });
        assertThat(failed.trail()).extracting(TicketEvent::type).contains(TicketEvent.Type.ABORT_REQUESTED);
        assertThat(failed.copyPause()).isEqualTo(io.tollgate.engine.ticket.CopyPause.NONE);
        assertThat(http.postJson(pause, "dba", "dba-demo", "{}").statusCode()).as("nothing runs now").isEqualTo(409);
        assertThat(checksum(big)).isEqualTo(before);
        tickets.resolve(task(aborted.id(), TicketTask.Kind.RESOLVE_FAILURE).taskId(), "dba", DBAS,
                FailureResolution.CLOSE, "not during business hours");

        // the same change left alone completes, reporting progress on the way
        TicketRecord ticket = approvedTicket("ALTER TABLE `" + big + "` ADD COLUMN w INT NULL COMMENT 'w';");
        Thread second = runJobsInBackground(ticket.id());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> record(ticket.id()).progress() != null);
        second.join(Duration.ofSeconds(120).toMillis());
        TicketRecord executed = record(ticket.id());
        assertThat(executed.status()).as(executed.failure()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(executed.progress()).isNull();
        assertThat(query("SELECT COUNT(*) FROM `" + big + "` WHERE w IS NULL")).isEqualTo("20000");
    }

    // --- helpers

    private Thread runJobsInBackground(String ticketId) {
        Thread thread = new Thread(() -> runJobs(ticketId), "ticket-jobs-" + ticketId);
        thread.start();
        return thread;
    }

    /** The DBA removes the row that made statement 3 of {@link #fiveStatementsFailingAtTheThird} fail, and retries. */
    private void retryAfterRemovingTheRowInTheWay(TicketRecord ticket) throws Exception {
        sql("DELETE FROM `" + table + "` WHERE id = 3");
        tickets.resolve(task(ticket.id(), TicketTask.Kind.RESOLVE_FAILURE).taskId(), "dba", DBAS,
                FailureResolution.RETRY, "removed the row in the way");
        runJobs(ticket.id());
    }

    private String fiveStatementsFailingAtTheThird() {
        return "UPDATE `" + table + "` SET qty = qty + 1 WHERE id = 1;\n"
                + "UPDATE `" + table + "` SET qty = qty + 2 WHERE id = 2;\n"
                + "INSERT INTO `" + table + "` (id, sku, qty) VALUES (3, 'dup', 0);\n"
                + "UPDATE `" + table + "` SET qty = qty + 3 WHERE id = 3;\n"
                + "UPDATE `" + table + "` SET qty = qty + 4 WHERE id = 4;";
    }

    private TicketRecord submit(String submitter, String sql, ExecutionMode mode, Instant at) {
        return tickets.submit(submitter, new TicketDraft("ticket on " + table, INSTANCE, DB, sql,
                "because the test says so", mode, at));
    }

    /** Submits, reviews and approves a ticket whose review may flag the missing table (the review is then skipped). */
    private TicketRecord approvedTicket(String sql) {
        return approvedTicket(SUBMITTER, sql);
    }

    private TicketRecord approvedTicket(String submitter, String sql) {
        TicketRecord ticket = submit(submitter, sql, ExecutionMode.AFTER_APPROVAL, null);
        runJobs(ticket.id());
        if (record(ticket.id()).status() == TicketStatus.REVIEW_FAILED) {
            throw new AssertionError("review failed: " + record(ticket.id()).findings());
        }
        approve(ticket.id(), REVIEWER, REVIEWERS);
        return ticket;
    }

    private void approve(String ticketId, String user, List<String> groups) {
        tickets.decide(task(ticketId, TicketTask.Kind.APPROVAL).taskId(), user, groups, true, "looks right");
    }

    private TicketTask task(String ticketId, TicketTask.Kind kind) {
        return tickets.openTasks(ticketId).stream().filter(t -> t.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " task on " + ticketId + ": "
                        + tickets.openTasks(ticketId) + " / " + record(ticketId).status()));
    }

    private TicketRecord record(String ticketId) {
        return tickets.find(ticketId).orElseThrow();
    }

    /** The ticket's running process, else its latest (a process started anew after an admin ended one). */
    private String instanceId(String ticketId) {
        var running = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticketId).singleResult();
        return running != null ? running.getId() : historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(ticketId).orderByProcessInstanceStartTime().desc().listPage(0, 1).get(0)
                .getId();
    }

    private Job executeJob(String ticketId) {
        return managementService.createJobQuery().processInstanceId(instanceId(ticketId)).executable().singleResult();
    }

    /** Runs the instance's due jobs until none is left (timers not yet due stay). */
    private void runJobs(String ticketId) {
        String instanceId = instanceId(ticketId);
        for (int i = 0; i < 20; i++) {
            List<Job> due = managementService.createJobQuery().processInstanceId(instanceId).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> managementService.executeJob(job.getId()));
        }
        throw new AssertionError("jobs keep coming on " + ticketId);
    }

    private String endedAt(String ticketId) {
        String instanceId = instanceId(ticketId);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();
        return historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
                .activityType("noneEndEvent").list().stream()
                .filter(a -> a.getParentActivityInstanceId().equals(instanceId))
                .map(a -> a.getActivityId()).findFirst().orElse(null);
    }

    private static Connection target(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + UniqueMariaDbDatabase.SERVER + "/"
                + (database == null ? "" : database) + "?sslMode=DISABLED&allowPublicKeyRetrieval=true",
                UniqueMariaDbDatabase.USER, UniqueMariaDbDatabase.PASSWORD);
    }

    private static void sql(String sql) throws SQLException {
        try (Connection c = target(DB); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(String sql) throws SQLException {
        try (Connection c = target(DB); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String checksum(String tableName) throws SQLException {
        List<String> parts = new ArrayList<>();
        try (Connection c = target(DB); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("CHECKSUM TABLE `" + tableName + "` EXTENDED")) {
                rs.next();
                parts.add(rs.getString(2));
            }
            try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE `" + tableName + "`")) {
                rs.next();
                parts.add(rs.getString(2));
            }
        }
        return String.join("\n", parts);
    }
}
