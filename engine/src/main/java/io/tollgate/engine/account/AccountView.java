package io.tollgate.engine.account;

import java.util.List;
import java.util.Set;

/**
 * What the rest of Tollgate may know about an account: never its password hash. {@code failedSignIns} counts failed
 * sign-ins since the last success or unlock (they slow down their address, they lock nothing).
 *
 * @param roles              every role the person holds, whoever granted it
 * @param localRoles         the roles an admin granted in Tollgate (the ones an admin may change)
 * @param directoryRoles     the roles mapped from the person's directory groups (LDAP accounts; read-only here)
 * @param directoryGroups    the directory groups as of the last sync (LDAP accounts; read-only here)
 * @param mustChangePassword an admin set the password: the person must choose their own before doing anything else
 * @param disabledByAdmin    an admin disabled the account (as opposed to the directory)
 */
public record AccountView(String username, String displayName, String email, String language, AccountSource source,
                          boolean enabled, boolean locked, Set<Role> roles, int failedSignIns, Set<Role> localRoles,
                          Set<Role> directoryRoles, List<String> directoryGroups, boolean mustChangePassword,
                          boolean disabledByAdmin) {

    public AccountView {
        roles = Set.copyOf(roles);
        localRoles = Set.copyOf(localRoles);
        directoryRoles = Set.copyOf(directoryRoles);
        directoryGroups = List.copyOf(directoryGroups);
    }
}
