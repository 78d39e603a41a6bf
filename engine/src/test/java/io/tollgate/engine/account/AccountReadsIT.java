package io.tollgate.engine.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import io.tollgate.engine.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * One reading of an account per HTTP request, inside the request's transactions too, never hiding a change: a
 * transaction reads its own change, the request's next transaction reads a committed one, and without a request (a job
 * executor thread) every transaction reads the database. "Another node" is a change written behind JPA's back.
 */
@DataJpaTest(showSql = false, properties = {
        "spring.jpa.hibernate.ddl-auto=validate",
        "spring.jpa.properties.hibernate.jdbc.time_zone=UTC"})
@Transactional(propagation = Propagation.NOT_SUPPORTED) // each step commits like a real caller's transaction
class AccountReadsIT {

    @Autowired Accounts accounts;
    @Autowired JdbcTemplate jdbc;
    @Autowired PlatformTransactionManager transactionManager;

    TransactionTemplate inTransaction;

    @BeforeEach
    void jane() {
        jdbc.update("DELETE FROM account_role");
        jdbc.update("DELETE FROM account");
        accounts.createLocal("jane", "jane-secret-1", "Jane", "jane@example.invalid", Set.of(Role.REVIEWER));
        inTransaction = new TransactionTemplate(transactionManager);
    }

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aRequestsTransactionAnswersFromTheRequestsReadingWithoutReadingAgain() {
        inRequest();
        assertThat(accounts.find("jane")).map(AccountView::displayName).contains("Jane"); // sign-in reads it
        renamedByAnotherNode("Jane Doe");

        assertThat(findInTransaction()).map(AccountView::displayName).contains("Jane");

        inRequest(); // the next request reads it anew
        assertThat(findInTransaction()).map(AccountView::displayName)
                .contains("Jane Doe");
    }

    @Test
    void aTransactionThatChangesTheAccountReadsItsOwnChange() {
        inRequest();
        assertThat(accounts.find("jane")).map(AccountView::roles).contains(Set.of(Role.REVIEWER));

        AccountView seen = inTransaction.execute(tx -> {
            accounts.setLocalRoles("jane", Set.of(Role.ENGINEER));
            return accounts.find("jane").orElseThrow();
        });

        assertThat(seen.roles()).containsExactly(Role.ENGINEER);
        assertThat(accounts.find("jane")).map(AccountView::roles).contains(Set.of(Role.ENGINEER));
        assertThat(findInTransaction()).map(AccountView::roles)
                .contains(Set.of(Role.ENGINEER));
    }

    @Test
    void aChangeNotYetWrittenIsSeenByItsTransaction() {
        inRequest();
        assertThat(accounts.find("jane")).map(AccountView::mustChangePassword).contains(false);

        AccountView seen = inTransaction.execute(tx -> {
            accounts.resetPassword("jane", "reset-by-admin-1"); // changes the entity; nothing flushes it yet
            return accounts.find("jane").orElseThrow();
        });

        assertThat(seen.mustChangePassword()).isTrue();
        assertThat(accounts.find("jane")).map(AccountView::mustChangePassword).contains(true);
    }

    @Test
    void aDisabledAccountIsSeenDisabledByTheRequestThatDisabledIt() {
        inRequest();
        assertThat(accounts.find("jane")).map(AccountView::enabled).contains(true);

        accounts.setDisabledByAdmin("jane", true);

        assertThat(accounts.find("jane")).map(AccountView::enabled).contains(false);
        assertThat(findInTransaction()).map(AccountView::enabled).contains(false);
    }

    @Test
    void withoutARequestEveryTransactionReadsTheDatabase() {
        assertThat(findInTransaction()).map(AccountView::displayName).contains("Jane");
        renamedByAnotherNode("Jane Doe");

        assertThat(findInTransaction()).map(AccountView::displayName)
                .contains("Jane Doe");
    }

    private java.util.Optional<AccountView> findInTransaction() {
        return inTransaction.execute(tx -> accounts.find("jane"));
    }

    private void renamedByAnotherNode(String displayName) {
        assertThat(jdbc.update("UPDATE account SET display_name = ? WHERE username = 'jane'", displayName))
                .isEqualTo(1);
    }

    private static void inRequest() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    }

    @SpringBootConfiguration
    @AutoConfigurationPackage(basePackages = "io.tollgate.engine")
    @ComponentScan(basePackages = "io.tollgate.engine.account",
            excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*IT(\\$.*)?"))
    static class AccountsOnly {

        @Bean
        TestClock clock() {
            return new TestClock(Instant.parse("2026-12-04T10:00:00Z"));
        }
    }
}
