package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Set;

import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.accountadmin.AccountAdministration;
import io.tollgate.engine.deployment.DeploymentHistory;
import io.tollgate.engine.instance.InstanceForm;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.integrations.servicetree.ServiceTreeChange;
import io.tollgate.integrations.servicetree.ServiceTreeView;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.statistics.Statistics;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.Tickets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The permission matrix walked role by role (one demo account per role), over {@code /api/v1} and over the use-case
 * API the UI calls: each action is allowed exactly to the roles {@link Permission} names, and refused to the others
 * with 403 and a reason (never 409 or 500).
 */
@TollgateAppTest
class PermissionMatrixIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_matrix_");

    @LocalServerPort int port;
    @Autowired Tickets tickets;
    @Autowired TargetInstances instances;
    @Autowired Accounts accounts;
    @Autowired ServiceTreeChangeRequests changes;
    @Autowired ServiceTreeView tree;
    @Autowired DeploymentHistory deployments;
    @Autowired AccountAdministration administration;
    @Autowired Statistics statistics;
    Http http;

    /** Submits the tickets others try to act on; no demo account is its submitter. */
    private static final String OWNER = "matrix-owner";

    @BeforeEach
    void client() {
        http = new Http(port);
        TARGET.register(instances);
        if (accounts.find(OWNER).isEmpty()) {
            accounts.createLocal(OWNER, "matrix-owner-pass", "Matrix owner", null, EnumSet.of(Role.ENGINEER));
        }
    }

    private static String user(Role role) {
        return role.groupId();
    }

    private static String password(Role role) {
        return role.groupId() + "-demo";
    }

    private String submission() {
        return "{\"title\": \"matrix\", \"instance\": \"" + TARGET.instance + "\", \"database\": \"" + TARGET.name
                + "\", \"reason\": \"the matrix test\", \"sql\": \"CREATE TABLE m_" + System.nanoTime()
                + " (id INT PRIMARY KEY COMMENT 'id') COMMENT 'm';\"}";
    }

    private static void expect(HttpResponse<String> response, Role role, Permission permission, int allowed) {
        if (permission.allows(Set.of(role))) {
            assertThat(response.statusCode()).as(role + " " + permission + ": " + response.body()).isEqualTo(allowed);
        } else {
            assertThat(response.statusCode()).as(role + " " + permission + ": " + response.body()).isEqualTo(403);
            assertThat(response.body()).contains("\"message\"").contains("may not " + permission.label());
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void submittingATicketOverRest(Role role) throws Exception {
        expect(http.postJson("/api/v1/tickets", user(role), password(role), submission()), role,
                Permission.SUBMIT_TICKET, 201);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void readingTicketsOverRest(Role role) throws Exception {
        String id = tickets.submit("engineer", new TicketDraft("read me", TARGET.instance, TARGET.name,
                "CREATE TABLE r_" + System.nanoTime() + " (id INT PRIMARY KEY COMMENT 'id') COMMENT 'r';",
                "the matrix test", ExecutionMode.MANUAL, null)).id();
        expect(http.get("/api/v1/tickets?limit=5", user(role), password(role)), role, Permission.READ_TICKETS, 200);
        expect(http.get("/api/v1/tickets/" + id, user(role), password(role)), role, Permission.READ_TICKETS, 200);
        expect(http.get("/api/v1/tickets/" + id + "?waitWhileStatus=WITHDRAWN&wait=0", user(role), password(role)),
                role, Permission.READ_TICKETS, 200);
        expect(http.get("/api/v1/tickets/" + id + "/tasks", user(role), password(role)), role,
                Permission.READ_TICKETS, 200);
    }

    /** Retrying a stuck step: DBAs for a ticket, SREs for a tree change; nothing stuck here is a state (409). */
    @ParameterizedTest
    @EnumSource(Role.class)
    void retryingAStuckStepOverRest(Role role) throws Exception {
        String id = tickets.submit("engineer", new TicketDraft("retry me", TARGET.instance, TARGET.name,
                "CREATE TABLE s_" + System.nanoTime() + " (id INT PRIMARY KEY COMMENT 'id') COMMENT 's';",
                "the matrix test", ExecutionMode.MANUAL, null)).id();
        expect(http.postJson("/api/v1/tickets/" + id + "/stuck-step/retry", user(role), password(role), "{}"), role,
                Permission.RESOLVE_FAILURES, 409);
        if (!Permission.RETRY_TREE_STEPS.allows(Set.of(role))) {
            assertThatThrownBy(() -> changes.retryStuckStep("no-such-change", user(role)))
                    .isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("may not " + Permission.RETRY_TREE_STEPS.label());
        } else {
            assertThatThrownBy(() -> changes.retryStuckStep("no-such-change", user(role)))
                    .isNotInstanceOf(PermissionDeniedException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void selfCheckingSqlOverRest(Role role) throws Exception {
        expect(http.postJson("/api/v1/review", user(role), password(role), "{\"sql\": \"SELECT 1;\"}"), role,
                Permission.SELF_CHECK, 200);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void submittingATicketThroughTheUseCase(Role role) {
        TicketDraft draft = new TicketDraft("matrix", TARGET.instance, TARGET.name,
                "CREATE TABLE u_" + System.nanoTime() + " (id INT PRIMARY KEY COMMENT 'id') COMMENT 'u';",
                "the matrix test", ExecutionMode.MANUAL, null);
        if (Permission.SUBMIT_TICKET.allows(Set.of(role))) {
            assertThatCode(() -> tickets.submit(user(role), draft)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> tickets.submit(user(role), draft)).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("may not submit tickets");
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void abortingOrPausingAnExecutionThroughTheUseCase(Role role) {
        String id = tickets.submit("engineer", new TicketDraft("abort me", TARGET.instance, TARGET.name,
                "CREATE TABLE a_" + System.nanoTime() + " (id INT PRIMARY KEY COMMENT 'id') COMMENT 'a';",
                "the matrix test", ExecutionMode.MANUAL, null)).id();
        if (Permission.ABORT_EXECUTION.allows(Set.of(role))) {
            // allowed, but the ticket is not executing: that is a state, not a permission
            assertThatThrownBy(() -> tickets.abort(id, user(role), Set.of(role.groupId())))
                    .isNotInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> tickets.pauseCopy(id, user(role), Set.of(role.groupId()), true))
                    .isNotInstanceOf(PermissionDeniedException.class);
        } else {
            assertThatThrownBy(() -> tickets.abort(id, user(role), Set.of(role.groupId())))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> tickets.pauseCopy(id, user(role), Set.of(role.groupId()), true))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> tickets.pauseCopy(id, user(role), Set.of(role.groupId()), false))
                    .isInstanceOf(PermissionDeniedException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void actingOnSomeoneElsesTicketIsAPermissionNotAState(Role role) throws Exception {
        String id = tickets.submit(OWNER, new TicketDraft("not yours", TARGET.instance, TARGET.name,
                "CREATE TABLE o_" + System.nanoTime() + " (id INT PRIMARY KEY COMMENT 'id') COMMENT 'o';",
                "the matrix test", ExecutionMode.MANUAL, null)).id();
        for (String action : new String[] {"withdraw", "execute", "resubmit"}) {
            HttpResponse<String> response = http.postJson("/api/v1/tickets/" + id + "/" + action, user(role),
                    password(role), "{}");
            assertThat(response.statusCode()).as(role + " " + action + ": " + response.body()).isEqualTo(403);
            assertThat(response.body()).contains("only " + OWNER + ", who submitted ticket " + id);
        }
    }

    @org.junit.jupiter.api.Test
    void anotherSiteCannotMakeABrowserWithCachedCredentialsActOnATicket() throws Exception {
        String id = tickets.submit(OWNER, new TicketDraft("cross-site", TARGET.instance, TARGET.name,
                "CREATE TABLE x_" + System.nanoTime() + " (id INT PRIMARY KEY COMMENT 'id') COMMENT 'x';",
                "the matrix test", ExecutionMode.MANUAL, null)).id();
        // what a form on another site can send: no JSON content type, no custom header
        for (String type : new String[] {"application/x-www-form-urlencoded", "text/plain", "multipart/form-data"}) {
            HttpResponse<String> response = http.send("POST", "/api/v1/tickets/" + id + "/withdraw", OWNER,
                    "matrix-owner-pass", null, "Content-Type", type);
            assertThat(response.statusCode()).as(type + ": " + response.body()).isEqualTo(415);
            assertThat(response.body()).contains("Content-Type: application/json");
        }
        assertThat(http.post("/api/v1/tickets/" + id + "/withdraw", OWNER, "matrix-owner-pass").statusCode())
                .isEqualTo(415);
        assertThat(tickets.find(id).orElseThrow().status()).isNotEqualTo(TicketStatus.WITHDRAWN);
        // a script says who it is instead
        HttpResponse<String> script = http.send("POST", "/api/v1/tickets/" + id + "/withdraw", OWNER,
                "matrix-owner-pass", null, "X-Tollgate-Client", "ci");
        assertThat(script.statusCode()).as(script.body()).isNotEqualTo(415);
    }

    @org.junit.jupiter.api.Test
    void theUiSaysWhereItsScriptsMayComeFromAndKeepsItsAddressesToItself() throws Exception {
        HttpResponse<String> login = http.get("/login", null, null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'"));
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void managingInstancesThroughTheUseCase(Role role) {
        InstanceForm form = TARGET.form("matrix-" + role.groupId() + "-" + System.nanoTime(), false);
        Throwable thrown = catchThrowable(() -> instances.register(form, user(role)));
        if (Permission.MANAGE_INSTANCES.allows(Set.of(role))) {
            assertThat(thrown).isNull();
        } else {
            assertThat(thrown).isInstanceOf(PermissionDeniedException.class).hasMessageContaining("manage instances");
            assertThat(instances.find(form.name())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void requestingATreeChangeThroughTheUseCase(Role role) throws Exception {
        assertThat(tree.awaitLoaded(java.time.Duration.ofSeconds(20))).isTrue();
        long root = tree.root().orElseThrow().node().id();
        Throwable thrown = catchThrowable(() -> changes.request(new ServiceTreeChange.SetAttributes(
                ServiceTreeChangeRequests.newChange(user(role), "the matrix test"), root,
                java.util.Map.of("matrix", role.groupId()))));
        if (Permission.REQUEST_TREE_CHANGES.allows(Set.of(role))) {
            assertThat(thrown).isNull();
        } else {
            assertThat(thrown).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("request service-tree changes");
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void readingTheServiceTreeOverRest(Role role) throws Exception {
        assertThat(tree.awaitLoaded(java.time.Duration.ofSeconds(20))).isTrue();
        expect(http.get("/api/v1/service-tree/nodes/root?limit=5", user(role), password(role)), role,
                Permission.AUDIT_TREE, 200);
        expect(http.get("/api/v1/service-tree/nodes?q=bj", user(role), password(role)), role,
                Permission.AUDIT_TREE, 200);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void requestingATreeChangeOverRest(Role role) throws Exception {
        assertThat(tree.awaitLoaded(java.time.Duration.ofSeconds(20))).isTrue();
        long root = tree.root().orElseThrow().node().id();
        expect(http.postJson("/api/v1/service-tree/changes", user(role), password(role),
                "{\"kind\": \"setAttributes\", \"nodeId\": " + root + ", \"attributes\": {\"matrix\": \""
                        + role.groupId() + "\"}, \"reason\": \"the matrix test\"}"), role,
                Permission.REQUEST_TREE_CHANGES, 201);
    }

    /**
     * Who decides a tree approval: the matrix says which roles may decide any (never auditors), then the approval
     * policy who decides this one (the node's owners, else SREs), for every role.
     */
    @ParameterizedTest
    @EnumSource(Role.class)
    void decidingATreeApprovalOverRest(Role role) throws Exception {
        assertThat(tree.awaitLoaded(java.time.Duration.ofSeconds(20))).isTrue();
        long root = tree.root().orElseThrow().node().id();
        String changeId = changes.request(new ServiceTreeChange.SetAttributes(
                ServiceTreeChangeRequests.newChange(OWNER, "the matrix test"), root,
                java.util.Map.of("matrix-decision", role.groupId()))).changeId();
        String taskId = changes.pendingApprovals("sre", Set.of("sre")).stream()
                .filter(a -> a.changeId().equals(changeId)).findFirst().orElseThrow().taskId();
        HttpResponse<String> response = http.postJson("/api/v1/service-tree/approvals/" + taskId + "/decision",
                user(role), password(role), "{\"approve\": false, \"comment\": \"not now\"}");
        if (role == Role.SRE) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        } else {
            assertThat(response.statusCode()).as(role + ": " + response.body()).isEqualTo(403);
            // roles that may not decide tree changes at all (auditors) are refused by the matrix, others by the policy
            assertThat(response.body()).contains("\"message\"").contains(user(role) + " may not "
                    + (Permission.DECIDE_TREE_CHANGES.allows(Set.of(role)) ? "give"
                    : Permission.DECIDE_TREE_CHANGES.label()));
            assertThat(changes.find(changeId).orElseThrow().status().name()).isEqualTo("PENDING_APPROVAL");
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void readingHistoryOverRestAndThroughTheUseCase(Role role) throws Exception {
        expect(http.get("/api/v1/deployments?limit=5", user(role), password(role)), role, Permission.READ_HISTORY,
                200);
        Throwable thrown = catchThrowable(() -> deployments.newest(user(role), 5));
        if (Permission.READ_HISTORY.allows(Set.of(role))) {
            assertThat(thrown).isNull();
        } else {
            assertThat(thrown).isInstanceOf(PermissionDeniedException.class).hasMessageContaining("read history");
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void readingStatisticsOverRestAndThroughTheUseCase(Role role) throws Exception {
        expect(http.get("/api/v1/statistics?from=2026-01-01&to=2026-01-31", user(role), password(role)), role,
                Permission.READ_STATISTICS, 200);
        // a refusal comes before the range is even looked at: a bad range must not reveal anything either
        if (!Permission.READ_STATISTICS.allows(Set.of(role))) {
            expect(http.get("/api/v1/statistics?from=nope", user(role), password(role)), role,
                    Permission.READ_STATISTICS, 400);
        }
        Throwable thrown = catchThrowable(() -> statistics.report(user(role), null, null));
        if (Permission.READ_STATISTICS.allows(Set.of(role))) {
            assertThat(thrown).isNull();
        } else {
            assertThat(thrown).isInstanceOf(PermissionDeniedException.class).hasMessageContaining("read statistics");
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void managingAccountsThroughTheUseCase(Role role) {
        accounts.recordFailedLogin(OWNER);
        Throwable listed = catchThrowable(() -> administration.list(user(role)));
        Throwable unlocked = catchThrowable(() -> administration.unlock(user(role), OWNER));
        if (Permission.MANAGE_ACCOUNTS.allows(Set.of(role))) {
            assertThat(listed).isNull();
            assertThat(unlocked).isNull();
            assertThat(accounts.find(OWNER).orElseThrow().failedSignIns()).isZero();
        } else {
            assertThat(listed).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("manage accounts");
            assertThat(unlocked).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("manage accounts");
            assertThat(accounts.find(OWNER).orElseThrow().failedSignIns()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void administeringAccountsThroughTheUseCase(Role role) {
        String subject = "matrix-subject-" + role.groupId();
        if (accounts.find(subject).isEmpty()) {
            accounts.createLocal(subject, "matrix-subject-pass", "Matrix subject", null, EnumSet.of(Role.ENGINEER));
        }
        String created = "matrix-new-" + role.groupId() + "-" + System.nanoTime();
        Throwable create = catchThrowable(() -> administration.create(user(role),
                new AccountAdministration.NewAccount(created, "New", null, "matrix-new-pass", EnumSet.of(Role.DBA))));
        Throwable roles = catchThrowable(() -> administration.setRoles(user(role), subject, EnumSet.of(Role.DBA)));
        Throwable reset = catchThrowable(() -> administration.resetPassword(user(role), subject, "matrix-reset"));
        Throwable disable = catchThrowable(() -> administration.disable(user(role), subject));
        Throwable enable = catchThrowable(() -> administration.enable(user(role), subject));
        if (Permission.MANAGE_ACCOUNTS.allows(Set.of(role))) {
            assertThat(java.util.Arrays.asList(create, roles, reset, disable, enable)).containsOnlyNulls();
            assertThat(accounts.find(created)).isPresent();
            assertThat(accounts.find(subject).orElseThrow().roles()).containsExactly(Role.DBA);
        } else {
            for (Throwable refused : new Throwable[] {create, roles, reset, disable, enable}) {
                assertThat(refused).isInstanceOf(PermissionDeniedException.class)
                        .hasMessageContaining("manage accounts");
            }
            assertThat(accounts.find(created)).isEmpty();
            assertThat(accounts.find(subject).orElseThrow().roles()).containsExactly(Role.ENGINEER);
            assertThat(accounts.find(subject).orElseThrow().mustChangePassword()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void administeringAccountsOverRest(Role role) throws Exception {
        expect(http.get("/api/v1/accounts", user(role), password(role)), role, Permission.MANAGE_ACCOUNTS, 200);
        expect(http.get("/api/v1/accounts/engineer", user(role), password(role)), role, Permission.MANAGE_ACCOUNTS,
                200);
        expect(http.postJson("/api/v1/accounts", user(role), password(role), "{\"username\": \"matrix-rest-"
                + role.groupId() + "-" + System.nanoTime() + "\", \"displayName\": \"R\", \"password\": "
                + "\"matrix-rest-pass\", \"roles\": [\"ENGINEER\"]}"), role, Permission.MANAGE_ACCOUNTS, 201);
        expect(http.postJson("/api/v1/accounts/" + OWNER + "/unlock", user(role), password(role), "{}"), role,
                Permission.MANAGE_ACCOUNTS, 200);
    }
}
