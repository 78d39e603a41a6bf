package io.tollgate.engine.account.internal;

import java.util.EnumSet;

import io.tollgate.engine.account.AccountProperties;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Outside the embedded profile there are no default passwords: the first admin comes from
 * {@code TOLLGATE_ADMIN_PASSWORD}, and only while no enabled admin exists.
 */
@Component
@Order(20)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    static final String ADMIN_USERNAME = "admin";

    private final Accounts accounts;
    private final AccountProperties properties;

    AdminBootstrap(Accounts accounts, AccountProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.enabledAccountWithRoleExists(Role.ADMIN)) {
            return;
        }
        String password = properties.bootstrapAdminPassword();
        if (password == null || password.isBlank()) {
            log.warn("No enabled admin account exists. Set TOLLGATE_ADMIN_PASSWORD and restart to create '{}'.",
                    ADMIN_USERNAME);
            return;
        }
        if (accounts.find(ADMIN_USERNAME).isPresent()) {
            log.warn("Account '{}' exists but is not an enabled admin; not touching it.", ADMIN_USERNAME);
            return;
        }
        accounts.createLocal(ADMIN_USERNAME, password, "Administrator", null, EnumSet.of(Role.ADMIN));
        log.info("Created the first admin account '{}' from TOLLGATE_ADMIN_PASSWORD.", ADMIN_USERNAME);
    }
}
