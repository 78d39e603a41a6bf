package io.tollgate.integrations.mail;

import java.util.List;

/**
 * One rendered mail, ready to send.
 *
 * @param messageId the globally unique Message-ID (without angle brackets); the same mail keeps the same id on every
 *                  attempt, so a receiving server can recognise a repeat
 * @param from the sender address
 * @param to the recipients' addresses
 * @param subject the subject line
 * @param text the plain-text part
 * @param html the HTML part
 */
public record OutgoingMail(String messageId, String from, List<String> to, String subject, String text, String html) {

    public OutgoingMail {
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("A mail needs at least one recipient");
        }
    }
}
