package io.tollgate.engine.account;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.tollgate.engine.account.internal.Account;
import io.tollgate.engine.account.internal.AccountRepository;
import io.tollgate.engine.account.internal.ReadThisRequest;
import io.tollgate.engine.account.internal.SignInThrottle;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The accounts use case: create local accounts, look them up, count sign-in failures. */
@Component
public class Accounts {

    /** Usernames: letters, digits, dot, dash, underscore; 2 to 100 characters; start with a letter or digit. */
    static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$");

    /**
     * Names the trail and the engine write for what nobody signed in did (Tollgate's own steps, its start-up, the
     * engine's jobs, Spring's anonymous caller): no person's account takes one, in any case of its letters, or their
     * approval would read as an automatic step (a helper's account named {@code system} did).
     */
    public static final Set<String> RESERVED_NAMES = Set.of("system", "tollgate", "engine", "camunda", "anonymous",
            "anonymoususer");

    /** Whether no person may be called this ({@link #RESERVED_NAMES}). */
    public static boolean reserved(String username) {
        return username != null && RESERVED_NAMES.contains(username.toLowerCase(java.util.Locale.ROOT));
    }
    static final int MIN_PASSWORD_LENGTH = 8;
    /** BCrypt reads at most 72 bytes of a password; longer ones are refused rather than silently cut. */
    static final int MAX_PASSWORD_BYTES = 72;
    /** The longest display name, in characters (the column's width). */
    public static final int MAX_DISPLAY_NAME = 200;
    /** The longest e-mail address, in characters (RFC 5321's limit, and the column's width). */
    public static final int MAX_EMAIL = 320;
    /** Language tags as the account table holds them: {@code en}, {@code zh}, {@code zh-CN}, {@code zh_TW}. */
    public static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,4})?$");

    private final AccountRepository repository;
    private final PasswordEncoder passwordEncoder;
    private final AccountProperties properties;
    private final Clock clock;
    private final SignInThrottle throttle;
    private final org.springframework.context.ApplicationEventPublisher events;
    /** The credential keepers' table (ADR 0068): plain rows, no entity. */
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    Accounts(AccountRepository repository, PasswordEncoder passwordEncoder, AccountProperties properties, Clock clock,
             SignInThrottle throttle, org.springframework.context.ApplicationEventPublisher events,
             org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.throttle = throttle;
        this.events = events;
        this.repository = repository;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Creates a local account.
     *
     * @throws InvalidAccountException with a message for the person filling the form
     */
    @Transactional
    public AccountView createLocal(String username, String rawPassword, String displayName, String email, Set<Role> roles) {
        return createLocal(username, rawPassword, displayName, email, roles, false);
    }

    /**
     * Creates a local account; with {@code mustChangePassword} the person has to choose their own password at their
     * first sign-in (an admin created it for them).
     *
     * @throws InvalidAccountException with a message for the person filling the form
     */
    @Transactional
    public AccountView createLocal(String username, String rawPassword, String displayName, String email,
                                   Set<Role> roles, boolean mustChangePassword) {
        java.util.List<String> fields = new java.util.ArrayList<>();
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            fields.add("username");
            problems.add("Username must be 2-100 letters, digits, '.', '-' or '_', starting with a letter or digit");
        } else if (reserved(username)) {
            fields.add("username");
            problems.add("'" + username + "' is the name Tollgate's history gives steps nobody signed in took; choose"
                    + " a person's name");
        }
        try {
            checkPassword("password", rawPassword);
        } catch (InvalidAccountException refused) {
            fields.add("password");
            problems.add(refused.getMessage());
        }
        if (displayName == null || displayName.isBlank()) {
            fields.add("displayName");
            problems.add("Display name is required");
        } else if (displayName.strip().length() > MAX_DISPLAY_NAME) {
            fields.add("displayName");
            problems.add("Display name is longer than " + MAX_DISPLAY_NAME + " characters");
        }
        if (email != null && email.strip().length() > MAX_EMAIL) {
            fields.add("email");
            problems.add("E-mail address is longer than " + MAX_EMAIL + " characters");
        } else if (email != null && !email.isBlank() && !email.strip().matches("^[^@\\s]+@[^@\\s]+$")) {
            fields.add("email");
            problems.add("E-mail address '" + email + "' is not valid");
        }
        if (roles == null || roles.isEmpty()) {
            fields.add("roles");
            problems.add("An account needs at least one role");
        }
        if (!problems.isEmpty()) {
            throw new InvalidAccountException(fields, problems);
        }
        java.util.List<Account> sameName = repository.findAllByNameIgnoringCase(username);
        if (!sameName.isEmpty()) {
            String existing = sameName.get(0).username();
            throw new InvalidAccountException("username", existing.equals(username)
                    ? "An account named '" + username + "' exists already"
                    : "An account named '" + existing + "' exists already; names differing only in case are one name");
        }
        Account account = new Account(username, passwordEncoder.encode(rawPassword), displayName.strip(),
                email == null || email.isBlank() ? null : email.strip(), AccountSource.LOCAL, clock.instant());
        roles.forEach(r -> account.grant(r, AccountSource.LOCAL));
        if (mustChangePassword) {
            account.resetPasswordHash(account.passwordHash(), clock.instant());
        }
        return view(repository.save(account));
    }

    /**
     * The one password rule, for every way a password is set: at least {@value #MIN_PASSWORD_LENGTH} characters, at
     * most {@value #MAX_PASSWORD_BYTES} bytes in UTF-8, not only spaces.
     *
     * @throws InvalidAccountException saying what is wrong and what is accepted
     */
    public static void checkPassword(String rawPassword) {
        checkPassword(null, rawPassword);
    }

    /** {@link #checkPassword(String)}, naming {@code field} (the request field the password came in) when refused. */
    public static void checkPassword(String field, String rawPassword) {
        if (rawPassword == null || rawPassword.isEmpty()) {
            throw new InvalidAccountException(field, "A password is required: at least " + MIN_PASSWORD_LENGTH
                    + " characters");
        }
        if (rawPassword.codePointCount(0, rawPassword.length()) < MIN_PASSWORD_LENGTH) {
            throw new InvalidAccountException(field, "The password is too short: it must have at least "
                    + MIN_PASSWORD_LENGTH + " characters");
        }
        if (rawPassword.isBlank()) {
            throw new InvalidAccountException(field, "The password must not be only spaces");
        }
        if (rawPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidAccountException(field, "The password is too long: at most " + MAX_PASSWORD_BYTES
                    + " bytes (72 letters of the Latin alphabet, fewer of other scripts)");
        }
    }

    private Account existing(String username) {
        return repository.findById(username == null ? "" : username)
                .orElseThrow(() -> new UnknownAccountException(username));
    }

    /**
     * Sets the roles granted in Tollgate (LOCAL grants); roles from the directory stay as the directory says. A local
     * account needs at least one role.
     */
    @Transactional
    public AccountView setLocalRoles(String username, Set<Role> roles) {
        Account account = existing(username);
        Set<Role> wanted = roles == null ? Set.of() : roles;
        if (account.source() == AccountSource.LOCAL && wanted.isEmpty()) {
            throw new InvalidAccountException("roles", "An account needs at least one role; to take all access away, "
                    + "disable it");
        }
        Set<Role> before = account.roles();
        for (Role role : Role.values()) {
            if (wanted.contains(role)) {
                account.grant(role, AccountSource.LOCAL);
            } else {
                account.revoke(role, AccountSource.LOCAL);
            }
        }
        if (!account.roles().containsAll(before)) {
            // a session holds the roles it signed in with: one that lost a role ends on its next request
            account.endSessionsBefore(clock.instant());
        }
        repository.flush();
        return view(account);
    }

    /** An admin sets a new password for a local account; the person must change it at their next sign-in. */
    @Transactional
    public AccountView resetPassword(String username, String rawPassword) {
        Account account = existing(username);
        if (account.source() != AccountSource.LOCAL) {
            throw new InvalidAccountException(username + " signs in through the directory (LDAP): "
                    + "their password is reset there, not in Tollgate");
        }
        checkPassword("password", rawPassword);
        account.resetPasswordHash(passwordEncoder.encode(rawPassword), clock.instant());
        return view(account);
    }

    /**
     * The person replaces their password (required after an admin set it).
     *
     * @throws InvalidAccountException when the current password is wrong or the new one is not acceptable
     */
    @Transactional
    public AccountView changeOwnPassword(String username, String currentPassword, String newPassword) {
        Account account = existing(username);
        if (account.source() != AccountSource.LOCAL) {
            throw new InvalidAccountException("You sign in through the directory (LDAP): change your password there");
        }
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, account.passwordHash())) {
            throw new InvalidAccountException("currentPassword", "The current password is not correct");
        }
        checkPassword("newPassword", newPassword);
        if (newPassword.equals(currentPassword)) {
            throw new InvalidAccountException("newPassword", "The new password must differ from the current one");
        }
        account.choosePasswordHash(passwordEncoder.encode(newPassword));
        events.publishEvent(new OwnPasswordChanged(account.username())); // the trail records it, in this transaction
        return view(account);
    }

    /** Someone chose a new password for their own account (after an admin's reset too). */
    public record OwnPasswordChanged(String username) {
    }

    /** An admin disables (or enables again) an account; sessions signed in before a disable end. */
    @Transactional
    public AccountView setDisabledByAdmin(String username, boolean disabled) {
        Account account = existing(username);
        account.disableByAdmin(disabled, clock.instant());
        repository.flush();
        return view(account);
    }

    /** The usernames of the enabled accounts holding a role, locked until the calling transaction ends. */
    @Transactional
    public Set<String> lockEnabledWithRole(Role role) {
        return repository.lockEnabledWithRole(role).stream().map(Account::username)
                .collect(java.util.stream.Collectors.toSet());
    }

    /**
     * An admin chose the account's password (created it, or reset it): they held its credentials, and the approval
     * policy treats the account as in their hands from now on, whatever the person chooses later, and whoever sets it
     * after them (ADR 0068). Kept once per admin and account; never taken away.
     */
    @Transactional
    public void addCredentialKeeper(String username, String admin) {
        existing(username);
        if (jdbc.queryForObject("select count(*) from account_credential_keeper where username = ? and keeper = ?",
                Integer.class, username, admin) == 0) {
            jdbc.update("insert into account_credential_keeper (username, keeper) values (?, ?)", username, admin);
        }
    }

    /**
     * Every admin who ever set each local account's password (username to admins), in one statement; read in the
     * caller's transaction where there is one.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS, readOnly = true)
    public Map<String, Set<String>> credentialKeepers() {
        Map<String, Set<String>> keepers = new java.util.HashMap<>();
        jdbc.query("select username, keeper from account_credential_keeper", rs -> {
            keepers.computeIfAbsent(rs.getString(1), name -> new java.util.TreeSet<>()).add(rs.getString(2));
        });
        return keepers;
    }

    /** When an admin last reset the password or disabled the account: sessions signed in before it end. */
    @Transactional(readOnly = true)
    public Optional<java.time.Instant> credentialsChangedAt(String username) {
        return repository.findById(username).map(Account::credentialsChangedAt);
    }

    /**
     * Sets the language Tollgate writes to this person in (mails): a language tag such as {@code en}, {@code zh} or
     * {@code zh-CN}.
     *
     * @throws InvalidAccountException for an unknown account or a malformed tag
     */
    @Transactional
    public AccountView changeLanguage(String username, String language) {
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            throw new InvalidAccountException("language", "Language '" + language + "' is not a language tag such as en or zh-CN");
        }
        Account account = repository.findById(username)
                .orElseThrow(() -> new InvalidAccountException("No account named '" + username + "'"));
        account.changeLanguage(language);
        return view(account);
    }

    /**
     * The account as it is now: read once per HTTP request (see {@link ReadThisRequest}), since sign-in, the
     * account-state gate and the checks of the request's use case all ask for it, inside its transaction or not;
     * every change to the account forgets that reading at once, so a transaction that changed it reads its own change
     * through its persistence context. Otherwise, in a transaction, through its persistence context; outside one, in
     * one statement and without a transaction of its own.
     */
    public Optional<AccountView> find(String username) {
        Optional<AccountView> read = ReadThisRequest.account(username);
        if (read.isPresent()) {
            return read;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // the transaction's persistence context answers every read after the first without a statement
            return repository.findById(username).map(this::view);
        }
        Optional<AccountView> found = repository.readWithGrants(username).map(this::view);
        found.ifPresent(ReadThisRequest::remember);
        return found;
    }

    @Transactional(readOnly = true)
    public List<AccountView> list() {
        return repository.findAllByOrderByUsername().stream().map(this::view).toList();
    }

    /** The enabled accounts holding a role, whoever granted it (the members of the role's group). */
    @Transactional(readOnly = true)
    public List<AccountView> enabledWithRole(Role role) {
        return repository.findEnabledWithRole(role).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public boolean enabledAccountWithRoleExists(Role role) {
        return repository.existsEnabledWithRole(role);
    }

    /** Counts a failed sign-in for an existing account (unknown names are ignored); it locks nothing. */
    @Transactional
    public void recordFailedLogin(String username) {
        repository.findById(username).ifPresent(Account::recordFailedLogin);
    }

    /** An admin lets everyone try the account's password again at once: failures and slow-downs are cleared. */
    @Transactional
    public void unlock(String username) {
        Account account = repository.findById(username)
                .orElseThrow(() -> new InvalidAccountException("no account named " + username));
        account.recordSuccessfulLogin();
        throttle.clear(username);
    }

    @Transactional
    public void recordSuccessfulLogin(String username) {
        repository.findById(username).filter(a -> a.failedLogins() > 0 || a.lockedUntil() != null)
                .ifPresent(Account::recordSuccessfulLogin);
    }

    private AccountView view(Account a) {
        return a.view(clock.instant());
    }

}
