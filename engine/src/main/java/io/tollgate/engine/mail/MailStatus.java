package io.tollgate.engine.mail;

/** Where a mail in the outbox stands. */
public enum MailStatus {
    /** Waiting to be sent (or, without SMTP, kept in the outbox for viewing). */
    PENDING,
    /** Claimed by one node's dispatcher, which is sending it now; if that node dies, the claim expires. */
    SENDING,
    SENT,
    /** Given up after the configured number of attempts; the last error says why. */
    FAILED
}
