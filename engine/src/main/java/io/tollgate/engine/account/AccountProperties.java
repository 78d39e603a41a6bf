package io.tollgate.engine.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in rules for accounts.
 *
 * @param maxFailedLogins failed sign-ins in a row after which an account is locked
 * @param lockDuration how long a locked account stays locked
 * @param bootstrapAdminPassword when set and no enabled admin exists, an {@code admin} account is created with it
 *                               (the only way to get a first admin outside the embedded profile)
 */
@ConfigurationProperties("tollgate.accounts")
public record AccountProperties(
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration lockDuration,
        String bootstrapAdminPassword) {

    public AccountProperties {
        if (maxFailedLogins < 1) {
            throw new IllegalArgumentException("tollgate.accounts.max-failed-logins must be at least 1");
        }
    }
}
