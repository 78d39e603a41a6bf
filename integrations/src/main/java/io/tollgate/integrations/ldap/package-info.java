/**
 * The LDAP directory (Spring LDAP): {@link io.tollgate.integrations.ldap.LdapDirectory} binds as a user to check a
 * password, reads a user's display name, mail and group DNs, and lists all users for the scheduled sync. It throws
 * {@link io.tollgate.integrations.ldap.DirectoryUnavailableException} when the directory cannot be reached, so that
 * callers can tell an outage from a wrong password. The bean exists only when {@code tollgate.ldap.url} is set.
 */
package io.tollgate.integrations.ldap;
