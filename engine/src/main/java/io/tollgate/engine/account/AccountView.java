package io.tollgate.engine.account;

import java.util.Set;

/** What the rest of Tollgate may know about an account: never its password hash. */
public record AccountView(String username, String displayName, String email, String language, AccountSource source,
                          boolean enabled, boolean locked, Set<Role> roles) {
}
