package io.tollgate.ui.tickets;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.UploadKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import io.tollgate.TargetDatabase;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketEvent;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.ui.Browserless;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The ticket pages on the real application (browserless, Karibu-Testing) against a uniquely named database on the
 * machine's MariaDB: submitting (with every problem listed, and from an upload), the list's filters, the detail page's
 * findings, trail, results and rollback SQL, and every action a person may take there — four eyes included.
 */
@TollgateAppTest
class TicketViewsIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_views_");
    static final String DB = TARGET.name;
    static final String INSTANCE = TARGET.instance;
    static final Duration MOVES_WITHIN = Duration.ofSeconds(60);

    @Autowired ApplicationContext context;
    @Autowired Tickets tickets;
    @Autowired TargetInstances instances;
    @Autowired Accounts accounts;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;

    String table;

    @BeforeEach
    void tableAndInstance() throws SQLException {
        TARGET.register(instances);
        table = TARGET.fruitTable();
    }

    @AfterEach
    void signOut() {
        Browserless.signOut();
    }

    @Test
    void aBadSubmissionListsEveryProblemAtOnceAndCreatesNothing() {
        signIn("engineer");
        int before = tickets.list(io.tollgate.engine.ticket.TicketFilter.all()).size();
        NewTicketView form = navigate("tickets/new", NewTicketView.class);
        _setValue(form.mode, ExecutionMode.SCHEDULED);
        _click(form.submit);

        assertThat(form.problems.getChildren().map(c -> c.getElement().getText()).toList())
                .contains("a title is required", "an instance is required", "a database is required",
                        "the SQL is required", "a reason is required",
                        "a scheduled ticket needs the time to execute at");
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("tickets/new");
        assertThat(tickets.list(io.tollgate.engine.ticket.TicketFilter.all())).hasSize(before);
    }

    @Test
    void anUploadedTicketIsApprovedInTheUiExecutedAndRolledBackWithEveryResultShown() throws Exception {
        signIn("engineer");
        NewTicketView form = navigate("tickets/new", NewTicketView.class);
        _setValue(form.title, "Restock " + table);
        _setValue(form.instance, instances.find(INSTANCE).orElseThrow());
        _setValue(form.database, DB);
        byte[] script = ("UPDATE `" + table + "` SET qty = qty + 5 WHERE id = 1;\n"
                + "DELETE FROM `" + table + "` WHERE id = 3;\n").getBytes(StandardCharsets.UTF_8);
        UploadKt._upload(_get(Upload.class, spec -> spec.withId("ticket-upload")), "restock.sql", "application/sql",
                script);
        assertThat(form.sql.getValue()).contains("SET qty = qty + 5");
        _setValue(form.reason, "spring delivery");
        _click(form.submit);

        TicketDetailView detail = _get(TicketDetailView.class);
        String id = UI.getCurrent().getInternals().getActiveViewLocation().getPath().substring("tickets/".length());
        assertThat(detail.heading.getText()).isEqualTo(id + " · Restock " + table);
        awaitStatus(id, TicketStatus.AWAITING_APPROVAL);
        detail.refresh();
        assertThat(detail.sql.getValue()).isEqualTo(new String(script, StandardCharsets.UTF_8));
        assertThat(detail.sql.isReadOnly()).isTrue();
        assertThat(detail.waitingFor.getText()).contains("unclaimed");
        assertThat(detail.waitingFor.getText()).as("who exactly: the group and its people, never the submitter")
                .contains("any of Reviewer (").contains("reviewer").doesNotContainPattern("[(, ]engineer[,)]");
        assertThat(detail.facts.getText()).doesNotContain("AFTER_APPROVAL").doesNotContain("1 statements");
        assertThat(detail.facts.getText()).as("what the approver approves: the rows the review counted")
                .contains("2 statements · changes exactly 2 rows");
        assertThat(detail.copyAsTicket.isVisible()).as("only once it ended without its change").isFalse();
        _get(Button.class, spec -> spec.withId("withdraw"));
        _assertNone(Button.class, spec -> spec.withId("approve"));

        signIn("reviewer");
        TicketsView list = navigate("tickets", TicketsView.class);
        _setValue(list.keyword, table);
        assertThat(GridKt._fetch(list.grid, 0, 10)).extracting(s -> s.id()).containsExactly(id);
        _setValue(list.status, java.util.Set.of(TicketStatus.EXECUTED));
        assertThat(GridKt._size(list.grid)).as("no executed ticket touches " + table).isZero();
        _setValue(list.status, java.util.Set.of());

        detail = navigate("tickets/" + id, TicketDetailView.class);
        _click(_get(Button.class, spec -> spec.withId("reject")));
        assertThat(notificationTexts()).anySatisfy(t -> assertThat(t).contains("a rejection needs a comment"));
        assertThat(record(id).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        _setValue(_get(TextArea.class, spec -> spec.withId("decision-comment")), "ok, one row each");
        _click(_get(Button.class, spec -> spec.withId("approve")));

        awaitStatus(id, TicketStatus.EXECUTED);
        assertThat(query("SELECT CONCAT(COUNT(*), ':', SUM(qty)) FROM `" + table + "`")).isEqualTo("2:35");
        detail.refresh();
        assertThat(GridKt._fetch(detail.execution, 0, 10)).extracting(r -> r.status() + "/" + r.affectedRows())
                .containsExactly("EXECUTED/1", "EXECUTED/1");
        assertThat(GridKt._fetch(detail.trail, 0, 20)).extracting(e -> e.type().name())
                .contains("SUBMITTED", "REVIEW_PASSED", "APPROVED", "EXECUTED");
        assertThat(detail.rollbackSql.getValue()).contains("-- undoes statement 2", "-- undoes statement 1")
                .containsIgnoringCase("INSERT INTO").containsIgnoringCase("UPDATE");
        assertThat(detail.rollbackSql.getValue().indexOf("undoes statement 2"))
                .as("a rollback runs in reverse order").isLessThan(detail.rollbackSql.getValue().indexOf("undoes statement 1"));
        assertThat(detail.downloadRollback.isVisible()).isTrue();
        assertThat(detail.downloadRollback.getHref()).isNotBlank();
        assertThat(detail.downloadRollback.getText()).isEqualTo("Download " + id + "-rollback.sql");

        signIn("engineer");
        detail = navigate("tickets/" + id, TicketDetailView.class);
        _click(_get(Button.class, spec -> spec.withId("request-rollback")));
        assertThat(notificationTexts()).anySatisfy(t -> assertThat(t).contains("a rollback request needs a reason"));
        _setValue(_get(TextArea.class, spec -> spec.withId("rollback-reason")), "wrong shelf");
        _click(_get(Button.class, spec -> spec.withId("request-rollback")));
        awaitStatus(id, TicketStatus.ROLLBACK_REQUESTED);

        signIn("reviewer");
        navigate("tickets/" + id, TicketDetailView.class);
        _click(_get(Button.class, spec -> spec.withId("approve")));
        awaitStatus(id, TicketStatus.ROLLED_BACK);
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, name, qty) ORDER BY id) FROM `" + table + "`"))
                .isEqualTo("1apple10,2pear20,3plum30");
    }

    @Test
    void theRecordedRollbackSqlStartsANewTicketThatIsReviewedLikeAnyOther() throws Exception {
        String id = submitAsEngineer("UPDATE `" + table + "` SET qty = 0 WHERE id = 2;", ExecutionMode.MANUAL);
        // the review runs as a job: its approval is there once it passed (a busy machine took longer than a click)
        awaitStatus(id, TicketStatus.AWAITING_APPROVAL);
        signIn("reviewer");
        navigate("tickets/" + id, TicketDetailView.class);
        _click(_get(Button.class, spec -> spec.withId("approve")));
        awaitStatus(id, TicketStatus.AWAITING_EXECUTION);

        signIn("engineer");
        TicketDetailView detail = navigate("tickets/" + id, TicketDetailView.class);
        _click(_get(Button.class, spec -> spec.withId("execute")));
        awaitStatus(id, TicketStatus.EXECUTED);
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 2")).isEqualTo("0");

        detail.refresh();
        _click(detail.rollbackAsTicket);
        NewTicketView form = _get(NewTicketView.class);
        assertThat(form.origin.getText()).startsWith("Rollback of " + id);
        assertThat(form.title.getValue()).startsWith("Roll back " + id);
        assertThat(form.instance.getValue().name()).isEqualTo(INSTANCE);
        assertThat(form.database.getValue()).isEqualTo(DB);
        assertThat(form.sql.getValue()).containsIgnoringCase("UPDATE").contains("20");
        // reading the row values into the form is a read of before-images, on the trail
        assertThat(context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForList("SELECT actor FROM"
                + " audit_entry WHERE kind = 'ticket.before-images-read' AND subject_id = ? AND summary LIKE"
                + " '%read into a new ticket%'", String.class, id)).containsExactly("engineer");
        _setValue(form.reason, "Undo " + id + ": the pears were there after all");
        _click(form.submit);


        String undo = UI.getCurrent().getInternals().getActiveViewLocation().getPath().substring("tickets/".length());
        assertThat(undo).isNotEqualTo(id);
        awaitStatus(undo, TicketStatus.AWAITING_APPROVAL);

        // another engineer, who may not read the first ticket's before-images, gets none of them here either
        String other = "eng" + UUID.randomUUID().toString().substring(0, 6);
        accounts.createLocal(other, "other-engineer-pw", "Other", null, EnumSet.of(Role.ENGINEER));
        Browserless.signOut();
        Browserless.signIn(context, other, "other-engineer-pw");
        UI.getCurrent().navigate("tickets/new", com.vaadin.flow.router.QueryParameters.simple(
                java.util.Map.of(NewTicketView.ROLLBACK_OF, id)));
        NewTicketView theirs = _get(NewTicketView.class);
        assertThat(theirs.origin.getText()).contains("holds row values (before-images)");
        assertThat(theirs.sql.getValue()).isEmpty();
        signIn("reviewer");
        navigate("tickets/" + undo, TicketDetailView.class);
        _click(_get(Button.class, spec -> spec.withId("approve")));
        awaitStatus(undo, TicketStatus.EXECUTED);
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 2")).isEqualTo("20");
    }

    @Test
    void nobodyIsOfferedTheApprovalOfTheirOwnTicketInTheUi() {
        String both = "engrev" + UUID.randomUUID().toString().substring(0, 6);
        accounts.createLocal(both, "both-roles-pw", "Eng Rev", null, EnumSet.of(Role.ENGINEER, Role.REVIEWER));
        Browserless.signIn(context, both, "both-roles-pw");
        NewTicketView form = navigate("tickets/new", NewTicketView.class);
        fill(form, "UPDATE `" + table + "` SET qty = 11 WHERE id = 1;", ExecutionMode.AFTER_APPROVAL);
        _click(form.submit);
        String id = UI.getCurrent().getInternals().getActiveViewLocation().getPath().substring("tickets/".length());
        awaitStatus(id, TicketStatus.AWAITING_APPROVAL);

        TicketDetailView detail = navigate("tickets/" + id, TicketDetailView.class);
        assertThat(tickets.openTasks(id)).extracting(TicketTask::kind).containsExactly(TicketTask.Kind.APPROVAL);
        _assertNone(Button.class, spec -> spec.withId("approve"));
        _assertNone(Button.class, spec -> spec.withId("reject"));
        assertThat(detail.waitingFor.getText()).contains("unclaimed");

        signIn("reviewer");
        navigate("tickets/" + id, TicketDetailView.class);
        _get(Button.class, spec -> spec.withId("approve"));
        assertThat(record(id).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
    }

    /** The form offers the instance's reviewers (never the submitter); the one picked is assigned the approval. */
    @Test
    void aSubmitterAsksForAReviewerOnTheForm() {
        signIn("engineer");
        NewTicketView form = navigate("tickets/new", NewTicketView.class);
        assertThat(form.reviewer.isEnabled()).as("until an instance is picked").isFalse();
        fill(form, "UPDATE `" + table + "` SET qty = 12 WHERE id = 1;", ExecutionMode.AFTER_APPROVAL);
        List<String> offered = form.reviewer.getListDataView().getItems().toList();
        assertThat(offered).contains("reviewer").doesNotContain("engineer", "dba");
        assertThat(form.reviewer.getItemLabelGenerator().apply("reviewer")).isEqualTo("Demo reviewer (reviewer)");
        _setValue(form.reviewer, "reviewer");
        _click(form.submit);
        String id = UI.getCurrent().getInternals().getActiveViewLocation().getPath().substring("tickets/".length());
        awaitStatus(id, TicketStatus.AWAITING_APPROVAL);

        TicketDetailView detail = navigate("tickets/" + id, TicketDetailView.class);
        assertThat(detail.facts.getText()).contains("asked reviewer to review");
        assertThat(tickets.openTasks(id)).singleElement().extracting(TicketTask::assignee).isEqualTo("reviewer");
        tickets.withdraw(id, "engineer");
    }

    @Test
    void aTicketFailingReviewIsFixedInTheEditorAndResubmittedOrWithdrawn() throws Exception {
        String id = submitAsEngineer("REPLACE INTO `" + table + "` VALUES (1, 'apple', 99);", ExecutionMode.AFTER_APPROVAL);
        awaitStatus(id, TicketStatus.REVIEW_FAILED);
        navigate("tickets", TicketsView.class); // the submitter comes back to the ticket later, on a new page
        TicketDetailView detail = navigate("tickets/" + id, TicketDetailView.class);
        assertThat(GridKt._fetch(detail.findings, 0, 50)).anySatisfy(f -> assertThat(f.level()).isEqualTo("ERROR"));
        assertThat(detail.sql.isReadOnly()).as("the submitter fixes the SQL in place").isFalse();
        assertThat(detail.sql.getValue()).as("the SQL to fix").startsWith("REPLACE INTO");
        _setValue(detail.sql, "UPDATE `" + table + "` SET qty = 98 WHERE id = 1;");
        detail.act(() -> { }, "redrawn"); // redraws the whole page from the server, as after any action
        NotificationsKt.clearNotifications();
        assertThat(detail.sql.getValue()).as("an unsaved fix survives the page's re-reads").contains("qty = 98");

        _setValue(detail.sql, "");
        _click(_get(Button.class, spec -> spec.withId("resubmit")));
        assertThat(notificationTexts()).anySatisfy(t -> assertThat(t).contains("the SQL is required"));
        assertThat(record(id).status()).isEqualTo(TicketStatus.REVIEW_FAILED);

        _setValue(detail.sql, "UPDATE `" + table + "` SET qty = 99 WHERE id = 1;");
        _click(_get(Button.class, spec -> spec.withId("resubmit")));
        awaitStatus(id, TicketStatus.AWAITING_APPROVAL);
        assertThat(record(id).sql()).contains("SET qty = 99");

        detail.refresh();
        _click(_get(Button.class, spec -> spec.withId("withdraw")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class, spec -> spec.withId("withdraw-dialog")));
        awaitStatus(id, TicketStatus.WITHDRAWN);
        assertThat(tickets.openTasks(id)).isEmpty();
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).as("nothing ran").isEqualTo("10");
        detail.refresh();
        _assertNone(Button.class, spec -> spec.withId("withdraw"));

        // a withdrawn ticket starts a new one: the form filled in from it
        assertThat(detail.copyAsTicket.isVisible()).isTrue();
        _click(detail.copyAsTicket);
        NewTicketView copy = _get(NewTicketView.class);
        assertThat(copy.origin.getText()).startsWith("Copy of " + id);
        assertThat(copy.sql.getValue()).contains("SET qty = 99");
        assertThat(copy.database.getValue()).isEqualTo(DB);
        assertThat(copy.instance.getValue().name()).isEqualTo(INSTANCE);
    }

    @Test
    void aDbaSeesWhyAnExecutionFailedAndRollsBackWhatRanFromTheTicketPage() throws Exception {
        String id = submitAsEngineer("UPDATE `" + table + "` SET qty = 11 WHERE id = 1;\n"
                + "INSERT INTO `" + table + "` (id, name, qty) VALUES (2, 'dup', 0);", ExecutionMode.AFTER_APPROVAL);
        awaitStatus(id, TicketStatus.AWAITING_APPROVAL);
        signIn("reviewer");
        navigate("tickets/" + id, TicketDetailView.class);
        _click(_get(Button.class, spec -> spec.withId("approve")));
        awaitStatus(id, TicketStatus.EXECUTION_FAILED);
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).isEqualTo("11");
        _assertNone(Button.class, spec -> spec.withId("resolve-roll-back"));

        signIn("dba");
        TicketDetailView detail = navigate("tickets/" + id, TicketDetailView.class);
        assertThat(detail.failure.isVisible()).isTrue();
        assertThat(detail.failure.getText()).contains("statement 2");
        assertThat(GridKt._fetch(detail.execution, 0, 10)).extracting(r -> r.status())
                .containsExactly("EXECUTED", "FAILED");
        _get(Button.class, spec -> spec.withId("resolve-retry"));
        _get(Button.class, spec -> spec.withId("resolve-close"));
        _setValue(_get(TextArea.class, spec -> spec.withId("resolution-comment")), "id 2 exists; undo the first");
        _click(_get(Button.class, spec -> spec.withId("resolve-roll-back")));

        awaitStatus(id, TicketStatus.ROLLED_BACK);
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, name, qty) ORDER BY id) FROM `" + table + "`"))
                .isEqualTo("1apple10,2pear20,3plum30");
        detail.refresh();
        assertThat(GridKt._fetch(detail.rollback, 0, 10)).extracting(r -> r.index() + ":" + r.status())
                .containsExactly("1:EXECUTED");
        _assertNone(Button.class, spec -> spec.withId("resolve-roll-back"));
        assertThat(detail.rollbackAsTicket.isVisible()).as("rolled back: its rollback SQL is no new ticket").isFalse();
    }

    @Test
    void aRowHeldBackByATriggerStaysAsItIsEvenWhenADbaForcesTheRollback() throws Exception {
        String child = table + "_child";
        TARGET.sql("CREATE TABLE `" + child + "` (id INT PRIMARY KEY, parent INT)");
        TARGET.sql("CREATE TRIGGER `" + table + "_cleanup` AFTER DELETE ON `" + table + "` FOR EACH ROW"
                        + " DELETE FROM `" + child + "` WHERE parent = OLD.id");
        try {
            String id = submitAsEngineer("INSERT INTO `" + table + "` (id, name, qty) VALUES (9, 'fig', 9);",
                    ExecutionMode.AFTER_APPROVAL);
            awaitStatus(id, TicketStatus.AWAITING_APPROVAL);
            tickets.decide(tickets.openTasks(id).get(0).taskId(), "reviewer", List.of("reviewer"), true, "ok");
            awaitStatus(id, TicketStatus.EXECUTED);
            // the application adds a child of the new row; the rollback's DELETE would fire the cleanup
            TARGET.sql("INSERT INTO `" + child + "` VALUES (90, 9)");
            tickets.requestRollback(id, "engineer", "not needed");
            tickets.decide(tickets.openTasks(id).get(0).taskId(), "reviewer", List.of("reviewer"), true, "ok");
            awaitStatus(id, TicketStatus.ROLLBACK_FAILED);

            signIn("dba");
            TicketDetailView detail = navigate("tickets/" + id, TicketDetailView.class);
            assertThat(detail.conflictSummary.getText())
                    .startsWith("1 row changed after the ticket executed or cannot be restored without changing other rows")
                    .contains("1 listed row stays as it is whatever is chosen, Force included");
            assertThat(GridKt._fetch(detail.conflicts, 0, 10)).isNotEmpty().allSatisfy(line -> assertThat(line.reason())
                    .isEqualTo("the rollback would fire trigger `" + table + "_cleanup` (AFTER DELETE), which deletes"
                            + " rows of other tables"));
            _setValue(_get(TextArea.class, spec -> spec.withId("resolution-comment")), "the child must stay");
            _click(_get(Button.class, spec -> spec.withId("resolve-force-rollback")));

            awaitStatus(id, TicketStatus.ROLLED_BACK);
            assertThat(query("SELECT CONCAT(name, qty) FROM `" + table + "` WHERE id = 9")).isEqualTo("fig9");
            assertThat(query("SELECT COUNT(*) FROM `" + child + "` WHERE parent = 9")).isEqualTo("1");
            TicketDetailView rolledBack = navigate("tickets/" + id, TicketDetailView.class);
            assertThat(rolledBack.rolledBackInPart.isVisible()).isTrue();
            assertThat(rolledBack.rolledBackInPart.getText()).startsWith("Rolled back in part: 1 conflicting change"
                    + " was left as it is now, as a DBA chose");
        } finally {
            TARGET.sql("DROP TABLE IF EXISTS `" + child + "`");
        }
    }

    @Test
    void aDbaSeesThatTheRollbacksDropTableWouldLoseRowsAndForcesIt() throws Exception {
        String notes = table + "_notes";
        String id = submitAsEngineer("CREATE TABLE `" + notes + "` (id INT NOT NULL PRIMARY KEY COMMENT 'id')"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='notes';", ExecutionMode.AFTER_APPROVAL);
        awaitStatus(id, TicketStatus.AWAITING_APPROVAL);
        tickets.decide(tickets.openTasks(id).get(0).taskId(), "reviewer", List.of("reviewer"), true, "ok");
        awaitStatus(id, TicketStatus.EXECUTED);
        TARGET.sql("INSERT INTO `" + notes + "` VALUES (1)"); // the application's row, written since
        tickets.requestRollback(id, "engineer", "not needed");
        tickets.decide(tickets.openTasks(id).get(0).taskId(), "reviewer", List.of("reviewer"), true, "ok");
        awaitStatus(id, TicketStatus.ROLLBACK_FAILED);

        signIn("dba");
        TicketDetailView detail = navigate("tickets/" + id, TicketDetailView.class);
        assertThat(detail.conflictSummary.getText()).startsWith("The table or column the rollback would drop holds"
                + " data written after the ticket executed, so the rollback changed nothing.");
        assertThat(GridKt._fetch(detail.conflicts, 0, 10)).singleElement().satisfies(line -> {
            assertThat(line.row()).contains(notes);
            assertThat(line.reason()).contains("DROP TABLE would lose them");
        });
        _setValue(_get(TextArea.class, spec -> spec.withId("resolution-comment")), "the row was a test");
        _click(_get(Button.class, spec -> spec.withId("resolve-force-rollback")));

        awaitStatus(id, TicketStatus.ROLLED_BACK);
        assertThat(query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_NAME = '" + notes + "'"))
                .isEqualTo("0");
    }

    @Test
    void aDbaSeesTheRowsChangedSinceExecutionAndRollsBackTheOtherRowsOnly() throws Exception {
        String id = submitAsEngineer("UPDATE `" + table + "` SET qty = 0 WHERE id IN (1, 2);", ExecutionMode.AFTER_APPROVAL);
        awaitStatus(id, TicketStatus.AWAITING_APPROVAL);
        signIn("reviewer");
        navigate("tickets/" + id, TicketDetailView.class);
        _click(_get(Button.class, spec -> spec.withId("approve")));
        awaitStatus(id, TicketStatus.EXECUTED);
        TARGET.sql("UPDATE `" + table + "` SET qty = 77 WHERE id = 2");
        tickets.requestRollback(id, "engineer", "wrong rows");
        tickets.decide(tickets.openTasks(id).get(0).taskId(), "reviewer", List.of("reviewer"), true, "ok");
        awaitStatus(id, TicketStatus.ROLLBACK_FAILED);

        signIn("dba");
        TicketDetailView detail = navigate("tickets/" + id, TicketDetailView.class);
        assertThat(detail.conflictSummary.getText()).startsWith("1 row changed after the ticket executed");
        assertThat(GridKt._fetch(detail.conflicts, 0, 10)).singleElement().satisfies(line -> {
            assertThat(line.row()).endsWith("`id` = 2");
            assertThat(List.of(line.column(), line.before(), line.after(), line.now()))
                    .containsExactly("qty", "20", "0", "77");
        });
        _get(Button.class, spec -> spec.withId("resolve-force-rollback"));
        _click(_get(Button.class, spec -> spec.withId("resolve-roll-back-without-conflicts")));

        awaitStatus(id, TicketStatus.ROLLED_BACK);
        assertThat(query("SELECT GROUP_CONCAT(CONCAT(id, name, qty) ORDER BY id) FROM `" + table + "`"))
                .isEqualTo("1apple10,2pear77,3plum30");
        detail.refresh();
        assertThat(GridKt._size(detail.conflicts)).isZero();

        signIn("engineer");
        TicketDetailView own = navigate("tickets/" + id, TicketDetailView.class);
        _assertNone(Button.class, spec -> spec.withId("resolve-force-rollback"));
        assertThat(own.failure.isVisible()).isFalse();
    }

    /**
     * A step that ran out of retries (here the schedule's timer, whose retries an operator set to 0 as Cockpit can)
     * shows on the ticket's page with why; the submitter cannot retry it, a DBA can, and the page then says it moves.
     */
    @Test
    void aStuckStepShowsOnTheTicketPageAndADbaRetriesIt() {
        String id = tickets.submit("engineer", new TicketDraft("Stuck " + table, INSTANCE, DB,
                "UPDATE `" + table + "` SET qty = 13 WHERE id = 1;", "test", ExecutionMode.SCHEDULED,
                Instant.now().plus(Duration.ofDays(1)))).id();
        awaitStatus(id, TicketStatus.AWAITING_APPROVAL);
        tickets.decideOpenApproval(id, "reviewer", List.of("reviewer"), true, "later");
        awaitStatus(id, TicketStatus.SCHEDULED);
        String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult()
                .getId();
        Job timer = managementService.createJobQuery().processInstanceId(instance).singleResult();
        managementService.setJobRetries(timer.getId(), 0);

        signIn("engineer");
        TicketDetailView mine = navigate("tickets/" + id, TicketDetailView.class);
        assertThat(mine.stuck.isVisible()).isTrue();
        assertThat(mine.stuck.text.getText()).startsWith("Stuck: \u201cScheduled time\u201d failed after all its"
                + " retries: no failure was recorded (its retries were set to 0)").endsWith("Nothing moves until a DBA retries it.");
        assertThat(mine.stuck.retry.isVisible()).as("the submitter cannot retry it").isFalse();

        signIn("dba");
        TicketsView list = navigate("tickets", TicketsView.class);
        _setValue(list.stuckOnly, true);
        assertThat(GridKt._fetch(list.grid, 0, 1000)).as("stuck only").extracting(t -> t.id()).contains(id)
                .hasSameSizeAs(GridKt._fetch(list.grid, 0, 1000).stream().filter(t -> t.stuckStep() != null).toList());
        TicketDetailView detail = navigate("tickets/" + id, TicketDetailView.class);
        assertThat(detail.stuck.retry.isVisible()).isTrue();
        _click(detail.stuck.retry);
        assertThat(notificationTexts()).contains("The step runs again.");
        assertThat(detail.stuck.isVisible()).isFalse();
        assertThat(detail.stuck.retry.isVisible()).isFalse();
        assertThat(record(id).trail()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(TicketEvent.Type.STEP_RETRIED);
            assertThat(e.actor()).isEqualTo("dba");
        });
        Job retried = managementService.createJobQuery().jobId(timer.getId()).singleResult();
        assertThat(retried.getRetries()).isOne();
        assertThat(retried.getDuedate()).as("the retried timer keeps its time: the ticket runs as scheduled, not now")
                .isEqualTo(timer.getDuedate());
        TicketsView after = navigate("tickets", TicketsView.class);
        _setValue(after.stuckOnly, true);
        assertThat(GridKt._fetch(after.grid, 0, 1000)).extracting(t -> t.id()).doesNotContain(id);
        assertThat(record(id).status()).isEqualTo(TicketStatus.SCHEDULED);
    }

    @Test
    void anUnknownTicketSaysSo() {
        signIn("auditor");
        TicketDetailView detail = navigate("tickets/T-NOPE", TicketDetailView.class);
        assertThat(detail.notFound.getText()).isEqualTo("No ticket T-NOPE.");
        assertThat(detail.notFound.isVisible()).isTrue();
    }

    private String submitAsEngineer(String sql, ExecutionMode mode) {
        signIn("engineer");
        NewTicketView form = navigate("tickets/new", NewTicketView.class);
        fill(form, sql, mode);
        _click(form.submit);
        assertThat(form.problems.getChildren().count()).as("problems: %s",
                form.problems.getChildren().map(c -> c.getElement().getText()).toList()).isZero();
        return UI.getCurrent().getInternals().getActiveViewLocation().getPath().substring("tickets/".length());
    }

    private void fill(NewTicketView form, String sql, ExecutionMode mode) {
        _setValue(form.title, "Change " + table);
        _setValue(form.instance, instances.find(INSTANCE).orElseThrow());
        _setValue(form.database, DB);
        _setValue(form.sql, sql);
        _setValue(form.reason, "test");
        _setValue(form.mode, mode);
    }

    private void signIn(String user) {
        Browserless.signOut();
        Browserless.signIn(context, user, user + "-demo");
    }

    private static <T extends com.vaadin.flow.component.Component> T navigate(String location, Class<T> view) {
        UI.getCurrent().navigate(location);
        return _get(view);
    }

    private void awaitStatus(String id, TicketStatus status) {
        await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(record(id).status()).as("ticket %s: %s", id, record(id).failure()).isEqualTo(status));
    }

    private TicketRecord record(String id) {
        return tickets.find(id).orElseThrow();
    }

    private static List<String> notificationTexts() {
        List<String> texts = NotificationsKt.getNotifications().stream()
                .map(Notification::getElement).map(e -> e.getProperty("text", "")).toList();
        NotificationsKt.clearNotifications();
        return texts;
    }

    private static String query(String sql) throws SQLException {
        return TARGET.query(sql);
    }
}
