package io.tollgate.integrations.webhook;

/** The endpoint could not be reached or did not answer 2xx; the message says which, for the delivery's error column. */
public class WebhookDeliveryException extends RuntimeException {
    public WebhookDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
