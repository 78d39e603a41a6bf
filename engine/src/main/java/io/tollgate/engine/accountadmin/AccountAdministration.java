package io.tollgate.engine.accountadmin;

import java.util.List;

import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
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

    AccountAdministration(Accounts accounts, Permissions permissions) {
        this.accounts = accounts;
        this.permissions = permissions;
    }

    /** Every account with its roles and state. */
    public List<AccountView> list(String admin) {
        permissions.require(admin, Permission.MANAGE_ACCOUNTS);
        return accounts.list();
    }

    /** Clears an account's failed sign-ins and slow-downs: everyone may try its password again at once. */
    public void unlock(String admin, String username) {
        permissions.require(admin, Permission.MANAGE_ACCOUNTS);
        accounts.unlock(username);
    }
}
