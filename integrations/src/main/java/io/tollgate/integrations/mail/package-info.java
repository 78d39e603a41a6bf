/**
 * Sending e-mail over SMTP. {@link io.tollgate.integrations.mail.Mailer} is the port: it takes a ready-rendered
 * {@link io.tollgate.integrations.mail.OutgoingMail} and either hands it to the SMTP server or throws
 * {@link io.tollgate.integrations.mail.MailDeliveryException}. The bean exists only when an SMTP host is configured
 * ({@code tollgate.mail.smtp.host}); retries, templates and the outbox live in the engine.
 */
package io.tollgate.integrations.mail;
