package io.tollgate.engine.account.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.tollgate.engine.account.AccountSource;
import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Role;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

@Entity
@Table(name = "account")
public class Account {

    @Id
    @Column(name = "username", length = 100)
    private String username;

    @Column(name = "password_hash", length = 100)
    private String passwordHash;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(name = "email", length = 320)
    private String email;

    @Column(name = "language", nullable = false, length = 10)
    private String language;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", nullable = false, length = 10)
    private AccountSource source;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    @Column(name = "credentials_changed_at")
    private Instant credentialsChangedAt;

    @Column(name = "disabled_by_admin", nullable = false)
    private boolean disabledByAdmin;

    @Column(name = "directory_groups", length = 4000)
    private String directoryGroups;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "account_role", joinColumns = @JoinColumn(name = "username"))
    private Set<RoleGrant> grants = new HashSet<>();

    protected Account() {
    }

    public Account(String username, String passwordHash, String displayName, String email, AccountSource source, Instant now) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.email = email;
        this.language = "en";
        this.source = source;
        this.enabled = true;
        this.createdAt = now;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public void changePasswordHash(String passwordHash) {
        forgetReads();
        this.passwordHash = passwordHash;
    }

    public String displayName() {
        return displayName;
    }

    public String email() {
        return email;
    }

    public String language() {
        return language;
    }

    public void changeLanguage(String language) {
        forgetReads();
        this.language = language;
    }

    public AccountSource source() {
        return source;
    }

    /** Whether the person may sign in: neither the directory (LDAP accounts) nor an admin disabled them. */
    public boolean enabled() {
        return enabled && !disabledByAdmin;
    }

    /** Enabled as far as the directory (or account creation) is concerned, whatever an admin decided. */
    public boolean enabledBySource() {
        return enabled;
    }

    public boolean disabledByAdmin() {
        return disabledByAdmin;
    }

    /** An admin disables (or enables again) the account; sessions signed in before a disable end. */
    public void disableByAdmin(boolean disabled, Instant now) {
        forgetReads();
        this.disabledByAdmin = disabled;
        if (disabled) {
            this.credentialsChangedAt = now;
        }
    }

    /** Sessions signed in before now end on their next request (they carry what the account no longer has). */
    public void endSessionsBefore(Instant now) {
        forgetReads();
        this.credentialsChangedAt = now;
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    public Instant credentialsChangedAt() {
        return credentialsChangedAt;
    }

    /** An admin sets a password the person must replace at their next sign-in; older sessions end. */
    public void resetPasswordHash(String passwordHash, Instant now) {
        forgetReads();
        this.passwordHash = passwordHash;
        this.mustChangePassword = true;
        this.credentialsChangedAt = now;
    }

    /** The person chose their own password. */
    public void choosePasswordHash(String passwordHash) {
        forgetReads();
        this.passwordHash = passwordHash;
        this.mustChangePassword = false;
    }

    public java.util.List<String> directoryGroups() {
        return directoryGroups == null || directoryGroups.isBlank() ? java.util.List.of()
                : java.util.List.of(directoryGroups.split("\n"));
    }

    public void enable(boolean enabled) {
        forgetReads();
        this.enabled = enabled;
    }

    public int failedLogins() {
        return failedLogins;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /**
     * Counts a failed sign-in, as a hint that a success has something to clear. It locks nothing: the sign-in throttle
     * slows down the address the failures come from ({@link SignInThrottle}).
     */
    public void recordFailedLogin() {
        forgetReads();
        failedLogins++;
    }

    public void recordSuccessfulLogin() {
        forgetReads();
        failedLogins = 0;
        lockedUntil = null;
    }

    public Set<Role> roles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        grants.forEach(g -> roles.add(g.role));
        return roles;
    }

    public Set<Role> rolesFrom(AccountSource grantSource) {
        return grants.stream().filter(g -> g.grantSource == grantSource).map(g -> g.role)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    public void grant(Role role, AccountSource grantSource) {
        forgetReads();
        grants.add(new RoleGrant(role, grantSource));
    }

    public void revoke(Role role, AccountSource grantSource) {
        forgetReads();
        grants.remove(new RoleGrant(role, grantSource));
    }

    /**
     * Takes what the directory says about an LDAP account: name, mail, and exactly these LDAP-granted roles. Roles
     * granted locally are never touched. A person the directory knows is enabled.
     */
    void syncFromDirectory(String displayName, String email, String language, Set<Role> directoryRoles,
                           Set<String> groupDns) {
        forgetReads();
        String groups = groupDns.stream().sorted().collect(Collectors.joining("\n"));
        this.directoryGroups = groups.length() <= 4000 ? groups
                : groups.substring(0, Math.max(0, groups.lastIndexOf('\n', 4000)));
        this.displayName = displayName;
        this.email = email;
        if (language != null && !language.isBlank()) {
            this.language = language;
        }
        this.enabled = true;
        grants.removeIf(g -> g.grantSource == AccountSource.LDAP && !directoryRoles.contains(g.role));
        directoryRoles.forEach(r -> grant(r, AccountSource.LDAP));
    }

    /** The directory no longer knows this person: no access, and no roles from the directory (local grants stay). */
    public void removedFromDirectory() {
        forgetReads();
        this.enabled = false;
        grants.removeIf(g -> g.grantSource == AccountSource.LDAP);
    }

    @Embeddable
    static class RoleGrant {
        @Enumerated(EnumType.STRING)
        @Column(name = "role", nullable = false, length = 30)
        private Role role;

        @Enumerated(EnumType.STRING)
        @Column(name = "grant_source", nullable = false, length = 10)
        private AccountSource grantSource;

        protected RoleGrant() {
        }

        RoleGrant(Role role, AccountSource grantSource) {
            this.role = role;
            this.grantSource = grantSource;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RoleGrant g && g.role == role && g.grantSource == grantSource;
        }

        @Override
        public int hashCode() {
            return role.hashCode() * 31 + grantSource.hashCode();
        }
    }

    /** Every change, and every write of the row, forgets what this request read of the account. */
    @jakarta.persistence.PostPersist
    @jakarta.persistence.PostUpdate
    @jakarta.persistence.PreRemove
    @jakarta.persistence.PostRemove
    public void forgetReads() {
        ReadThisRequest.forget(username);
    }

    /** This account as the rest of Tollgate sees it at {@code now}. */
    public AccountView view(Instant now) {
        Set<Role> roles = roles().isEmpty() ? java.util.EnumSet.noneOf(Role.class) : java.util.EnumSet.copyOf(roles());
        return new AccountView(username(), displayName(), email(), language(), source(), enabled(),
                lockedAt(now), roles, failedLogins(), rolesFrom(AccountSource.LOCAL),
                rolesFrom(AccountSource.LDAP), directoryGroups(), mustChangePassword(), disabledByAdmin());
    }
}
