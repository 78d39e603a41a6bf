package io.tollgate.engine.approval;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * What a feature's own rows say about the tickets or changes of one process, for the tasklist's rows, as
 * {@link Requests} says who asked: never the process's variables, which an admin can rewrite in Cockpit and a model
 * can map, so that nobody can make a reviewer see a harmless ticket on the wrong instance. A feature whose tasks the
 * tasklist describes provides one.
 */
public interface RequestFacts {

    /** The key of the process whose instances' business keys are this feature's ids. */
    String processKey();

    /** The facts of each id that is known, by id; one read for all of them. */
    Map<String, Facts> of(Collection<String> ids);

    /**
     * One request's facts; any may be null.
     *
     * @param subject       what it is about in a few words: the ticket's title, or the change's reason
     * @param changeKind    a service-tree change's kind ({@code setAttributes}, ...), which the screens label in the
     *                      reader's language; null for tickets
     * @param risk          the ticket's review risk once reviewed
     * @param instance      the ticket's target instance
     * @param environment   the environment that instance is registered in
     * @param scheduledAt   when a scheduled ticket executes
     * @param estimatedRows the rows the ticket's DML changes as its last review counted or estimated them
     */
    record Facts(String subject, String changeKind, String risk, String instance, String environment,
                 Instant scheduledAt, Long estimatedRows) {

        public static final Facts NONE = new Facts(null, null, null, null, null, null, null);

        /** A service-tree change's facts: its kind and its reason. */
        public static Facts ofChange(String changeKind, String reason) {
            return new Facts(reason == null || reason.isBlank() ? null : reason.strip(), changeKind, null, null, null,
                    null, null);
        }
    }
}
