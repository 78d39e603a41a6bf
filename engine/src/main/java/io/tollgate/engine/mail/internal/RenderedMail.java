package io.tollgate.engine.mail.internal;

/** A mail's subject, text and HTML parts in one language, and the absolute link both parts carry. */
public record RenderedMail(String subject, String text, String html, String link) {
}
