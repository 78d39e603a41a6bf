package io.tollgate.engine.mail;

/** The mode the outbox runs in, settled once at start from {@link MailProperties#mode()} and whether SMTP exists. */
record OutboxMode(MailProperties.Mode mode) {
}
