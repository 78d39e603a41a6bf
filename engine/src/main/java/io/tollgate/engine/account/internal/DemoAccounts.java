package io.tollgate.engine.account.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import javax.sql.DataSource;

import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One demo account per role, for the embedded default only: created if missing and printed once at start-up.
 * Refuses to create them on anything but the embedded H2 database, so a production database never gets a
 * known password even if the profile is left on by mistake.
 */
@Component
@Profile("embedded")
@Order(10)
class DemoAccounts implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private final Accounts accounts;
    private final DataSource dataSource;

    DemoAccounts(Accounts accounts, DataSource dataSource) {
        this.accounts = accounts;
        this.dataSource = dataSource;
    }

    /** The demo password of a role's account: {@code <group>-demo}, e.g. {@code engineer-demo}. */
    static String demoPassword(Role role) {
        return role.groupId() + "-demo";
    }

    @Override
    public void run(ApplicationArguments args) throws SQLException {
        if (!onEmbeddedDatabase()) {
            log.warn("Profile 'embedded' is active on a non-H2 database: demo accounts are NOT created. "
                    + "Set TOLLGATE_ADMIN_PASSWORD to create the first admin.");
            return;
        }
        StringBuilder table = new StringBuilder("\n\n  Tollgate demo accounts (embedded profile only)\n  ")
                .append(String.format("%-15s %-20s%n", "username", "password"));
        for (Role role : Role.values()) {
            String username = role.groupId();
            if (accounts.find(username).isEmpty()) {
                accounts.createLocal(username, demoPassword(role), "Demo " + username, username + "@tollgate.local",
                        EnumSet.of(role));
            }
            table.append(String.format("  %-15s %-20s%n", username, demoPassword(role)));
        }
        log.info(table.toString());
    }

    private boolean onEmbeddedDatabase() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getURL().startsWith("jdbc:h2:");
        }
    }
}
