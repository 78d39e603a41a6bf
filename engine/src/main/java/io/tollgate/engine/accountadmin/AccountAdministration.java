package io.tollgate.engine.accountadmin;

import java.util.List;
import java.util.Map;

import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import org.springframework.stereotype.Component;

/**
 * What an admin does to other people's accounts, each act checked against the permission matrix (manage accounts)
 * for the person acting, whatever screen or API calls it.
 */
@Component
public class AccountAdministration {

    private final Accounts accounts;
    private final Permissions permissions;
    private final AuditTrail trail;

    AccountAdministration(Accounts accounts, Permissions permissions, AuditTrail trail) {
        this.trail = trail;
        this.accounts = accounts;
        this.permissions = permissions;
    }

    /** Every account with its roles and state. */
    public List<AccountView> list(String admin) {
        permissions.require(admin, Permission.MANAGE_ACCOUNTS);
        return accounts.list();
    }

    /** Clears an account's failed sign-ins and slow-downs: everyone may try its password again at once. */
    @org.springframework.transaction.annotation.Transactional
    public void unlock(String admin, String username) {
        permissions.require(admin, Permission.MANAGE_ACCOUNTS);
        accounts.unlock(username);
        trail.record(new AuditEvent("account.unlocked", admin, "account", username,
                admin + " unlocked " + username + "'s sign-in", Map.of()));
    }
}
