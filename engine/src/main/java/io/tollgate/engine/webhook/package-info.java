/**
 * Webhooks: a signed JSON POST per event to each endpoint subscribed to its kind ({@code tollgate.webhooks}), so teams
 * can forward Tollgate's events to chat tools. {@link io.tollgate.engine.webhook.Webhooks#publish} writes one
 * delivery row per endpoint in the caller's transaction; a {@link io.tollgate.engine.outbox.DeliveryLoop} posts due
 * rows through {@code integrations.webhook}, claiming each first, with exponential backoff, like the mail outbox
 * (ADR 0004).
 * The mail feature publishes every notification here too.
 */
package io.tollgate.engine.webhook;
