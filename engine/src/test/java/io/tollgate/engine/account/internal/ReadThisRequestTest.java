package io.tollgate.engine.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Consumer;

import io.tollgate.engine.account.AccountSource;
import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** A request holds one reading of an account until the account changes; outside a request nothing is kept. */
class ReadThisRequestTest {

    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aRequestReadsAnAccountOnceAndAnotherRequestReadsItAnew() {
        inRequest();
        Account jane = jane();
        ReadThisRequest.remember(jane.view(NOW));
        assertThat(ReadThisRequest.account("jane")).map(AccountView::roles).contains(java.util.Set.of(Role.REVIEWER));
        assertThat(ReadThisRequest.account("john")).isEmpty();

        inRequest();
        assertThat(ReadThisRequest.account("jane")).isEmpty();
    }

    @Test
    void everyChangeToTheAccountForgetsWhatTheRequestRead() {
        java.util.List<Consumer<Account>> changes = java.util.List.of(
                a -> a.grant(Role.ADMIN, AccountSource.LOCAL),
                a -> a.revoke(Role.REVIEWER, AccountSource.LOCAL),
                a -> a.disableByAdmin(true, NOW),
                a -> a.enable(false),
                a -> a.resetPasswordHash("{noop}x", NOW),
                a -> a.choosePasswordHash("{noop}y"),
                a -> a.changePasswordHash("{noop}z"),
                a -> a.endSessionsBefore(NOW),
                a -> a.recordFailedLogin(),
                a -> a.recordSuccessfulLogin(),
                a -> a.changeLanguage("zh"),
                Account::removedFromDirectory,
                Account::forgetReads);
        for (Consumer<Account> change : changes) {
            inRequest();
            Account jane = jane();
            ReadThisRequest.remember(jane.view(NOW));
            change.accept(jane);
            assertThat(ReadThisRequest.account("jane")).as("after %s", change).isEmpty();
        }
    }

    @Test
    void outsideARequestNothingIsKept() {
        ReadThisRequest.remember(jane().view(NOW));
        assertThat(ReadThisRequest.account("jane")).isEmpty();
    }

    private static void inRequest() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    }

    private static Account jane() {
        Account jane = new Account("jane", "{noop}secret", "Jane", "jane@example.invalid", AccountSource.LOCAL, NOW);
        jane.grant(Role.REVIEWER, AccountSource.LOCAL);
        return jane;
    }
}
