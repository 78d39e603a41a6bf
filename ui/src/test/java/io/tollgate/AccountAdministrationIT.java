package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.accountadmin.AccountAdministration;
import io.tollgate.engine.accountadmin.LastAdminException;
import io.tollgate.engine.audit.AuditEntry;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.permission.PermissionDeniedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An admin runs accounts over {@code /api/v1/accounts} and the use case: creates people who must choose their own
 * password before anything else, sets roles, resets, disables, enables; everything in the trail; and the attacks: a
 * non-admin, bad passwords, the last admin locking everybody out.
 */
@TollgateAppTest
class AccountAdministrationIT {

    @LocalServerPort int port;
    @Autowired Accounts accounts;
    @Autowired AccountAdministration administration;
    @Autowired AuditTrail trail;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }

    private HttpResponse<String> create(String username, String password, String roles) throws Exception {
        return create(username, password, roles, "New Person");
    }

    private HttpResponse<String> create(String username, String password, String roles, String displayName)
            throws Exception {
        return http.postJson("/api/v1/accounts", "admin", "admin-demo", "{\"username\": \"" + username
                + "\", \"displayName\": \"" + displayName + "\", \"email\": \"" + username
                + "@example.org\", \"password\": \"" + password + "\", \"roles\": " + roles + "}");
    }

    @Test
    void anAdminCreatesAPersonWhoMustChooseTheirOwnPasswordBeforeAnythingElse() throws Exception {
        String name = unique("newbie");
        HttpResponse<String> created = create(name, "first-pass-1", "[\"reviewer\", \"ENGINEER\"]");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/accounts/" + name);
        assertThat(created.body()).contains("\"mustChangePassword\":true").doesNotContain("hash");
        assertThat(accounts.find(name).orElseThrow().roles()).containsExactlyInAnyOrder(Role.REVIEWER, Role.ENGINEER);

        // every call but the password change is refused until the person chose their own
        HttpResponse<String> refused = http.get("/api/v1/tickets?limit=1", name, "first-pass-1");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("You must change your password").contains("/api/v1/me/password");
        assertThat(http.postJson("/api/v1/review", name, "first-pass-1", "{\"sql\": \"SELECT 1;\"}").statusCode())
                .isEqualTo(403);

        HttpResponse<String> same = http.postJson("/api/v1/me/password", name, "first-pass-1",
                "{\"currentPassword\": \"first-pass-1\", \"newPassword\": \"first-pass-1\"}");
        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(same.body()).contains("must differ");
        HttpResponse<String> wrongCurrent = http.postJson("/api/v1/me/password", name, "first-pass-1",
                "{\"currentPassword\": \"guess-guess\", \"newPassword\": \"my-own-pass\"}");
        assertThat(wrongCurrent.statusCode()).isEqualTo(400);
        assertThat(wrongCurrent.body()).contains("current password is not correct");

        HttpResponse<String> changed = http.postJson("/api/v1/me/password", name, "first-pass-1",
                "{\"currentPassword\": \"first-pass-1\", \"newPassword\": \"my-own-pass\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(http.get("/api/v1/tickets?limit=1", name, "first-pass-1").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/v1/tickets?limit=1", name, "my-own-pass").statusCode()).isEqualTo(200);
        // in the trail, as an admin's reset is (it was missing)
        assertThat(trail.newest("admin", 50).stream().filter(e -> name.equals(e.subjectId()))
                .map(AuditEntry::kind)).contains("account.password-changed");

        // an admin's reset brings the rule back
        HttpResponse<String> reset = http.postJson("/api/v1/accounts/" + name + "/password", "admin", "admin-demo",
                "{\"password\": \"temporary-2\"}");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(http.get("/api/v1/tickets?limit=1", name, "temporary-2").statusCode()).isEqualTo(403);

        List<AuditEntry> entries = trail.newest("admin", 50).stream().filter(e -> name.equals(e.subjectId()))
                .filter(e -> e.kind().startsWith("account.")).toList();
        assertThat(entries).extracting(AuditEntry::kind)
                .contains("account.created", "account.password-reset");
        assertThat(entries).allSatisfy(e -> {
            // the admin's actions, and the person's own password change
            assertThat(e.actor()).isEqualTo(e.kind().equals("account.password-changed") ? name : "admin");
            assertThat(e.subjectType()).isEqualTo("account");
        });
    }

    @Test
    void rolesAreSetAndADisabledPersonIsRefusedAtOnce() throws Exception {
        String name = unique("mover");
        accounts.createLocal(name, "mover-pass-1", "Mover", null, EnumSet.of(Role.ENGINEER));
        assertThat(http.get("/api/v1/deployments?limit=1", name, "mover-pass-1").statusCode()).isEqualTo(403);

        HttpResponse<String> roles = http.send("PUT", "/api/v1/accounts/" + name + "/roles", "admin", "admin-demo",
                "{\"roles\": [\"AUDITOR\"]}");
        assertThat(roles.statusCode()).as(roles.body()).isEqualTo(200);
        assertThat(http.get("/api/v1/deployments?limit=1", name, "mover-pass-1").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/tickets?limit=1", name, "mover-pass-1").statusCode()).isEqualTo(200);

        HttpResponse<String> disabled = http.postJson("/api/v1/accounts/" + name + "/disable", "admin", "admin-demo",
                "{}");
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.body()).contains("\"enabled\":false");
        assertThat(http.get("/api/v1/tickets?limit=1", name, "mover-pass-1").statusCode()).isEqualTo(401);
        assertThat(http.get("/engine-rest/deployment?maxResults=0", name, "mover-pass-1").statusCode())
                .isEqualTo(401);

        assertThat(http.postJson("/api/v1/accounts/" + name + "/enable", "admin", "admin-demo", "{}").statusCode())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/tickets?limit=1", name, "mover-pass-1").statusCode()).isEqualTo(200);
        assertThat(trail.newest("admin", 50).stream().filter(e -> name.equals(e.subjectId()))
                .map(AuditEntry::kind)).contains("account.roles-changed", "account.disabled", "account.enabled");
    }

    /** An admin who made themselves a DBA resolved a failure into a rollback nobody reviewed (an attack session). */
    @Test
    void anAdminGivesThemselvesNoRoleAnotherAdminDoes() throws Exception {
        String admin = unique("admin");
        accounts.createLocal(admin, "admin-pass-1", "Another admin", null, EnumSet.of(Role.ADMIN));
        for (String roles : new String[] {"[\"ADMIN\", \"DBA\"]", "[\"ADMIN\", \"REVIEWER\"]", "[\"DBA\"]"}) {
            HttpResponse<String> self = http.send("PUT", "/api/v1/accounts/" + admin + "/roles", admin,
                    "admin-pass-1", "{\"roles\": " + roles + "}");
            assertThat(self.statusCode()).as(self.body()).isEqualTo(400);
            assertThat(self.body()).contains("You cannot give yourself").contains("granted by another admin");
        }
        assertThat(accounts.find(admin).orElseThrow().roles()).containsExactly(Role.ADMIN);
        // nor resets their own password as an admin: it would make them its keeper (ADR 0068); /me/password is theirs
        HttpResponse<String> ownReset = http.postJson("/api/v1/accounts/" + admin + "/password", admin,
                "admin-pass-1", "{\"password\": \"admin-pass-2\"}");
        assertThat(ownReset.statusCode()).as(ownReset.body()).isEqualTo(400);
        assertThat(ownReset.body()).contains("You change your own password yourself");
        HttpResponse<String> byAnother = http.send("PUT", "/api/v1/accounts/" + admin + "/roles", "admin",
                "admin-demo", "{\"roles\": [\"ADMIN\", \"DBA\"]}");
        assertThat(byAnother.statusCode()).as(byAnother.body()).isEqualTo(200);
        assertThat(accounts.find(admin).orElseThrow().roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.DBA);
    }

    @Test
    void badRequestsSayWhatIsWrong() throws Exception {
        HttpResponse<String> tooShort = create(unique("short"), "seven77", "[\"ENGINEER\"]");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("\"message\"").contains("at least 8 characters");
        assertThat(field(tooShort)).isEqualTo("password");

        HttpResponse<String> tooLong = create(unique("long"), "x".repeat(73), "[\"ENGINEER\"]");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("too long").contains("72 bytes");
        assertThat(field(tooLong)).isEqualTo("password");

        HttpResponse<String> noRole = create(unique("norole"), "long-enough", "[]");
        assertThat(noRole.statusCode()).isEqualTo(400);
        assertThat(noRole.body()).contains("at least one role");
        assertThat(field(noRole)).isEqualTo("roles");

        HttpResponse<String> badRole = create(unique("badrole"), "long-enough", "[\"WIZARD\"]");
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(badRole.body()).contains("'WIZARD' is not a role").contains("ENGINEER");
        assertThat(field(badRole)).isEqualTo("roles");

        // the names the history gives steps nobody signed in took: a person called "system" approved as if automatic
        for (String reserved : List.of("system", "System", "tollgate", "camunda", "anonymous", "engine")) {
            HttpResponse<String> taken = create(reserved, "long-enough", "[\"REVIEWER\"]");
            assertThat(taken.statusCode()).as(taken.body()).isEqualTo(400);
            assertThat(taken.body()).contains("steps nobody signed in took");
            assertThat(field(taken)).isEqualTo("username");
        }

        HttpResponse<String> badName = create("-xy", "long-enough", "[\"ENGINEER\"]");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(badName.body()).contains("Username must be");
        assertThat(field(badName)).isEqualTo("username");

        // a form with several problems hears of them all at once; a huge name is refused, not a server error
        HttpResponse<String> several = http.postJson("/api/v1/accounts", "admin", "admin-demo",
                "{\"username\": \"-x y\", \"displayName\": \"" + "d".repeat(100_000) + "\", \"email\": \""
                        + "e".repeat(400) + "@example.org\", \"password\": \"seven77\", \"roles\": []}");
        assertThat(several.statusCode()).as(several.body()).isEqualTo(400);
        com.fasterxml.jackson.databind.JsonNode problems = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(several.body()).path("problems");
        assertThat(problems).hasSize(5);
        assertThat(several.body()).contains("Username must be").contains("at least 8 characters")
                .contains("Display name is longer than 200 characters")
                .contains("E-mail address is longer than 320 characters").contains("at least one role");
        assertThat(field(several)).isEmpty();
        HttpResponse<String> longName = create(unique("longname"), "long-enough", "[\"ENGINEER\"]",
                "n".repeat(201));
        assertThat(longName.statusCode()).as(longName.body()).isEqualTo(400);
        assertThat(field(longName)).isEqualTo("displayName");

        HttpResponse<String> twice = create("engineer", "long-enough", "[\"ENGINEER\"]");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("exists already");
        assertThat(field(twice)).isEqualTo("username");
        for (String sameName : new String[] {"Engineer", "ENGINEER"}) {
            HttpResponse<String> caseOnly = create(sameName, "long-enough", "[\"ADMIN\"]");
            assertThat(caseOnly.statusCode()).as(caseOnly.body()).isEqualTo(400);
            assertThat(caseOnly.body()).contains("'engineer' exists already; names differing only in case are one name");
            assertThat(field(caseOnly)).isEqualTo("username");
        }

        // an admin's reset, and one's own change: the password field at fault is named as the request spells it
        String person = unique("fields");
        assertThat(create(person, "first-pass-1", "[\"ENGINEER\"]").statusCode()).isEqualTo(201);
        HttpResponse<String> shortReset = http.postJson("/api/v1/accounts/" + person + "/password", "admin",
                "admin-demo", "{\"password\": \"short\"}");
        assertThat(shortReset.statusCode()).isEqualTo(400);
        assertThat(field(shortReset)).isEqualTo("password");
        HttpResponse<String> wrongCurrent = http.postJson("/api/v1/me/password", person, "first-pass-1",
                "{\"currentPassword\": \"guess-guess\", \"newPassword\": \"my-own-pass\"}");
        assertThat(wrongCurrent.statusCode()).isEqualTo(400);
        assertThat(field(wrongCurrent)).isEqualTo("currentPassword");
        HttpResponse<String> shortNew = http.postJson("/api/v1/me/password", person, "first-pass-1",
                "{\"currentPassword\": \"first-pass-1\", \"newPassword\": \"short\"}");
        assertThat(shortNew.statusCode()).isEqualTo(400);
        assertThat(shortNew.body()).contains("too short");
        assertThat(field(shortNew)).isEqualTo("newPassword");
        HttpResponse<String> sameNew = http.postJson("/api/v1/me/password", person, "first-pass-1",
                "{\"currentPassword\": \"first-pass-1\", \"newPassword\": \"first-pass-1\"}");
        assertThat(sameNew.statusCode()).isEqualTo(400);
        assertThat(field(sameNew)).isEqualTo("newPassword");

        HttpResponse<String> nobody = http.postJson("/api/v1/accounts/nobody-here/disable", "admin", "admin-demo",
                "{}");
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(nobody.body()).contains("No account named 'nobody-here'");

        HttpResponse<String> empty = http.send("POST", "/api/v1/accounts", "admin", "admin-demo", null,
                "X-Tollgate-Client", "test");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("\"message\"");
    }

    /** The {@code field} of an error answer; "" when it is null. */
    private static String field(HttpResponse<String> response) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("field").asText("");
    }

    @Test
    void someoneWhoIsNotAnAdminCannotTouchAccounts() throws Exception {
        String victim = unique("victim");
        accounts.createLocal(victim, "victim-pass", "Victim", null, EnumSet.of(Role.ENGINEER));
        for (Role role : EnumSet.complementOf(EnumSet.of(Role.ADMIN))) {
            String user = role.groupId();
            String password = user + "-demo";
            assertThat(http.get("/api/v1/accounts", user, password).statusCode()).isEqualTo(403);
            HttpResponse<String> create = http.postJson("/api/v1/accounts", user, password,
                    "{\"username\": \"" + unique("sneaky") + "\", \"displayName\": \"S\", \"password\": \"sneaky-pass\","
                            + " \"roles\": [\"ADMIN\"]}");
            assertThat(create.statusCode()).as(role + ": " + create.body()).isEqualTo(403);
            assertThat(create.body()).contains("may not manage accounts");
            HttpResponse<String> promote = http.send("PUT", "/api/v1/accounts/" + user + "/roles", user, password,
                    "{\"roles\": [\"ADMIN\"]}");
            assertThat(promote.statusCode()).as(role + ": " + promote.body()).isEqualTo(403);
            assertThat(http.postJson("/api/v1/accounts/" + victim + "/password", user, password,
                    "{\"password\": \"taken-over\"}").statusCode()).isEqualTo(403);
            assertThat(http.postJson("/api/v1/accounts/" + victim + "/disable", user, password, "{}").statusCode())
                    .isEqualTo(403);
            assertThatThrownBy(() -> administration.setRoles(user, user, EnumSet.of(Role.ADMIN)))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThat(accounts.find(user).orElseThrow().roles()).doesNotContain(Role.ADMIN);
        }
        AccountView after = accounts.find(victim).orElseThrow();
        assertThat(after.enabled()).isTrue();
        assertThat(after.mustChangePassword()).isFalse();
        assertThat(http.get("/api/v1/tickets?limit=1", victim, "victim-pass").statusCode()).isEqualTo(200);
    }

    @Test
    void theLastAdminCannotBeDisabledOrLoseTheRole() throws Exception {
        String last = unique("lastadmin");
        accounts.createLocal(last, "last-admin-pass", "Last admin", null, EnumSet.of(Role.ADMIN));
        List<String> others = new ArrayList<>(accounts.enabledWithRole(Role.ADMIN).stream()
                .map(AccountView::username).filter(u -> !u.equals(last)).toList());
        try {
            // an admin may disable other admins while one remains
            others.forEach(other -> administration.disable(last, other));
            assertThat(accounts.enabledWithRole(Role.ADMIN)).extracting(AccountView::username).containsExactly(last);

            assertThatThrownBy(() -> administration.setRoles(last, last, EnumSet.of(Role.ENGINEER)))
                    .isInstanceOf(LastAdminException.class).hasMessageContaining("last enabled admin");
            HttpResponse<String> overRest = http.send("PUT", "/api/v1/accounts/" + last + "/roles", last,
                    "last-admin-pass", "{\"roles\": [\"AUDITOR\"]}");
            assertThat(overRest.statusCode()).as(overRest.body()).isEqualTo(409);
            assertThat(overRest.body()).contains("last enabled admin");
            assertThatThrownBy(() -> administration.disable(last, last)).hasMessageContaining("your own account");
            // nothing was changed by the refusals
            assertThat(accounts.find(last).orElseThrow().roles()).containsExactly(Role.ADMIN);
            assertThat(accounts.find(last).orElseThrow().enabled()).isTrue();
        } finally {
            others.forEach(other -> administration.enable(last, other));
        }
        // with another admin back, the role may go
        assertThat(administration.setRoles(last, last, EnumSet.of(Role.AUDITOR)).roles())
                .containsExactly(Role.AUDITOR);
    }
}
