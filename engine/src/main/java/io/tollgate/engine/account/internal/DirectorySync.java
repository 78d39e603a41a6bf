package io.tollgate.engine.account.internal;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.tollgate.engine.account.AccountSource;
import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import io.tollgate.integrations.ldap.DirectoryUnavailableException;
import io.tollgate.integrations.ldap.DirectoryUser;
import io.tollgate.integrations.ldap.LdapDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps LDAP accounts in step with the directory: at each sign-in (that person) and on a schedule (everybody).
 * Name, mail, language and LDAP-granted roles come from the directory (group DNs mapped by {@code tollgate.ldap.group-roles});
 * roles granted locally are never touched; a person the directory no longer has is disabled and loses the
 * LDAP-granted roles. A local account whose name the directory also has stays local and is left alone.
 */
@Component
@ConditionalOnExpression("!'${tollgate.ldap.url:}'.isBlank()")
class DirectorySync {

    private static final Logger log = LoggerFactory.getLogger(DirectorySync.class);

    private final LdapDirectory directory;
    private final AccountRepository repository;
    private final Clock clock;

    DirectorySync(LdapDirectory directory, AccountRepository repository, Clock clock) {
        this.directory = directory;
        this.repository = repository;
        this.clock = clock;
        for (String role : directory.configuredRoles()) {
            try {
                Role.valueOf(role);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("tollgate.ldap.group-roles maps a group to '" + role
                        + "', which is not a role; use one of " + EnumSet.allOf(Role.class), e);
            }
        }
    }

    /**
     * Creates or updates the LDAP account of a person who just signed in against the directory; nothing when a local
     * account holds their name in any case of its letters (a break-glass admin named like someone in the directory
     * stays the admin's alone).
     */
    @Transactional
    Optional<AccountView> signedIn(DirectoryUser user) {
        if (io.tollgate.engine.account.Accounts.reserved(user.username())) {
            log.warn("The directory's '{}' signed in, but Tollgate's history names its own steps so: refused",
                    user.username());
            return Optional.empty();
        }
        List<Account> sameName = repository.findAllByNameIgnoringCase(user.username());
        if (sameName.stream().anyMatch(a -> a.source() != AccountSource.LDAP)) {
            log.warn("The directory's '{}' signed in, but a local account holds that name: refused", user.username());
            return Optional.empty();
        }
        Account account = sameName.stream().filter(a -> a.username().equals(user.username())).findFirst()
                .or(() -> sameName.stream().findFirst())
                .orElseGet(() -> repository.save(new Account(user.username(), null, user.displayName(), user.email(),
                        AccountSource.LDAP, clock.instant())));
        account.syncFromDirectory(user.displayName(), user.email(), language(user), roles(user),
                user.groupDns());
        return Optional.of(account.view(clock.instant()));
    }

    /** The directory does not know this LDAP account (any more). */
    @Transactional
    void removed(String username) {
        repository.findById(username).filter(a -> a.source() == AccountSource.LDAP).ifPresent(a -> {
            a.removedFromDirectory();
            log.info("LDAP account '{}' is no longer in the directory: disabled", username);
        });
    }

    /** Syncs every directory user now; does nothing if the directory cannot be reached. */
    @Scheduled(initialDelayString = "${tollgate.ldap.sync-interval:15m}", fixedDelayString = "${tollgate.ldap.sync-interval:15m}")
    void syncAllOnSchedule() {
        try {
            syncAll();
        } catch (DirectoryUnavailableException e) {
            log.warn("LDAP sync skipped: {}", e.getMessage());
        }
    }

    /**
     * Syncs every directory user, and disables LDAP accounts the directory no longer has.
     *
     * @return how many LDAP accounts were disabled
     * @throws DirectoryUnavailableException when the directory cannot be reached (nothing is changed then)
     */
    @Transactional
    int syncAll() {
        List<DirectoryUser> users = directory.users();
        Set<String> known = users.stream().map(DirectoryUser::username).collect(Collectors.toSet());
        List<Account> ldapAccounts = repository.findAllByOrderByUsername().stream()
                .filter(a -> a.source() == AccountSource.LDAP).toList();
        if (users.isEmpty() && !ldapAccounts.isEmpty()) {
            // an empty answer is far likelier a wrong search base than everybody leaving at once
            log.warn("LDAP sync: the directory lists no users; not disabling {} LDAP accounts", ldapAccounts.size());
            return 0;
        }
        for (DirectoryUser user : users) {
            repository.findById(user.username()).filter(a -> a.source() == AccountSource.LDAP)
                    .ifPresent(a -> a.syncFromDirectory(user.displayName(), user.email(), language(user), roles(user),
                            user.groupDns()));
        }
        int disabled = 0;
        for (Account account : ldapAccounts) {
            if (!known.contains(account.username()) && account.enabledBySource()) {
                account.removedFromDirectory();
                disabled++;
                log.info("LDAP account '{}' is no longer in the directory: disabled", account.username());
            }
        }
        return disabled;
    }

    /** The directory's language if it is a usable tag (preferredLanguage may hold "en-US, zh;q=0.8"). */
    private static String language(DirectoryUser user) {
        if (user.language() == null) {
            return null;
        }
        String first = user.language().split("[,;]")[0].strip();
        return Accounts.LANGUAGE.matcher(first).matches() ? first : null;
    }

    private Set<Role> roles(DirectoryUser user) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        directory.rolesOf(user).forEach(r -> roles.add(Role.valueOf(r)));
        return roles;
    }
}
