package io.tollgate.integrations.ldap;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The LDAP directory. LDAP is off while {@code url} is blank.
 *
 * @param url e.g. {@code ldap://ldap.example.org:389}; blank turns LDAP off
 * @param base the base DN every other DN here is relative to, e.g. {@code dc=example,dc=org}
 * @param managerDn full DN of the account Tollgate searches with; blank searches anonymously
 * @param managerPassword its password
 * @param userSearchBase where users are, relative to {@code base}
 * @param userFilter how to find one user; {@code {0}} is the username
 * @param userListFilter all users, for the scheduled sync
 * @param usernameAttribute the login-name attribute
 * @param displayNameAttribute the display-name attribute
 * @param mailAttribute the e-mail attribute
 * @param languageAttribute the attribute with the person's language (mails are written in it)
 * @param groupSearchBase where groups are, relative to {@code base}
 * @param groupFilter the groups of one user; {@code {0}} is the user's full DN
 * @param groupRoles full group DN → Tollgate role name ({@code DBA}); in YAML write the DN in brackets so it is kept
 *                   as is: {@code "[cn=dba,ou=groups,dc=example,dc=org]": DBA}
 * @param groupRoleList the same as one string, for an environment variable:
 *                      {@code cn=dba,ou=groups,dc=example,dc=org=DBA;cn=sre,ou=groups,dc=example,dc=org=SRE}
 *                      (the role follows the last '=' of each entry)
 * @param syncInterval how often all directory users are synced (0 turns the schedule off; sign-in still syncs)
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 */
@ConfigurationProperties("tollgate.ldap")
public record LdapProperties(
        String url,
        @DefaultValue("") String base,
        String managerDn,
        String managerPassword,
        @DefaultValue("ou=people") String userSearchBase,
        @DefaultValue("(uid={0})") String userFilter,
        @DefaultValue("(objectClass=inetOrgPerson)") String userListFilter,
        @DefaultValue("uid") String usernameAttribute,
        @DefaultValue("cn") String displayNameAttribute,
        @DefaultValue("mail") String mailAttribute,
        @DefaultValue("preferredLanguage") String languageAttribute,
        @DefaultValue("ou=groups") String groupSearchBase,
        @DefaultValue("(member={0})") String groupFilter,
        Map<String, String> groupRoles,
        String groupRoleList,
        @DefaultValue("15m") Duration syncInterval,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {

    public LdapProperties {
        groupRoles = groupRoles == null ? Map.of() : Map.copyOf(groupRoles);
    }
}
