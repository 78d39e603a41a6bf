package io.tollgate.engine.account;

import java.util.Set;

/**
 * What the rest of Tollgate may know about an account: never its password hash. {@code failedSignIns} counts failed
 * sign-ins since the last success or unlock (they slow down their address, they lock nothing).
 */
public record AccountView(String username, String displayName, String email, String language, AccountSource source,
                          boolean enabled, boolean locked, Set<Role> roles, int failedSignIns) {
}
