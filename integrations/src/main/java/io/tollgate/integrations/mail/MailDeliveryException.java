package io.tollgate.integrations.mail;

/** The mail server could not be reached or refused the mail; the message says why, for the outbox's error column. */
public class MailDeliveryException extends RuntimeException {
    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
