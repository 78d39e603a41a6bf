package io.tollgate.engine.mail;

import java.time.Instant;

import io.tollgate.engine.outbox.DeliveryStatus;

/** A mail in the outbox as admins see it. */
public record OutboxMailView(String id, MailKind kind, String recipient, String recipients, String language,
                             String subject, String textBody, String htmlBody, String link, DeliveryStatus status,
                             int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {
}
