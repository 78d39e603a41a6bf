package io.tollgate.engine.account;

/** Where an account or a role grant comes from. */
public enum AccountSource {
    /** Created in Tollgate, password kept by Tollgate (BCrypt). */
    LOCAL,
    /** Synced from the LDAP directory; the directory checks the password. */
    LDAP
}
