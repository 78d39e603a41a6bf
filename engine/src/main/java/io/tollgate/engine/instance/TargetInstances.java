package io.tollgate.engine.instance;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.tollgate.engine.account.Role;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.TargetCoordinates;
import io.tollgate.engine.review.TargetDirectory;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.MysqlServerProbe;
import io.tollgate.integrations.mysql.MysqlServerReport;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The target-instances use case: admins and DBAs register MySQL/MariaDB instances, change them and test the
 * connection; the reviewer and the executor get an instance's coordinates. Passwords are encrypted before they are
 * stored and are never returned by anything the UI or API shows.
 */
@Component
public class TargetInstances implements TargetDirectory {

    static final String SYSTEM_ACTOR = "tollgate";
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");
    static final Pattern GROUP = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,99}$");
    /** The longest host name (its column's width; DNS names take 253). */
    public static final int MAX_HOST = 255;
    /** The longest user name: MySQL's and MariaDB's own limit is 80 characters. */
    public static final int MAX_USERNAME = 80;
    /** The longest password in UTF-8 bytes, so that its sealed form fits its column whatever the script. */
    public static final int MAX_PASSWORD_BYTES = 512;

    private final TargetInstanceRepository repository;
    private final SecretCipher cipher;
    private final Clock clock;
    private final Permissions permissions;
    private final MysqlServerProbe probe = new MysqlServerProbe(Duration.ofSeconds(5));

    private final AuditTrail trail;

    TargetInstances(TargetInstanceRepository repository, SecretCipher cipher, Clock clock, Permissions permissions,
                    AuditTrail trail) {
        this.trail = trail;
        this.permissions = permissions;
        this.repository = repository;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * @throws InvalidInstanceException with a message for the form
     * @throws io.tollgate.engine.permission.PermissionDeniedException unless {@code actor} may manage instances
     */
    @Transactional
    public InstanceView register(InstanceForm form, String actor) {
        permissions.require(actor, Permission.MANAGE_INSTANCES);
        validate(form);
        requirePassword(form.password());
        if (repository.findByName(form.name().strip()).isPresent()) {
            throw new InvalidInstanceException("An instance named '" + form.name().strip() + "' exists already");
        }
        InstanceView view = repository.save(new TargetInstance(form, cipher.encrypt(form.password()), actor,
                clock.instant())).view();
        audit("instance.registered", actor, form, false);
        return view;
    }

    /** What changed goes to the trail, never the password: only whether a new one was given. */
    private void audit(String kind, String actor, InstanceForm form, boolean passwordKept) {
        java.util.Map<String, Object> payload = new java.util.TreeMap<>();
        payload.put("host", form.host());
        payload.put("port", form.port());
        payload.put("user", form.username());
        payload.put("environment", String.valueOf(form.environment()));
        payload.put("readOnly", form.readOnly());
        payload.put("reviewerGroup", String.valueOf(form.reviewerGroup()));
        payload.put("password", passwordKept ? "kept" : "set");
        trail.record(new AuditEvent(kind, actor, "instance", form.name().strip(), "instance " + form.name().strip()
                + " " + kind.substring(kind.indexOf('.') + 1) + " by " + actor + ": " + form.username() + "@"
                + form.host() + ":" + form.port() + " (" + form.environment() + (form.readOnly() ? ", read-only" : "")
                + ")", payload));
    }

    /** Changes an instance; an empty password keeps the stored one. */
    @Transactional
    public InstanceView update(String id, InstanceForm form, String actor) {
        permissions.require(actor, Permission.MANAGE_INSTANCES);
        validate(form);
        TargetInstance instance = repository.findById(id)
                .orElseThrow(() -> new InvalidInstanceException("No instance with id " + id));
        repository.findByName(form.name().strip()).filter(other -> !other.id().equals(id)).ifPresent(other -> {
            throw new InvalidInstanceException("An instance named '" + form.name().strip() + "' exists already");
        });
        String sealed = form.password() == null || form.password().isEmpty() ? null : cipher.encrypt(form.password());
        instance.apply(form, sealed, actor, clock.instant());
        audit("instance.changed", actor, form, sealed == null);
        return instance.view();
    }

    /** Registers or re-points an instance Tollgate runs itself (the sandbox): DEV, reviewed by {@code reviewer}. */
    @Transactional
    void upsertSystemInstance(String name, String host, int port, String user, String password) {
        InstanceForm form = new InstanceForm(name, host, port, user, password, Environment.DEV, false,
                Role.REVIEWER.groupId());
        validate(form);
        String sealed = cipher.encrypt(password == null ? "" : password);
        repository.findByName(name).ifPresentOrElse(
                existing -> existing.apply(form, sealed, SYSTEM_ACTOR, clock.instant()),
                () -> repository.save(new TargetInstance(form, sealed, SYSTEM_ACTOR, clock.instant())));
    }

    @Transactional(readOnly = true)
    public List<InstanceView> list() {
        return repository.findAllByOrderByName().stream().map(TargetInstance::view).toList();
    }

    @Transactional(readOnly = true)
    public Optional<InstanceView> find(String name) {
        return repository.findByName(name).map(TargetInstance::view);
    }

    /** Where the reviewer and the executor connect, password decrypted; never shown to people. */
    @Override
    @Transactional(readOnly = true)
    public Optional<TargetCoordinates> coordinates(String name) {
        return repository.findByName(name).map(this::coordinatesOf);
    }

    /** A registered instance as people see it, and where Tollgate connects to it (never shown to people). */
    public record Registered(InstanceView view, TargetCoordinates coordinates) {
    }

    /** {@link #find} and {@link #coordinates} from one read of the instance: what a review or an execution needs. */
    @Transactional(readOnly = true)
    public Optional<Registered> registered(String name) {
        return repository.findByName(name).map(i -> new Registered(i.view(), coordinatesOf(i)));
    }

    private TargetCoordinates coordinatesOf(TargetInstance i) {
        return new TargetCoordinates(i.host(), i.port(), i.username(), cipher.decrypt(i.passwordCipher()));
    }

    /** Tests a registered instance. */
    @Transactional(readOnly = true)
    public MysqlServerReport testConnection(String name) {
        TargetCoordinates target = coordinates(name)
                .orElseThrow(() -> new InvalidInstanceException("No instance named '" + name + "'"));
        return probe.probe(new MysqlCoordinates(target.host(), target.port(), target.user(), target.password(), null));
    }

    /**
     * Tests what a form says before it is saved. With an empty password on a change ({@code existingId} set), the
     * stored password is used.
     */
    @Transactional(readOnly = true)
    public MysqlServerReport testConnection(InstanceForm form, String existingId) {
        validate(form);
        String password = form.password();
        if ((password == null || password.isEmpty()) && existingId != null) {
            password = repository.findById(existingId).map(i -> cipher.decrypt(i.passwordCipher())).orElse("");
        }
        // what Register would refuse is not tested as if it could be saved (issue 15)
        requirePassword(password);
        return probe.probe(new MysqlCoordinates(form.host().strip(), form.port(), form.username().strip(), password, null));
    }

    /** Tollgate connects to targets only with accounts that have a password: Register and Test say so alike. */
    private static void requirePassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new InvalidInstanceException("A password is required: Tollgate connects only with accounts that"
                    + " have one");
        }
        requirePasswordFits(password);
    }

    private static void requirePasswordFits(String password) {
        if (password != null && password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > MAX_PASSWORD_BYTES) {
            throw new InvalidInstanceException("The password is longer than " + MAX_PASSWORD_BYTES + " bytes");
        }
    }

    static void validate(InstanceForm form) {
        if (form == null) {
            throw new InvalidInstanceException("Nothing to save");
        }
        if (form.name() == null || !NAME.matcher(form.name().strip()).matches()) {
            throw new InvalidInstanceException("Name must be 1-100 letters, digits, '.', '-' or '_'");
        }
        if (form.host() == null || form.host().isBlank() || form.host().strip().contains(" ")) {
            throw new InvalidInstanceException("Host is required (a name or an address, no spaces)");
        }
        if (form.host().strip().length() > MAX_HOST) {
            throw new InvalidInstanceException("Host is longer than " + MAX_HOST + " characters");
        }
        if (form.port() < 1 || form.port() > 65535) {
            throw new InvalidInstanceException("Port must be between 1 and 65535");
        }
        if (form.username() == null || form.username().isBlank()) {
            throw new InvalidInstanceException("User is required");
        }
        if (form.username().strip().length() > MAX_USERNAME) {
            throw new InvalidInstanceException("User is longer than " + MAX_USERNAME + " characters, more than MySQL"
                    + " and MariaDB allow");
        }
        requirePasswordFits(form.password());
        if (form.environment() == null) {
            throw new InvalidInstanceException("Pick the environment: DEV, TEST or PROD");
        }
        if (form.reviewerGroup() == null || !GROUP.matcher(form.reviewerGroup().strip()).matches()) {
            throw new InvalidInstanceException("Reviewer group must be a group id such as 'reviewer' or 'dba'");
        }
    }
}
