package io.tollgate.integrations.ldap;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

import org.springframework.ldap.AuthenticationException;
import org.springframework.ldap.NamingException;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.AbstractContextMapper;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.ldap.query.LdapQueryBuilder;

/** Reads people and their groups from the directory, and checks passwords by binding as the user. */
public class LdapDirectory {

    private final LdapContextSource contextSource;
    private final LdapTemplate ldap;
    private final LdapProperties properties;
    private final Map<LdapName, String> groupRoles;

    LdapDirectory(LdapContextSource contextSource, LdapProperties properties) {
        this.contextSource = contextSource;
        this.ldap = new LdapTemplate(contextSource);
        this.ldap.setIgnorePartialResultException(true);
        this.properties = properties;
        this.groupRoles = groupRoles(properties);
    }

    /**
     * Checks a password by binding as the user.
     *
     * @return the user as the directory knows them, or empty when the directory has no such user or the password is
     *         wrong (told apart by {@code known})
     * @throws DirectoryUnavailableException when the directory cannot be reached
     */
    public SignInResult signIn(String username, String password) {
        Optional<DirectoryUser> user = find(username);
        if (user.isEmpty()) {
            return new SignInResult(false, Optional.empty());
        }
        if (password == null || password.isEmpty()) {
            // an empty password would be an anonymous bind, which most directories allow
            return new SignInResult(true, Optional.empty());
        }
        try {
            contextSource.getContext(user.get().dn(), password).close();
            return new SignInResult(true, user);
        } catch (AuthenticationException e) {
            return new SignInResult(true, Optional.empty());
        } catch (javax.naming.NamingException e) {
            return new SignInResult(true, user); // closing failed after a successful bind
        } catch (NamingException e) {
            throw unavailable(e);
        }
    }

    /**
     * The outcome of a sign-in.
     *
     * @param known the directory has this username
     * @param user present when the password was right
     */
    public record SignInResult(boolean known, Optional<DirectoryUser> user) {
    }

    /** One user by username, with their groups. */
    public Optional<DirectoryUser> find(String username) {
        try {
            List<DirectoryUser> found = ldap.search(LdapQueryBuilder.query().base(properties.userSearchBase())
                    .filter(properties.userFilter(), username), new UserMapper());
            return found.stream().findFirst().map(this::withGroups);
        } catch (NamingException e) {
            throw unavailable(e);
        }
    }

    /** Every user below the user search base, with their groups. */
    public List<DirectoryUser> users() {
        try {
            return ldap.search(LdapQueryBuilder.query().base(properties.userSearchBase())
                            .filter(properties.userListFilter()), new UserMapper())
                    .stream().map(this::withGroups).toList();
        } catch (NamingException e) {
            throw unavailable(e);
        }
    }

    /** The role names configured for these group DNs (DNs compared as DNs: case and spacing do not matter). */
    public Set<String> rolesOf(DirectoryUser user) {
        Set<String> roles = new HashSet<>();
        for (String dn : user.groupDns()) {
            String role = groupRoles.get(name(dn));
            if (role != null) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** The role names the configuration maps groups to, for checking them at start. */
    public Set<String> configuredRoles() {
        return Set.copyOf(groupRoles.values());
    }

    private DirectoryUser withGroups(DirectoryUser user) {
        List<String> groups = ldap.search(LdapQueryBuilder.query().base(properties.groupSearchBase())
                .filter(properties.groupFilter(), user.dn()), new AbstractContextMapper<String>() {
                    @Override
                    protected String doMapFromContext(DirContextOperations ctx) {
                        return ctx.getNameInNamespace();
                    }
                });
        return new DirectoryUser(user.username(), user.dn(), user.displayName(), user.email(), user.language(),
                new HashSet<>(groups));
    }

    private final class UserMapper extends AbstractContextMapper<DirectoryUser> {
        @Override
        protected DirectoryUser doMapFromContext(DirContextOperations ctx) {
            String username = ctx.getStringAttribute(properties.usernameAttribute());
            String displayName = ctx.getStringAttribute(properties.displayNameAttribute());
            return new DirectoryUser(username, ctx.getNameInNamespace(),
                    displayName == null || displayName.isBlank() ? username : displayName,
                    ctx.getStringAttribute(properties.mailAttribute()),
                    ctx.getStringAttribute(properties.languageAttribute()), Set.of());
        }
    }

    private DirectoryUnavailableException unavailable(NamingException e) {
        return new DirectoryUnavailableException("The directory at " + properties.url() + " cannot be reached: "
                + e.getMostSpecificCause().getMessage(), e);
    }

    static Map<LdapName, String> groupRoles(LdapProperties properties) {
        Map<LdapName, String> roles = new LinkedHashMap<>();
        properties.groupRoles().forEach((dn, role) -> roles.put(name(dn), role.strip().toUpperCase(Locale.ROOT)));
        if (properties.groupRoleList() != null) {
            for (String entry : properties.groupRoleList().split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                int split = entry.lastIndexOf('=');
                if (split <= 0) {
                    throw new IllegalArgumentException("tollgate.ldap.group-role-list entry '" + entry
                            + "' is not <group DN>=<ROLE>");
                }
                roles.put(name(entry.substring(0, split).strip()),
                        entry.substring(split + 1).strip().toUpperCase(Locale.ROOT));
            }
        }
        return roles;
    }

    private static LdapName name(String dn) {
        try {
            return new LdapName(dn);
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("'" + dn + "' is not a valid DN", e);
        }
    }
}
