package io.tollgate.integrations.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs a JSON body to a webhook endpoint with these headers: {@value #EVENT_HEADER} (the event kind),
 * {@value #DELIVERY_HEADER} (the delivery id, the same on every attempt, so a receiver can drop repeats) and
 * {@value #SIGNATURE_HEADER}: {@code sha256=<hex HMAC-SHA256 of the body with the endpoint's secret>}.
 */
public class WebhookSender {

    public static final String EVENT_HEADER = "X-Tollgate-Event";
    public static final String DELIVERY_HEADER = "X-Tollgate-Delivery";
    public static final String SIGNATURE_HEADER = "X-Tollgate-Signature";

    private final HttpClient client;
    private final Duration timeout;

    public WebhookSender(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    /** @throws WebhookDeliveryException when the endpoint is unreachable or answers anything but 2xx */
    public void post(URI url, String secret, String event, String deliveryId, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Tollgate-Webhook")
                .header(EVENT_HEADER, event)
                .header(DELIVERY_HEADER, deliveryId)
                .header(SIGNATURE_HEADER, signature(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new WebhookDeliveryException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookDeliveryException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new WebhookDeliveryException("HTTP " + response.statusCode() + " from " + url, null);
        }
    }

    /** {@code sha256=<hex HMAC-SHA256(secret, body)>}, as receivers recompute it to check a delivery. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
