package io.tollgate.engine.mail.internal;

import io.tollgate.engine.mail.MailProperties;

/** The mode the outbox runs in, settled once at start from {@link MailProperties#mode()} and whether SMTP exists. */
public record OutboxMode(MailProperties.Mode mode) {
}
