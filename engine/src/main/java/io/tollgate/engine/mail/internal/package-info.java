/**
 * The implementation behind {@link io.tollgate.engine.mail.Notifications} and {@link io.tollgate.engine.mail.Outbox}:
 * the outbox rows and their dispatcher, the templates, the kind switches (read at most every two seconds,
 * {@code MailSwitches}), and the Camunda plugin that mails every user task's candidates when it is created
 * ({@code TaskCreatedMails}). Only {@code io.tollgate.engine.mail} uses it; what is public here is public for that
 * package alone (the architecture test keeps it so).
 */
package io.tollgate.engine.mail.internal;
