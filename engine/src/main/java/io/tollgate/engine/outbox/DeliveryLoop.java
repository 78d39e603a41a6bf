package io.tollgate.engine.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due messages of one kind of outbox. Each message is claimed first (the store's compare-and-set on its row,
 * committed on its own, which also counts the attempt), so of several nodes or overlapping runs exactly one sends it;
 * the outcome (SENT, the next attempt time, or FAILED) is recorded right after the send. Only a node dying between a
 * successful send and that record sends a message twice: its claim runs out after
 * {@link RetryPolicy#claimTimeout()} and another node sends it again, under the same id.
 *
 * @param <T> the outbox's row type
 */
public final class DeliveryLoop<T> {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);

    /** The rows of one outbox table. */
    public interface Store<T> {
        /** Ids of rows PENDING with {@code next_attempt_at <= now}, or SENDING with {@code lease_until < now}. */
        List<String> dueIds(Instant now, int limit);

        /**
         * Sets a row that is still due to SENDING with the lease, counts the attempt and bumps its version; returns
         * the number of rows changed (1: this caller owns it now).
         */
        int claim(String id, Instant now, Instant leaseUntil);

        Optional<T> find(String id);

        Delivery delivery(T row);
    }

    /** Sends one row; any exception is a failed attempt, its message the recorded error. */
    public interface Sender<T> {
        void send(T row);
    }

    private final String name;
    private final Store<T> store;
    private final Sender<T> sender;
    private final RetryPolicy policy;
    private final TransactionTemplate tx;
    private final Clock clock;

    public DeliveryLoop(String name, Store<T> store, Sender<T> sender, RetryPolicy policy, TransactionTemplate tx,
                        Clock clock) {
        this.name = name;
        this.store = store;
        this.sender = sender;
        this.policy = policy;
        this.tx = tx;
        this.clock = clock;
    }

    /** Sends what is due now; returns how many were sent. */
    public int dispatchDue() {
        Instant now = clock.instant();
        List<String> due = tx.execute(s -> store.dueIds(now, policy.batchSize()));
        int sent = 0;
        for (String id : due == null ? List.<String>of() : due) {
            if (dispatch(id)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean dispatch(String id) {
        Instant now = clock.instant();
        T row = tx.execute(s -> store.claim(id, now, now.plus(policy.claimTimeout())) == 1
                ? store.find(id).orElse(null) : null);
        if (row == null) {
            return false; // another node or run has it
        }
        try {
            sender.send(row);
        } catch (RuntimeException e) {
            tx.executeWithoutResult(s -> store.find(id).map(store::delivery).ifPresent(d -> {
                d.failed(e.getMessage(), clock.instant(), policy);
                log.warn("{} {} not sent (attempt {} of {}): {}", name, id, d.attempts(), policy.maxAttempts(),
                        e.getMessage());
            }));
            return false;
        }
        tx.executeWithoutResult(s -> store.find(id).map(store::delivery).ifPresent(d -> d.sent(clock.instant())));
        return true;
    }
}
