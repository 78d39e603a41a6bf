/**
 * Posting signed JSON to outside endpoints (chat bridges, CI): {@link io.tollgate.integrations.webhook.WebhookSender}
 * POSTs a body with an HMAC-SHA256 signature header and reports anything but a 2xx answer as
 * {@link io.tollgate.integrations.webhook.WebhookDeliveryException}. Which events go where, and retries, live in the
 * engine.
 */
package io.tollgate.integrations.webhook;
