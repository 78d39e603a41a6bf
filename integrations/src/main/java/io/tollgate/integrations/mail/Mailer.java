package io.tollgate.integrations.mail;

/** Hands a mail to the mail server. */
public interface Mailer {

    /**
     * Sends the mail with a text and an HTML alternative.
     *
     * @throws MailDeliveryException when the server is unreachable or refuses the mail
     */
    void send(OutgoingMail mail);
}
