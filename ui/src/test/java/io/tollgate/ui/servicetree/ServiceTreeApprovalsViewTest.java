package io.tollgate.ui.servicetree;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.servicetree.ChangeDetails;
import io.tollgate.engine.servicetree.ChangeRecord;
import io.tollgate.engine.servicetree.ChangeStatus;
import io.tollgate.engine.servicetree.PendingApproval;
import io.tollgate.engine.servicetree.RequestOutcome;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.integrations.servicetree.ChangeMeta;
import io.tollgate.integrations.servicetree.ChangePlan;
import io.tollgate.integrations.servicetree.Impact;
import io.tollgate.integrations.servicetree.Level;
import io.tollgate.integrations.servicetree.NodeView;
import io.tollgate.integrations.servicetree.Server;
import io.tollgate.integrations.servicetree.ServiceTreeChange;
import io.tollgate.integrations.servicetree.TreeNode;
import io.tollgate.ui.layout.CurrentUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The approvals page, browserless: the view instantiated on a fixed set of approvals and changes (issue 15): the Node
 * column names the node of every kind, nothing claims "(no difference)" before a change is selected, times are
 * human, and {@code service-tree/approvals/<changeId>} opens that change selected or says why it cannot.
 */
class ServiceTreeApprovalsViewTest {

    private static final Instant OFFERED = Instant.parse("2026-12-02T16:49:54.841123Z");

    private final List<PendingApproval> offered = new ArrayList<>();
    private final List<ChangeRecord> records = new ArrayList<>();
    private final List<String> retried = new ArrayList<>();

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        NodeView sh = new NodeView(new TreeNode(7, "sh", 3L, List.of(), List.of(new Server("sh-01", false,
                BigDecimal.ONE)), List.of(), Map.of()), "/online/loki/api/sh", Level.IDC);
        NodeView created = new NodeView(new TreeNode(42, "new-svc", 2L, List.of("user:bob"), List.of(), List.of(),
                Map.of()), "/online/loki/new-svc", Level.SERVICE);
        offered.add(new PendingApproval("task-1", PendingApproval.Step.OWNER, OFFERED, new ChangePlan(
                new ServiceTreeChange.SetAttributes(new ChangeMeta("stc-attr", "engineer", "new rack"), 7,
                        Map.of("rack", "r2")), List.of(), List.of(sh), List.of(sh),
                "- attributes: {}\n+ attributes: {rack=r2}", List.of(), List.of("user:bob"), false,
                new Impact(1, List.of("sh-01"), List.of()))));
        offered.add(new PendingApproval("task-2", PendingApproval.Step.OWNER, OFFERED.plusSeconds(60),
                new ChangePlan(new ServiceTreeChange.Create(new ChangeMeta("stc-create", "engineer", "a service"),
                        2, "new-svc", List.of("user:bob"), Map.of()), List.of(), List.of(), List.of(created),
                        "+ /online/loki/new-svc", List.of(), List.of("user:alice"), false,
                        new Impact(1, List.of(), List.of()))));
        records.add(record("stc-applied", "engineer", ChangeStatus.APPLIED));
        records.add(record("stc-waiting", "engineer", ChangeStatus.PENDING_APPROVAL));
        records.add(record("stc-own", "sre", ChangeStatus.PENDING_APPROVAL));
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    private ServiceTreeApprovalsView open(String user, Role role) {
        ServiceTreeApprovalsView view = new ServiceTreeApprovalsView(new Requests(user), new User(user, role),
                new ChangeTimeline(new NoTimelines(), new User(user, role)),
                changed -> () -> { }, listener -> () -> { });
        UI.getCurrent().add(view);
        return view;
    }

