package io.tollgate.engine;

import java.util.function.Predicate;

import org.slf4j.Logger;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work on many requests by their ids, each in a transaction of its own, for the periodic looks: one request's trouble
 * (a failure, a lock lost to another node) is logged and rolls back its own work only; the others go on, and the next
 * look tries it again.
 */
public final class EachApart {

    private EachApart() {
    }

    /**
     * Runs {@code step} for each of {@code ids} in a transaction of its own; how many it answered true for.
     * {@code what} names the work in the log ("start the process of ticket {} anew").
     */
    public static int count(Iterable<String> ids, TransactionTemplate tx, Predicate<String> step, Logger log,
                            String what) {
        int done = 0;
        for (String id : ids) {
            try {
                if (Boolean.TRUE.equals(tx.execute(status -> step.test(id)))) {
                    done++;
                }
            } catch (RuntimeException failed) {
                log.warn("could not " + what + "; the next look tries again", id, failed);
            }
        }
        return done;
    }
}
