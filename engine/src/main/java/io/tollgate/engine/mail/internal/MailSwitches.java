package io.tollgate.engine.mail.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.tollgate.engine.mail.MailKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which kinds of mail are switched on, as every notification asks: read with one query at most every
 * {@link #FRESH_FOR} and kept in between, instead of a read per mail (four per ticket). A switch made on this node
 * holds at once (forgotten when the switch commits); one made on another node holds here within {@link #FRESH_FOR}.
 * A switch decides only whether a mail is queued, never whether anything is allowed, so a mail queued in those two
 * seconds is all a late switch can cost.
 */
@Component
public class MailSwitches {

    static final Duration FRESH_FOR = Duration.ofSeconds(2);

    private record Snapshot(Map<MailKind, Boolean> enabled, Instant readAt) {
    }

    private final Supplier<Iterable<MailKindSetting>> read;
    private final Clock clock;
    private volatile Snapshot snapshot;

    @Autowired
    MailSwitches(MailKindSettingRepository settings, Clock clock) {
        this(settings::findAll, clock);
    }

    MailSwitches(Supplier<Iterable<MailKindSetting>> read, Clock clock) {
        this.read = read;
        this.clock = clock;
    }

    /** Every kind and whether it is on (a kind without a row is on). */
    Map<MailKind, Boolean> all() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.readAt().plus(FRESH_FOR)) || now.isBefore(current.readAt())) {
            current = new Snapshot(readNow(), now);
            snapshot = current;
        }
        return current.enabled();
    }

    /** Every kind and whether it is on, read now (what the admin view shows), in the kinds' order. */
    public Map<MailKind, Boolean> fresh() {
        Map<MailKind, Boolean> enabled = readNow();
        snapshot = new Snapshot(enabled, clock.instant());
        return enabled;
    }

    private Map<MailKind, Boolean> readNow() {
        Map<MailKind, Boolean> enabled = new EnumMap<>(MailKind.class);
        for (MailKind kind : MailKind.values()) {
            enabled.put(kind, true);
        }
        read.get().forEach(s -> enabled.put(s.kind(), s.enabled()));
        return Collections.unmodifiableMap(enabled);
    }

    public boolean enabled(MailKind kind) {
        return all().getOrDefault(kind, true);
    }

    /** A switch is being changed: forget what was read now and, in a transaction, again once it has committed. */
    public void changed() {
        snapshot = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    snapshot = null;
                }
            });
        }
    }
}
