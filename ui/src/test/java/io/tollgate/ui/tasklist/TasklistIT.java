package io.tollgate.ui.tasklist;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import io.tollgate.TargetDatabase;
import io.tollgate.TollgateAppTest;
import io.tollgate.ui.tickets.TicketDetailView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.mail.Outbox;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.tasklist.TaskChange;
import io.tollgate.engine.tasklist.TaskClaimException;
import io.tollgate.engine.tasklist.TaskEvents;
import io.tollgate.engine.tasklist.TaskSummary;
import io.tollgate.engine.tasklist.Tasklist;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.ui.Browserless;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The tasklist in the browserless UI on the whole application (job executor on, so a submitted ticket is reviewed
 * and offered by itself): approvals appear by server push, reviewers claim and unclaim them and see each other's
 * claims without reloading, nobody sees or claims the approval of their own ticket, and Open goes to the ticket.
 * Tickets target tables in a uniquely named database on the machine's MariaDB, dropped afterwards.
 */
@TollgateAppTest
class TasklistIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_tasklist_");
    private static final String DB = TARGET.name;
    private static final String INSTANCE = TARGET.instance;
    private static final String PASSWORD = "tasklist-it-pw";
    private static final List<String> REVIEWERS = List.of(Role.REVIEWER.groupId());
    private static final Duration PUSHED_WITHIN = Duration.ofSeconds(60);

    @Autowired ApplicationContext context;
    @Autowired Tickets tickets;
    @Autowired Tasklist tasklist;
    @Autowired TaskEvents taskEvents;
    @Autowired TargetInstances instances;
    @Autowired Accounts accounts;
    @Autowired Outbox outbox;
    @Autowired RuntimeService runtimeService;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    private final List<Map.Entry<String, String>> submitted = new ArrayList<>();

    @BeforeAll
    static void stockTable() throws SQLException {
        TARGET.sql("CREATE TABLE `stock` (id INT NOT NULL PRIMARY KEY COMMENT 'id',"
                + " qty INT NOT NULL COMMENT 'quantity') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='stock'");
        TARGET.sql("INSERT INTO `stock` VALUES (1, 10), (2, 20)");
    }

    @BeforeEach
    void instance() {
        TARGET.register(instances);
    }

    @AfterEach
    void withdrawAndSignOut() {
        Browserless.signOut();
        for (Map.Entry<String, String> ticket : submitted) {
            try {
                tickets.withdraw(ticket.getValue(), ticket.getKey());
            } catch (RuntimeException alreadyOver) {
                // approved or ended already: nothing waits on anybody
            }
        }
    }

    @Test
    void reviewersSeeANewApprovalByPushClaimItAndSeeEachOthersClaimsWithoutReloading() {
        String reviewer2 = account("rev2", Role.REVIEWER);
        TasklistView view = open("reviewer", "reviewer-demo");
        Span count = _get(Span.class, spec -> spec.withId("task-count"));
        long before = Long.parseLong(count.getText());

        String ticketId = submit("engineer");
        await().atMost(PUSHED_WITHIN).pollInSameThread().untilAsserted(() -> {
            MockVaadin.runUIQueue();
            assertThat(row(view, ticketId)).as("the approval, pushed").isPresent();
            assertThat(Long.parseLong(count.getText())).isGreaterThan(before)
                    .isEqualTo(tasklist.countFor("reviewer", REVIEWERS));
        });
        TaskSummary offered = row(view, ticketId).orElseThrow();
        assertThat(offered.subject()).isEqualTo("tasklist " + DB);
        assertThat(offered.requester()).isEqualTo("engineer");
        assertThat(offered.risk()).isNotBlank();
        assertThat(offered.estimatedRows()).as("the one row its UPDATE changes, as the review counted it").isEqualTo(1L);
        Component card = GridKt._getCellComponent(view.grid, GridKt._findAll(view.grid).indexOf(offered),
                TasklistView.TASK);
        assertThat(card.getElement().getTextRecursively()).contains("1 row").doesNotContain("1 rows");
        assertThat(offered.assignee()).isNull();
        String taskId = offered.id();
        assertThat(outbox.list(Optional.empty(), 500)).as("the task-created mail, from its own task listener")
                .anyMatch(m -> m.kind() == MailKind.TASK_CREATED && m.recipient().equals(reviewer2)
                        && m.textBody().contains(ticketId));

        ButtonKt._click(button(view, ticketId, "Claim"));
        assertThat(row(view, ticketId).orElseThrow().assignee()).isEqualTo("reviewer");
        assertThat(button(view, ticketId, "Unclaim").isEnabled()).isTrue();
        Browserless.signOut();

        // the other reviewer sees it claimed and cannot claim it
        TasklistView other = open(reviewer2, PASSWORD);
        Span otherCount = _get(Span.class, spec -> spec.withId("task-count"));
        assertThat(row(other, ticketId).orElseThrow().assignee()).isEqualTo("reviewer");
        assertThat(button(other, ticketId, "Claim").isEnabled()).isFalse();
        assertThat(Long.parseLong(otherCount.getText())).isEqualTo(tasklist.countFor(reviewer2, REVIEWERS));
        assertThatThrownBy(() -> tasklist.claim(taskId, reviewer2, REVIEWERS))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.CLAIMED_BY_OTHER))
                .hasMessageContaining("already claimed by reviewer");
        assertThatThrownBy(() -> tasklist.unclaim(taskId, reviewer2, REVIEWERS))
                .isInstanceOf(TaskClaimException.class).hasMessageContaining("only they or an admin");

        // the first reviewer hands it back: the other's list and count follow by push
        long claimedCount = Long.parseLong(otherCount.getText());
        tasklist.unclaim(taskId, "reviewer", REVIEWERS);
        await().atMost(PUSHED_WITHIN).pollInSameThread().untilAsserted(() -> {
            MockVaadin.runUIQueue();
            assertThat(row(other, ticketId).orElseThrow().assignee()).isNull();
            assertThat(button(other, ticketId, "Claim").isEnabled()).isTrue();
            assertThat(Long.parseLong(otherCount.getText())).isEqualTo(claimedCount + 1);
        });

        // claimed again by the first before this list heard of it: the stale Claim says why it was refused
        tasklist.claim(taskId, "reviewer", REVIEWERS);
        ButtonKt._click(button(other, ticketId, "Claim"));
        NotificationsKt.expectNotifications("task '" + offered.name() + "' is already claimed by reviewer");
        assertThat(row(other, ticketId).orElseThrow().assignee()).isEqualTo("reviewer");

        tasklist.unclaim(taskId, "reviewer", REVIEWERS);
        await().atMost(PUSHED_WITHIN).pollInSameThread().untilAsserted(() -> {
            MockVaadin.runUIQueue();
            assertThat(button(other, ticketId, "Claim").isEnabled()).isTrue();
        });
        ButtonKt._click(button(other, ticketId, "Claim"));
        assertThat(row(other, ticketId).orElseThrow().assignee()).isEqualTo(reviewer2);
        ButtonKt._click(button(other, ticketId, "Unclaim"));
        assertThat(row(other, ticketId).orElseThrow().assignee()).isNull();

        // who held the approval and who passed it on is in the ticket's trail; the refused claims are not
        tasklist.claim(taskId, reviewer2, REVIEWERS);
        tasklist.reassign(taskId, reviewer2, REVIEWERS, "reviewer");
        tasklist.unclaim(taskId, "admin", List.of(Role.ADMIN.groupId()));
        assertThat(jdbc.queryForList("SELECT actor, kind FROM audit_entry WHERE subject_type = 'ticket'"
                + " AND subject_id = ? AND kind LIKE 'task.%' ORDER BY id", ticketId))
                .extracting(e -> e.get("actor") + " " + e.get("kind")).containsExactly(
                        "reviewer task.claimed", "reviewer task.unclaimed", "reviewer task.claimed",
                        "reviewer task.unclaimed", reviewer2 + " task.claimed", reviewer2 + " task.unclaimed",
                        reviewer2 + " task.claimed", reviewer2 + " task.handed-on", "admin task.unclaimed");
        assertThat(jdbc.queryForObject("SELECT summary FROM audit_entry WHERE subject_id = ? AND kind ="
                + " 'task.handed-on'", String.class, ticketId)).isEqualTo(reviewer2 + " handed to reviewer task '"
                + offered.name() + "' of ticket " + ticketId);
        assertThat(jdbc.queryForObject("SELECT summary FROM audit_entry WHERE subject_id = ? AND actor = 'admin'",
                String.class, ticketId)).contains("admin handed back (held by reviewer)");

        // Open shows the ticket's page, with the reviewer's decision on it
        ButtonKt._click(button(other, ticketId, "Open"));
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("tickets/" + ticketId);
        TicketDetailView detail = _get(TicketDetailView.class);
        assertThat(detail.getElement().getTextRecursively()).contains(ticketId);
        _get(Button.class, spec -> spec.withId("approve"));
    }

    @Test
    void aSubmitterWhoIsAlsoAReviewerNeverSeesNorClaimsTheApprovalOfTheirOwnTicket() throws InterruptedException {
        String both = account("engrev", Role.ENGINEER, Role.REVIEWER);
        List<String> groups = List.of(Role.ENGINEER.groupId(), Role.REVIEWER.groupId());
        TasklistView view = open(both, PASSWORD);
        Span count = _get(Span.class, spec -> spec.withId("task-count"));
        BlockingQueue<TaskChange> changes = new LinkedBlockingQueue<>();

        String ticketId;
        try (TaskEvents.Registration registration = taskEvents.subscribe(changes::add)) {
            ticketId = submit(both);
            TaskChange created;
            do {
                created = changes.poll(PUSHED_WITHIN.toSeconds(), TimeUnit.SECONDS);
                assertThat(created).as("the approval of " + ticketId + " is created").isNotNull();
            } while (!(created.type() == TaskChange.Type.CREATED && ticketId.equals(created.businessKey())));
        }
        // the view heard of it before this test did (subscribed earlier, one delivery thread): the push has run
        MockVaadin.runUIQueue();
        TicketTask approval = tickets.openTasks(ticketId).stream()
                .filter(t -> t.kind() == TicketTask.Kind.APPROVAL).findFirst().orElseThrow();
        assertThat(tasklist.tasksFor("reviewer", REVIEWERS)).extracting(TaskSummary::id).contains(approval.taskId());
        assertThat(GridKt._findAll(view.grid)).extracting(TaskSummary::id).doesNotContain(approval.taskId());
        assertThat(Long.parseLong(count.getText())).isEqualTo(tasklist.countFor(both, groups));
        assertThat(tasklist.tasksFor(both, groups)).extracting(TaskSummary::id).doesNotContain(approval.taskId());

        assertThatThrownBy(() -> tasklist.claim(approval.taskId(), both, groups))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.OWN_REQUEST))
                .hasMessage(both + " submitted ticket " + ticketId + " and cannot claim its approval (four eyes)");
    }

    /**
     * What a row says about a ticket (its title, instance, environment, risk, rows, scheduled time) is what Tollgate
     * recorded, not the process's variables: an admin who rewrites them in Cockpit, or a model that maps them, cannot
     * make a reviewer (who may approve from the list, several at once) see a harmless ticket on the wrong instance.
     */
    @Test
    void aRowShowsTheTicketAsTollgateRecordedItWhateverItsVariablesSay() {
        TasklistView view = open("reviewer", "reviewer-demo");
        String ticketId = submit("engineer");
        await().atMost(PUSHED_WITHIN).pollInSameThread().untilAsserted(() -> {
            MockVaadin.runUIQueue();
            assertThat(row(view, ticketId)).isPresent();
        });
        TicketRecord recorded = tickets.find(ticketId).orElseThrow();
        String processInstance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticketId)
                .singleResult().getId();
        runtimeService.setVariables(processInstance, Map.of("title", "harmless typo fix", "instance", "sandbox",
                "environment", "TEST", "riskLevel", "NONE", "estimatedRows", 0L,
                "scheduledAt", "2099-01-01T00:00:00Z"));

        Browserless.signOut();
        TasklistView reopened = open("reviewer", "reviewer-demo");
        TaskSummary listed = tasklist.tasksFor("reviewer", REVIEWERS).stream()
                .filter(t -> ticketId.equals(t.businessKey())).findFirst().orElseThrow();
        for (TaskSummary shown : List.of(listed, row(reopened, ticketId).orElseThrow())) {
            assertThat(shown.subject()).isEqualTo("tasklist " + DB).isEqualTo(recorded.title());
            assertThat(shown.instance()).isEqualTo(INSTANCE);
            assertThat(shown.environment()).as("the instance's registered environment").isEqualTo("DEV");
            assertThat(shown.risk()).isEqualTo(recorded.risk()).isIn("LOW", "MODERATE", "HIGH");
            assertThat(shown.estimatedRows()).isEqualTo(1L);
            assertThat(shown.due()).as("an AFTER_APPROVAL ticket is due at no time").isNull();
        }
        Component card = GridKt._getCellComponent(reopened.grid,
                GridKt._findAll(reopened.grid).indexOf(row(reopened, ticketId).orElseThrow()), TasklistView.TASK);
        assertThat(card.getElement().getTextRecursively()).contains("tasklist " + DB, INSTANCE, "1 row")
                .doesNotContain("harmless", "sandbox", "TEST", "NONE", "2099");
    }

    /**
     * A reviewer ticks approvals and decides them at once: what can be decided is, and what someone else claimed
     * meanwhile is named with why; tasks that are no approval, or claimed by someone else, have no box to tick.
     */
    @Test
    void aReviewerApprovesTheTickedApprovalsAtOnceAndIsToldWhatWasNotDecided() {
        String reviewer2 = account("rev2", Role.REVIEWER);
        TasklistView view = open("reviewer", "reviewer-demo");
        String first = submit("engineer");
        String second = submit("engineer");
        await().atMost(PUSHED_WITHIN).pollInSameThread().untilAsserted(() -> {
            MockVaadin.runUIQueue();
            assertThat(row(view, first)).isPresent();
            assertThat(row(view, second)).isPresent();
        });
        assertThat(view.decideSelected.isEnabled()).isFalse();
        assertThat(view.decidable(row(view, first).orElseThrow())).isTrue();

        view.grid.select(row(view, first).orElseThrow());
        view.grid.select(row(view, second).orElseThrow());
        assertThat(view.decideSelected.getText()).isEqualTo("Decide 2 selected…");
        ButtonKt._click(view.decideSelected);
        BatchDecisionDialog dialog = _get(BatchDecisionDialog.class);
        assertThat(dialog.getElement().getTextRecursively()).contains(first).contains(second);
        Button reject = _get(Button.class, spec -> spec.withId(BatchDecisionDialog.REJECT));
        assertThat(reject.isEnabled()).as("a rejection needs the comment").isFalse();

        // the second is claimed by another reviewer while the dialog is open
        String secondTask = row(view, second).orElseThrow().id();
        tasklist.claim(secondTask, reviewer2, REVIEWERS);
        ButtonKt._click(_get(Button.class, spec -> spec.withId(BatchDecisionDialog.APPROVE)));
        NotificationsKt.expectNotifications("1 approved; not decided: " + second + " (task 'Approve the ticket as a"
                + " reviewer' of ticket " + second + " is not offered to reviewer (claimed by " + reviewer2 + ")).");
        await().atMost(PUSHED_WITHIN).untilAsserted(() -> assertThat(tickets.find(first).orElseThrow().status())
                .isIn(io.tollgate.engine.ticket.TicketStatus.EXECUTING,
                        io.tollgate.engine.ticket.TicketStatus.EXECUTED));
        assertThat(tickets.find(second).orElseThrow().status())
                .isEqualTo(io.tollgate.engine.ticket.TicketStatus.AWAITING_APPROVAL);

        // what another reviewer claimed has no box; nothing is left ticked
        await().atMost(PUSHED_WITHIN).pollInSameThread().untilAsserted(() -> {
            MockVaadin.runUIQueue();
            assertThat(row(view, first)).isEmpty();
            assertThat(row(view, second).orElseThrow().assignee()).isEqualTo(reviewer2);
        });
        assertThat(view.decidable(row(view, second).orElseThrow())).isFalse();
        assertThat(view.grid.getSelectedItems()).isEmpty();
        assertThat(view.decideSelected.isEnabled()).isFalse();
    }

    // --- helpers

    private TasklistView open(String username, String password) {
        Browserless.signIn(context, username, password);
        UI.getCurrent().navigate("tasks");
        return _get(TasklistView.class);
    }

    private String account(String prefix, Role... roles) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createLocal(username, PASSWORD, prefix, username + "@example.org", EnumSet.of(roles[0], roles));
        return username;
    }

    private String submit(String submitter) {
        String ticketId = tickets.submit(submitter, new TicketDraft("tasklist " + DB, INSTANCE, DB,
                "UPDATE `stock` SET qty = qty + 1 WHERE id = 1;", "restock", ExecutionMode.AFTER_APPROVAL, null))
                .id();
        submitted.add(Map.entry(submitter, ticketId));
        return ticketId;
    }

    private static Optional<TaskSummary> row(TasklistView view, String ticketId) {
        return GridKt._findAll(view.grid).stream().filter(t -> ticketId.equals(t.businessKey())).findFirst();
    }

    private static Button button(TasklistView view, String ticketId, String caption) {
        List<TaskSummary> rows = GridKt._findAll(view.grid);
        int index = rows.indexOf(row(view, ticketId).orElseThrow());
        Component actions = GridKt._getCellComponent(view.grid, index, TasklistView.ACTIONS);
        return _get(actions, Button.class, spec -> spec.withText(caption));
    }
}
