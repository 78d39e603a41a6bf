/**
 * Mail to the people a process step concerns, through an outbox. {@link io.tollgate.engine.mail.Notifications} is
 * the use case processes call: it resolves accounts (or a role's members) to addresses and languages, renders each
 * {@link io.tollgate.engine.mail.MailKind}'s template (text and HTML, English or Chinese) and writes the mails as
 * outbox rows in the caller's transaction. A {@link io.tollgate.engine.outbox.DeliveryLoop} sends due rows through the
 * SMTP adapter ({@code integrations.mail}) with exponential backoff, claiming each row before sending so that only one
 * node sends it. Without SMTP the outbox is the mailbox. Every user task mails its candidates when it is created
 * ({@code internal.TaskCreatedMails}). {@link io.tollgate.engine.mail.Outbox} is what the admin view reads and where kinds are
 * switched on or off.
 */
package io.tollgate.engine.mail;