    @Test
    void theNodeColumnNamesTheNodeForEveryKindAndTimesAreHuman() {
        ServiceTreeApprovalsView view = open("sre", Role.SRE);

        List<String> nodes = new ArrayList<>();
        for (int row = 0; row < GridKt._size(view.pending); row++) {
            nodes.add(GridKt._getFormatted(view.pending, row, "node"));
        }
        assertThat(nodes).containsExactlyInAnyOrder("/online/loki/api/sh", "/online/loki/new-svc");
        String offeredAt = GridKt._getFormatted(view.pending, 0, "offered");
        assertThat(offeredAt).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} [+-]\\d{2}:\\d{2}").doesNotContain(".841");
        assertThat(GridKt._getFormatted(view.mine, 0, "requested")).doesNotContain("T").doesNotContain("Z");
    }

    @Test
    void nothingIsComparedBeforeAChangeIsSelected() {
        ServiceTreeApprovalsView view = open("sre", Role.SRE);

        assertThat(view.diff.getElement().getTextRecursively()).doesNotContain("no difference").isBlank();
        assertThat(view.differences.isVisible()).isFalse();
        assertThat(view.approve.isEnabled()).isFalse();
        assertThat(view.summary.getText()).isEqualTo("Select an approval to see the change.");

        view.pending.select(offered.get(0));
        assertThat(view.differences.isVisible()).isTrue();
        assertThat(view.diff.getElement().getTextRecursively()).contains("rack=r2");
    }

    @Test
    void aLinkToAChangeOpensItSelected() {
        ServiceTreeApprovalsView view = open("sre", Role.SRE);

        view.setParameter(null, "stc-create");

        assertThat(view.pending.asSingleSelect().getValue().changeId()).isEqualTo("stc-create");
        assertThat(view.summary.getText()).contains("a service");
        assertThat(view.approve.isEnabled()).isTrue();
    }

    @Test
    void aLinkToAChangeNotOfferedSaysWhy() {
        ServiceTreeApprovalsView view = open("sre", Role.SRE);

        view.setParameter(null, "stc-applied");
        assertThat(view.note.getText()).contains("stc-applied").contains("is applied")
                .contains("nothing waits for a decision");
        assertThat(view.pending.asSingleSelect().getValue()).isNull();

        view.setParameter(null, "stc-own");
        assertThat(view.note.getText()).contains("is yours: someone else approves it");

        view.setParameter(null, "stc-nope");
        assertThat(view.note.getText()).isEqualTo("There is no service-tree change stc-nope.");
    }

    @Test
    void someoneNotOfferedTheChangeSeesAMessageNotAnError() {
        ServiceTreeApprovalsView view = open("dora", Role.DBA);
        assertThat(view.note.getText()).isEqualTo("Nothing waits for your approval.");
        assertThat(view.pending.isVisible()).isFalse();

        view.setParameter(null, "stc-waiting");

        assertThat(view.note.getText()).contains("waits for its approvers, and you are not one of them");
        assertThat(view.diff.getElement().getTextRecursively()).isBlank();
    }

    /** Issue 14: an auditor reads a change's page (as History links to it) and is offered nothing to act with. */
    @Test
    void theChangesPageOffersAnAuditorNoActionAndADeciderTheWayToDecide() {
        ServiceTreeChangeView auditor = page("auditor", Role.AUDITOR, "stc-waiting");
        assertThat(auditor.heading.getText()).contains("stc-waiting").contains("/online/loki/api/sh");
        assertThat(auditor.facts.getElement().getTextRecursively()).contains("Awaiting approval", "user:bob");
        assertThat(auditor.plan.getElement().getTextRecursively()).contains("rack=r2");
        assertThat(auditor.decide.isVisible()).isFalse();
        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._find(auditor,
                com.vaadin.flow.component.button.Button.class)).isEmpty();

        ServiceTreeChangeView sre = page("sre", Role.SRE, "stc-waiting");
        assertThat(sre.decide.isVisible()).isTrue();
        assertThat(sre.decide.getHref()).isEqualTo("service-tree/approvals/stc-waiting");
    }

    /** A stuck apply shows on the change's page with why; only an SRE is offered the retry (ADR 0052). */
    @Test
    void aStuckStepShowsOnTheChangesPageAndAnSreRetriesIt() {
        ChangeRecord approved = record("stc-stuck", "engineer", ChangeStatus.APPROVED);
        records.add(new ChangeRecord(approved.changeId(), approved.kind(), approved.nodeId(), approved.subjectNodeId(),
                approved.nodePath(), approved.requester(), approved.reason(), approved.status(), false,
                approved.changeJson(), approved.diff(), null, null, null, OFFERED, OFFERED, null, List.of(),
                "Apply the change in ZooKeeper", "ZooKeeper unreachable"));

        ServiceTreeChangeView requester = page("engineer", Role.ENGINEER, "stc-stuck");
        assertThat(requester.stuck.isVisible()).isTrue();
        assertThat(requester.stuck.text.getText()).isEqualTo("Stuck: \u201cApply the change in ZooKeeper\u201d failed after"
                + " all its retries: ZooKeeper unreachable\nNothing moves until an SRE retries it.");
        assertThat(requester.stuck.retry.isVisible()).isFalse();
        assertThat(page("admin", Role.ADMIN, "stc-stuck").stuck.retry.isVisible()).isFalse();
        assertThat(page("sre", Role.SRE, "stc-waiting").stuck.isVisible()).as("nothing stuck").isFalse();

        ServiceTreeChangeView sre = page("sre", Role.SRE, "stc-stuck");
        assertThat(sre.stuck.retry.isVisible()).isTrue();
        com.github.mvysny.kaributesting.v10.LocatorJ._click(sre.stuck.retry);
        assertThat(retried).containsExactly("stc-stuck by sre");
        assertThat(sre.stuck.isVisible()).isFalse();
        assertThat(sre.stuck.retry.isVisible()).isFalse();
    }

    /** The list of all changes: an SRE finds the stuck one without a mail, and it opens the change (ADR 0052). */
    @Test
    void theListOfChangesFiltersStuckOnesStatusesAndRequesters() {
        ChangeRecord approved = record("stc-stuck", "engineer", ChangeStatus.APPROVED);
        records.add(new ChangeRecord(approved.changeId(), approved.kind(), approved.nodeId(), approved.subjectNodeId(),
                approved.nodePath(), approved.requester(), approved.reason(), approved.status(), false,
                approved.changeJson(), approved.diff(), null, null, null, OFFERED, OFFERED, null, List.of(),
                "Apply the change in ZooKeeper", "ZooKeeper unreachable"));
        TreeChangesView view = new TreeChangesView(new Requests("sre"), new User("sre", Role.SRE),
                changed -> () -> { }, listener -> () -> { });
        UI.getCurrent().add(view);
        assertThat(GridKt._size(view.grid)).isEqualTo(4);
        assertThat(view.count.getText()).isEqualTo("4 changes");

        view.stuckOnly.setValue(true);
        assertThat(GridKt._size(view.grid)).isEqualTo(1);
        assertThat(GridKt._get(view.grid, 0).changeId()).isEqualTo("stc-stuck");
        assertThat(TreeChangesView.status(GridKt._get(view.grid, 0)).getElement().getTextRecursively())
                .contains("Approved").contains("Stuck");
        view.stuckOnly.setValue(false);

        view.status.setValue(Set.of(ChangeStatus.PENDING_APPROVAL));
        assertThat(ids(view)).containsExactlyInAnyOrder("stc-waiting", "stc-own");
        view.mine.click();
        assertThat(view.requester.getValue()).isEqualTo("sre");
        assertThat(ids(view)).containsExactly("stc-own");
        view.requester.setValue("nobody");
        assertThat(view.count.getText()).isEqualTo("0 changes");

        assertThat(new TreeChangesView(new Requests("auditor"), new User("auditor", Role.AUDITOR),
                changed -> () -> { }, listener -> () -> { }).mine.isVisible())
                .as("an auditor requests no changes of their own").isFalse();
        assertThat(rolesAllowed(TreeChangesView.class)).isEqualTo(rolesAllowed(ServiceTreeChangeView.class));
    }

    private static List<String> ids(TreeChangesView view) {
        List<String> ids = new ArrayList<>();
        for (int row = 0; row < GridKt._size(view.grid); row++) {
            ids.add(GridKt._get(view.grid, row).changeId());
        }
        return ids;
    }

    /** Who opens the two pages is the permission matrix's, not the views' own list. */
    @Test
    void whoOpensTheChangePagesIsThePermissionMatrixs() {
        assertThat(rolesAllowed(ServiceTreeApprovalsView.class)).isEqualTo(Permission.DECIDE_TREE_CHANGES.roles());
        Set<Role> readers = EnumSet.copyOf(Permission.AUDIT_TREE.roles());
        readers.addAll(Permission.READ_HISTORY.roles());
        assertThat(rolesAllowed(ServiceTreeChangeView.class)).isEqualTo(readers);
    }

    private static Set<Role> rolesAllowed(Class<?> view) {
        return java.util.Arrays.stream(view.getAnnotation(jakarta.annotation.security.RolesAllowed.class).value())
                .map(Role::valueOf).collect(java.util.stream.Collectors.toSet());
    }

    private ServiceTreeChangeView page(String user, Role role, String changeId) {
        ServiceTreeChangeView view = new ServiceTreeChangeView(new Requests(user), new User(user, role),
                new ChangeTimeline(new NoTimelines(), new User(user, role)), changed -> () -> { },
                listener -> () -> { });
        UI.getCurrent().add(view);
        view.setParameter(null, changeId);
        return view;
    }

    private static ChangeRecord record(String id, String requester, ChangeStatus status) {
        return new ChangeRecord(id, "setAttributes", 7, 7L, "/online/loki/api/sh", requester, "why", status, false,
                "{}", "", null, null, null, OFFERED, OFFERED, null, List.of(), null, null);
    }

    private static final class User extends CurrentUser {
        private final String name;
        private final Role role;

        User(String name, Role role) {
            super(null);
            this.name = name;
            this.role = role;
        }

        @Override
        public String username() {
            return name;
        }

        @Override
        public Set<Role> roles() {
            return EnumSet.of(role);
        }
    }

    private final class Requests implements ServiceTreeChangeRequests {

        /** A retry clears the stuck step, as the incident handler does on resolving it. */
        @Override
        public void retryStuckStep(String changeId, String username) {
            ChangeRecord r = find(changeId).orElseThrow();
            records.set(records.indexOf(r), new ChangeRecord(r.changeId(), r.kind(), r.nodeId(), r.subjectNodeId(),
                    r.nodePath(), r.requester(), r.reason(), r.status(), r.critical(), r.changeJson(), r.diff(),
                    r.beforeJson(), r.afterJson(), r.versionsJson(), r.requestedAt(), r.updatedAt(), r.appliedAt(),
                    r.events(), null, null));
            retried.add(changeId + " by " + username);
        }

        private final String user;

        Requests(String user) {
            this.user = user;
        }

        @Override
        public RequestOutcome request(ServiceTreeChange change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PendingApproval> pendingApprovals(String username, Collection<String> groups) {
            return groups.contains("sre") ? List.copyOf(offered) : List.of();
        }

        @Override
        public void decide(String taskId, String username, Collection<String> groups, boolean approve,
                           String comment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void withdraw(String changeId, String username) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RequestOutcome resolveConflict(String changeId, String username, boolean revalidate) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ChangeRecord> find(String changeId) {
            return records.stream().filter(r -> r.changeId().equals(changeId)).findFirst();
        }

        @Override
        public boolean mayRead(String reader) {
            return true;
        }

        @Override
        public Optional<ChangeDetails> read(String reader, String changeId) {
            return find(changeId).map(r -> new ChangeDetails(r, offered.get(0).plan(), List.of("user:bob"), false));
        }

        @Override
        public List<ChangeRecord> historyOf(long nodeId) {
            return List.of();
        }

        @Override
        public List<ChangeRecord> requestedBy(String username) {
            return records.stream().filter(r -> r.requester().equals(username)).toList();
        }

        @Override
        public List<ChangeRecord> list(String reader, io.tollgate.engine.servicetree.ChangeFilter filter) {
            return records.stream()
                    .filter(r -> filter.statuses().isEmpty() || filter.statuses().contains(r.status()))
                    .filter(r -> filter.requester() == null || filter.requester().equals(r.requester()))
                    .filter(r -> !filter.stuckOnly() || r.stuckStep() != null).limit(filter.limit()).toList();
        }
    }

    /** The timeline is not this test's subject (ChangeTimelineIT and its browser test cover it): nobody reads one. */
    private static final class NoTimelines implements io.tollgate.engine.timeline.ChangeTimelines {
        @Override
        public boolean mayReadChanges(String reader) {
            return false;
        }

        @Override
        public List<io.tollgate.engine.timeline.TimelineStep> ofChange(String reader, String changeId) {
            throw new AssertionError("not readable here");
        }
    }
}
