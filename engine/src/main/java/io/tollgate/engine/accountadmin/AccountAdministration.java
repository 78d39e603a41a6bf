package io.tollgate.engine.accountadmin;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.InvalidAccountException;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.account.UnknownAccountException;
import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an admin does to other people's accounts, each act checked against the permission matrix (manage accounts)
 * for the person acting, whatever screen or API calls it, and written to the audit trail with actor and subject.
 * Nobody can leave Tollgate without an enabled admin: taking the last admin's role, or disabling them, is refused.
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

    /** One account. */
    public AccountView get(String admin, String username) {
        permissions.require(admin, Permission.MANAGE_ACCOUNTS);
        return accounts.find(username).orElseThrow(() -> new UnknownAccountException(username));
    }

    /**
     * Creates a local account with a first password the person must replace at their first sign-in.
     *
     * @throws InvalidAccountException saying what is wrong with the form
     */
    @Transactional
    public AccountView create(String admin, NewAccount form) {
        permissions.require(admin, Permission.MANAGE_ACCOUNTS);
        if (form == null) {
            throw new InvalidAccountException("Nothing to create: username, display name, password and roles are "
                    + "needed");
        }
        AccountView created = accounts.createLocal(form.username(), form.password(), form.displayName(),
                form.email(), form.roles(), true);
        accounts.addCredentialKeeper(created.username(), admin);
        trail.record(new AuditEvent("account.created", admin, "account", created.username(),
                admin + " created the local account " + created.username() + " with the roles "
                        + names(created.roles()), Map.of("roles", names(created.roles()))));
        return created;
    }

    /**
     * Sets the roles granted in Tollgate; for an LDAP account the roles from its directory groups stay as they are.
     * Refused when it would leave no enabled admin, and when admins would give themselves a role that approves,
     * resolves or deploys (another admin does: one person never makes themselves an approver).
     */
    /** Roles that approve or decide on changes, or deploy the models that route them. */
    private static final Set<Role> DECIDING = EnumSet.of(Role.REVIEWER, Role.DBA, Role.SRE, Role.PROCESS_OWNER);

    @Transactional
    public AccountView setRoles(String admin, String username, Set<Role> roles) {
        permissions.require(admin, Permission.MANAGE_ACCOUNTS);
        AccountView before = get(admin, username);
        Set<Role> wanted = roles == null ? EnumSet.noneOf(Role.class) : roles;
        if (before.username().equalsIgnoreCase(admin)) {
            // an admin who makes themselves a DBA or reviewer decides on changes with nobody else's say
            Set<Role> gained = EnumSet.noneOf(Role.class);
            gained.addAll(wanted);
            gained.removeAll(before.roles());
            gained.retainAll(DECIDING);
            if (!gained.isEmpty()) {
                throw new InvalidAccountException("roles", "You cannot give yourself " + names(gained)
                        + ": roles that approve, resolve or deploy are granted by another admin");
            }
        }
        AccountView after = accounts.setLocalRoles(username, wanted);
        if (before.enabled() && before.roles().contains(Role.ADMIN) && !after.roles().contains(Role.ADMIN)) {
            requireAnotherAdmin(username, "take the admin role from " + username);
        }
        trail.record(new AuditEvent("account.roles-changed", admin, "account", username,
                admin + " set " + username + "'s roles from " + names(before.localRoles()) + " to "
                        + names(after.localRoles()),
                Map.of("before", names(before.localRoles()), "after", names(after.localRoles()))));
        return after;
    }

    /** Sets a new password for a local account; the person must choose their own at their next sign-in. */
    @Transactional
    public AccountView resetPassword(String admin, String username, String newPassword) {
        permissions.require(admin, Permission.MANAGE_ACCOUNTS);
        if (username != null && username.equalsIgnoreCase(admin)) {
            // an admin's reset of their own account would make them its keeper, in place of whoever set it up
            throw new InvalidAccountException("You change your own password yourself (POST /api/v1/me/password, or"
                    + " Account > Password); an admin's reset is for other people's accounts");
        }
        AccountView after = accounts.resetPassword(username, newPassword);
        accounts.addCredentialKeeper(username, admin);
        trail.record(new AuditEvent("account.password-reset", admin, "account", username,
                admin + " reset " + username + "'s password; " + username + " must change it at the next sign-in",
                Map.of()));
        return after;
    }

    /**
     * Disables an account: its sign-ins are refused, and its open sessions end on their next request. Refused for
     * the last enabled admin (and for one's own account: an admin does not lock themselves out by a slip).
     */
    @Transactional
    public AccountView disable(String admin, String username) {
        permissions.require(admin, Permission.MANAGE_ACCOUNTS);
        AccountView before = get(admin, username);
        if (username.equals(admin)) {
            throw new InvalidAccountException("You cannot disable your own account; ask another admin");
        }
        AccountView after = accounts.setDisabledByAdmin(username, true);
        if (before.enabled() && before.roles().contains(Role.ADMIN)) {
            requireAnotherAdmin(username, "disable " + username);
        }
        trail.record(new AuditEvent("account.disabled", admin, "account", username,
                admin + " disabled " + username, Map.of()));
        return after;
    }

    /** Lets a disabled account sign in again (an LDAP account still needs the directory to know it). */
    @Transactional
    public AccountView enable(String admin, String username) {
        permissions.require(admin, Permission.MANAGE_ACCOUNTS);
        get(admin, username);
        AccountView after = accounts.setDisabledByAdmin(username, false);
        trail.record(new AuditEvent("account.enabled", admin, "account", username,
                admin + " enabled " + username, Map.of()));
        return after;
    }

    /** Clears an account's failed sign-ins and slow-downs: everyone may try its password again at once. */
    @Transactional
    public void unlock(String admin, String username) {
        permissions.require(admin, Permission.MANAGE_ACCOUNTS);
        accounts.unlock(username);
        trail.record(new AuditEvent("account.unlocked", admin, "account", username,
                admin + " unlocked " + username + "'s sign-in", Map.of()));
    }

    /**
     * After the change (flushed, in this transaction): some other enabled admin must remain. The admins' rows are
     * read with a write lock, so two admins removing each other at once cannot both succeed.
     */
    private void requireAnotherAdmin(String username, String what) {
        Set<String> admins = accounts.lockEnabledWithRole(Role.ADMIN);
        admins.remove(username);
        if (admins.isEmpty()) {
            throw new LastAdminException("You cannot " + what + ": " + username + " is the last enabled admin. "
                    + "Give another account the admin role first.");
        }
    }

    private static String names(Set<Role> roles) {
        return String.join(", ", new TreeSet<>(roles.stream().map(Role::groupId).toList()));
    }

    /** A new local account as an admin fills it in. */
    public record NewAccount(String username, String displayName, String email, String password, Set<Role> roles) {
    }
}
