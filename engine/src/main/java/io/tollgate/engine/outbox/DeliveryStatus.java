package io.tollgate.engine.outbox;

/** Where an outgoing message stands. */
public enum DeliveryStatus {
    /** Waiting to be sent (or, for mail without SMTP, kept for viewing). */
    PENDING,
    /** Claimed by one node, which is sending it now; if that node dies, the claim expires. */
    SENDING,
    SENT,
    /** Given up after the configured number of attempts; the last error says why. */
    FAILED
}
