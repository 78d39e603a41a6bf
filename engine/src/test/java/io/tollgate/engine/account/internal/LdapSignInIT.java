package io.tollgate.engine.account.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.stream.Collectors;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.tollgate.engine.account.AccountSource;
import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.DirectoryUnreachableException;
import io.tollgate.engine.account.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * LDAP sign-in against a real in-process directory (UnboundID, seeded from {@code ldap/directory.ldif}), through the
 * same providers, in the same order, as the application's filter chains use.
 */
@DataJpaTest(showSql = false, properties = {
        "spring.jpa.hibernate.ddl-auto=validate",
        "tollgate.ldap.base=dc=example,dc=org",
        "tollgate.ldap.manager-dn=cn=Directory Manager",
        "tollgate.ldap.manager-password=manager-secret",
        "tollgate.ldap.sync-interval=0",
        "tollgate.ldap.connect-timeout=2s"})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class LdapSignInIT {

    /** A fixed port, so the directory comes back where the application expects it after a test stopped it. */
    private static final int PORT = freePort();
    private static final InMemoryDirectoryServer DIRECTORY = startDirectory();

    @SpringBootConfiguration
    @AutoConfigurationPackage(basePackages = "io.tollgate.engine")
    @ComponentScan(basePackages = {"io.tollgate.engine.account", "io.tollgate.integrations.ldap"},
            excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*IT(\\$.*)?"))
    static class LdapTestApplication {
        @org.springframework.context.annotation.Bean
        java.time.Clock clock() {
            return java.time.Clock.systemUTC();
        }
    }

    @DynamicPropertySource
    static void directory(DynamicPropertyRegistry registry) {
        registry.add("tollgate.ldap.url", () -> "ldap://127.0.0.1:" + PORT);
        // one mapping in YAML's map form, one in the environment variable's list form
        registry.add("tollgate.ldap.group-roles[cn=dba,ou=groups,dc=example,dc=org]", () -> "DBA");
        registry.add("tollgate.ldap.group-role-list", () -> "CN=sre, OU=groups, DC=example, DC=org=sre");
    }

    @Autowired SignInProviders signInProviders;
    @Autowired DirectorySync sync;
    @Autowired Accounts accounts;
    @Autowired JdbcTemplate jdbc;
    @Autowired SignInThrottle throttle;

    ProviderManager signIn;

    private static InMemoryDirectoryServer startDirectory() {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
            config.addAdditionalBindCredentials("cn=Directory Manager", "manager-secret");
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", PORT));
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            server.startListening();
            return server;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopDirectory() {
        DIRECTORY.shutDown(true);
    }

    @BeforeEach
    void freshDirectoryAndAccounts() throws Exception {
        if (DIRECTORY.getListenPort() < 0) {
            DIRECTORY.startListening();
        }
        DIRECTORY.importFromLDIF(true, getClass().getResource("/ldap/directory.ldif").getPath());
        jdbc.update("DELETE FROM sign_in_failure");
        jdbc.update("DELETE FROM account_role");
        jdbc.update("DELETE FROM account");
        signIn = new ProviderManager(signInProviders.providers());
    }

    private Authentication signIn(String username, String password) {
        return signIn.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
    }

    private static java.util.Set<String> authorities(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    }

    @Test
    void signsInByBindingAsTheUserAndTakesNameMailAndMappedRolesFromTheDirectory() {
        Authentication alice = signIn("alice", "alice-secret");

        assertThat(alice.getName()).isEqualTo("alice");
        assertThat(authorities(alice)).containsExactlyInAnyOrder("ROLE_DBA", "ROLE_SRE");
        AccountView account = accounts.find("alice").orElseThrow();
        assertThat(account.displayName()).isEqualTo("Alice Liddell");
        assertThat(account.email()).isEqualTo("alice@example.org");
        assertThat(account.source()).isEqualTo(AccountSource.LDAP);
        assertThat(account.roles()).containsExactlyInAnyOrder(Role.DBA, Role.SRE);
        assertThat(account.language()).as("no preferredLanguage in the directory").isEqualTo("en");
    }

    @Test
    void thePreferredLanguageComesFromTheDirectory() {
        signIn("bob", "bob-secret");
        assertThat(accounts.find("bob").orElseThrow().language()).isEqualTo("zh-CN");
    }

    @Test
    void aWrongPasswordOrAnEmptyOneIsRefused() {
        assertThatThrownBy(() -> signIn("alice", "wrong")).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> signIn("alice", "")).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> signIn("nobody", "alice-secret")).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void unmappedGroupsGiveNoRole() {
        assertThat(authorities(signIn("carol", "carol-secret"))).isEmpty();
        assertThat(accounts.find("carol").orElseThrow().email()).isNull();
    }

    @Test
    void syncFollowsTheDirectoryAndNeverWipesLocallyGrantedRoles() throws Exception {
        signIn("alice", "alice-secret");
        jdbc.update("INSERT INTO account_role (username, role, grant_source) VALUES ('alice', 'AUDITOR', 'LOCAL')");
        DIRECTORY.modify("cn=dba,ou=groups,dc=example,dc=org",
                new Modification(ModificationType.DELETE, "member", "uid=alice,ou=people,dc=example,dc=org"));
        DIRECTORY.modify("uid=alice,ou=people,dc=example,dc=org",
                new Modification(ModificationType.REPLACE, "cn", "Alice Pleasance Liddell"));

        assertThat(sync.syncAll()).isZero();

        AccountView alice = accounts.find("alice").orElseThrow();
        assertThat(alice.roles()).containsExactlyInAnyOrder(Role.SRE, Role.AUDITOR);
        assertThat(alice.displayName()).isEqualTo("Alice Pleasance Liddell");
        assertThat(jdbc.queryForList("SELECT role FROM account_role WHERE username = 'alice' AND grant_source = 'LOCAL'",
                String.class)).containsExactly("AUDITOR");
        assertThat(authorities(signIn("alice", "alice-secret"))).containsExactlyInAnyOrder("ROLE_SRE", "ROLE_AUDITOR");
    }

    @Test
    void someoneRemovedFromTheDirectoryIsDisabledAndLosesTheDirectoryRoles() throws Exception {
        signIn("bob", "bob-secret");
        jdbc.update("INSERT INTO account_role (username, role, grant_source) VALUES ('bob', 'ENGINEER', 'LOCAL')");
        DIRECTORY.delete("uid=bob,ou=people,dc=example,dc=org");

        assertThat(sync.syncAll()).isEqualTo(1);

        AccountView bob = accounts.find("bob").orElseThrow();
        assertThat(bob.enabled()).isFalse();
        assertThat(bob.roles()).containsExactly(Role.ENGINEER);
        assertThatThrownBy(() -> signIn("bob", "bob-secret")).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void whenTheDirectoryIsDownLdapUsersHearSoAndLocalAccountsStillSignIn() {
        accounts.createLocal("breakglass", "local-admin-pw", "Break glass", null, EnumSet.of(Role.ADMIN));
        signIn("alice", "alice-secret");
        DIRECTORY.shutDown(true);

        assertThatThrownBy(() -> signIn("alice", "alice-secret")).isInstanceOf(DirectoryUnreachableException.class);
        assertThat(authorities(signIn("breakglass", "local-admin-pw"))).containsExactly("ROLE_ADMIN");
        assertThatThrownBy(() -> signIn("breakglass", "wrong")).isInstanceOf(BadCredentialsException.class);
        sync.syncAllOnSchedule();
        assertThat(accounts.find("alice").orElseThrow().enabled()).as("an outage disables nobody").isTrue();
    }

    /** The directory's "system" would approve as if Tollgate's own step: refused, and no account is made for it. */
    @Test
    void aDirectoryPersonNamedLikeTollgatesOwnStepsDoesNotSignIn() throws Exception {
        DIRECTORY.add("dn: uid=System,ou=people,dc=example,dc=org", "objectClass: top", "objectClass: person",
                "objectClass: organizationalPerson", "objectClass: inetOrgPerson", "uid: System", "cn: Sys Tem",
                "sn: Tem", "userPassword: system-secret");

        assertThatThrownBy(() -> signIn("System", "system-secret")).isInstanceOf(BadCredentialsException.class);
        assertThat(accounts.find("System")).isEmpty();
        assertThat(accounts.find("system")).isEmpty();
    }

    @Test
    void aLocalAccountKeepsItsNameEvenIfTheDirectoryHasItToo() {
        accounts.createLocal("alice", "local-password", "Local Alice", null, EnumSet.of(Role.ENGINEER));
        assertThatThrownBy(() -> signIn("alice", "alice-secret")).isInstanceOf(BadCredentialsException.class);
        assertThat(authorities(signIn("alice", "local-password"))).containsExactly("ROLE_ENGINEER");
        assertThat(accounts.find("alice").orElseThrow().source()).isEqualTo(AccountSource.LOCAL);
    }

    @Test
    void theDirectorysPersonOfALocalAccountsNameCannotSignInAsItByChangingTheCase() {
        accounts.createLocal("alice", "local-password", "Local Alice", null, EnumSet.of(Role.ADMIN));

        for (String name : new String[] {"ALICE", "Alice", "alicE"}) {
            assertThatThrownBy(() -> signIn(name, "alice-secret")).as(name)
                    .isInstanceOf(BadCredentialsException.class);
        }
        AccountView alice = accounts.find("alice").orElseThrow();
        assertThat(alice.source()).isEqualTo(AccountSource.LOCAL);
        assertThat(alice.roles()).containsExactly(Role.ADMIN);
        assertThat(alice.displayName()).isEqualTo("Local Alice");
    }

    @Test
    void aDirectoryUserSignsInUnderTheDirectorysNameWhateverTheCaseTyped() {
        Authentication alice = signIn("ALICE", "alice-secret");

        assertThat(alice.getName()).isEqualTo("alice");
        assertThat(accounts.find("alice")).isPresent();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM account", Integer.class)).isEqualTo(1);
    }

    @Test
    void aGuesserWhoVariesTheCaseOfANameIsHeldBackAsOneWhoDoesNot() {
        String[] variants = {"alice", "Alice", "ALICE", "aLice", "alIce", "aliCe"};
        for (String name : java.util.Arrays.copyOf(variants, 5)) { // five free failures (the default)
            assertThatThrownBy(() -> signIn(name, "guess")).as(name).isInstanceOf(BadCredentialsException.class);
            throttle.failed(name, "unknown"); // what LoginThrottle does on the failure event
        }

        for (String name : variants) {
            assertThatThrownBy(() -> signIn(name, "alice-secret")).as(name)
                    .isInstanceOf(org.springframework.security.authentication.LockedException.class)
                    .hasMessageContaining("Too many failed sign-ins");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sign_in_failure", Integer.class)).isEqualTo(1);
        throttle.clear("ALICE");
        assertThat(signIn("alice", "alice-secret").getName()).isEqualTo("alice");
    }
}
