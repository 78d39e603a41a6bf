package io.tollgate.integrations.ldap;

import java.util.Set;

/**
 * A person as the directory knows them.
 *
 * @param username the login name (the user-id attribute, e.g. {@code uid})
 * @param dn the entry's full distinguished name
 * @param displayName the display name attribute, or the username when the entry has none
 * @param email the mail attribute, or null
 * @param language the preferred-language attribute as the directory holds it, or null
 * @param groupDns the full DNs of the groups the user is a member of
 */
public record DirectoryUser(String username, String dn, String displayName, String email, String language,
                            Set<String> groupDns) {

    public DirectoryUser {
        groupDns = Set.copyOf(groupDns);
    }
}
