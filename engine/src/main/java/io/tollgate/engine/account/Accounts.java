package io.tollgate.engine.account;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The accounts use case: create local accounts, look them up, count sign-in failures. */
@Component
public class Accounts {

    /** Usernames: letters, digits, dot, dash, underscore; 2 to 100 characters; start with a letter or digit. */
    static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$");
    static final int MIN_PASSWORD_LENGTH = 8;
    /** Language tags as the account table holds them: {@code en}, {@code zh}, {@code zh-CN}, {@code zh_TW}. */
    static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,4})?$");

    private final AccountRepository repository;
    private final PasswordEncoder passwordEncoder;
    private final AccountProperties properties;
    private final Clock clock;
    private final SignInThrottle throttle;

    Accounts(AccountRepository repository, PasswordEncoder passwordEncoder, AccountProperties properties, Clock clock,
             SignInThrottle throttle) {
        this.throttle = throttle;
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
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidAccountException("Username must be 2-100 letters, digits, '.', '-' or '_', starting with a letter or digit");
        }
        if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidAccountException("Password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new InvalidAccountException("Display name is required");
        }
        if (email != null && !email.isBlank() && !email.matches("^[^@\\s]+@[^@\\s]+$")) {
            throw new InvalidAccountException("E-mail address '" + email + "' is not valid");
        }
        if (roles == null || roles.isEmpty()) {
            throw new InvalidAccountException("An account needs at least one role");
        }
        if (repository.existsById(username)) {
            throw new InvalidAccountException("An account named '" + username + "' exists already");
        }
        Account account = new Account(username, passwordEncoder.encode(rawPassword), displayName.strip(),
                email == null || email.isBlank() ? null : email.strip(), AccountSource.LOCAL, clock.instant());
        roles.forEach(r -> account.grant(r, AccountSource.LOCAL));
        return view(repository.save(account));
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
            throw new InvalidAccountException("Language '" + language + "' is not a language tag such as en or zh-CN");
        }
        Account account = repository.findById(username)
                .orElseThrow(() -> new InvalidAccountException("No account named '" + username + "'"));
        account.changeLanguage(language);
        return view(account);
    }

    @Transactional(readOnly = true)
    public Optional<AccountView> find(String username) {
        return repository.findById(username).map(this::view);
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

    AccountView view(Account a) {
        Set<Role> roles = a.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(a.roles());
        return new AccountView(a.username(), a.displayName(), a.email(), a.language(), a.source(), a.enabled(),
                a.lockedAt(clock.instant()), roles, a.failedLogins());
    }
}
