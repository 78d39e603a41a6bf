package io.tollgate.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tollgate.engine.TestClock;
import io.tollgate.engine.outbox.DeliveryLoop;
import io.tollgate.integrations.webhook.WebhookSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhooks against a real local HTTP server (the JDK's): signed JSON per subscribed endpoint, retried with backoff
 * while the endpoint fails, delivered once when it recovers. The dispatcher's schedule is off; the tests call it.
 */
@DataJpaTest(showSql = false, properties = {
        "spring.jpa.hibernate.ddl-auto=validate",
        "tollgate.webhooks.dispatch-interval=0",
        "tollgate.webhooks.timeout=5s",
        "tollgate.webhooks.max-attempts=3"})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class WebhookIT {

    private static final HttpServer RECEIVER = receiver();
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** The HTTP status the receiver answers with. */
    private static final AtomicInteger ANSWER = new AtomicInteger(204);

    record Received(String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @SpringBootConfiguration
    @AutoConfigurationPackage(basePackages = "io.tollgate.engine")
    @ComponentScan(basePackages = "io.tollgate.engine.webhook",
            excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*IT(\\$.*)?"))
    static class WebhookTestApplication {
        @Bean
        TestClock clock() {
            return new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
        }
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        String base = "http://127.0.0.1:" + RECEIVER.getAddress().getPort();
        registry.add("tollgate.webhooks.endpoints[0].name", () -> "chat");
        registry.add("tollgate.webhooks.endpoints[0].url", () -> base + "/chat");
        registry.add("tollgate.webhooks.endpoints[0].secret", () -> "chat-secret");
        registry.add("tollgate.webhooks.endpoints[0].kinds", () -> "TICKET_APPROVED,TICKET_REJECTED");
        registry.add("tollgate.webhooks.endpoints[1].name", () -> "audit");
        registry.add("tollgate.webhooks.endpoints[1].url", () -> base + "/audit");
        registry.add("tollgate.webhooks.endpoints[1].secret", () -> "audit-secret");
    }

    @Autowired Webhooks webhooks;
    @Autowired DeliveryLoop<WebhookDelivery> dispatcher;
    @Autowired TestClock clock;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired JdbcTemplate jdbc;

    private static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = ANSWER.get();
                if (status / 100 == 2) {
                    RECEIVED.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                            new String(body, StandardCharsets.UTF_8)));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop(0);
    }

    @BeforeEach
    void reset() {
        jdbc.update("DELETE FROM webhook_delivery");
        RECEIVED.clear();
        ANSWER.set(204);
    }

    @Test
    void eachSubscribedEndpointGetsSignedJson() throws Exception {
        Instant published = clock.instant();
        assertThat(webhooks.publish("TICKET_APPROVED", Map.of("ticketId", "T-42", "title", "Add index"),
                "https://tollgate.example.org/tickets/T-42")).isEqualTo(2);
        assertThat(webhooks.publish("TREE_CHANGE_APPLIED", Map.of("changeId", "C-1"), null))
                .as("only the endpoint without a kind filter wants it").isEqualTo(1);

        assertThat(dispatcher.dispatchDue()).isEqualTo(3);

        Received chat = RECEIVED.stream().filter(r -> r.path().equals("/chat")).findFirst().orElseThrow();
        assertThat(chat.header("Content-Type")).startsWith("application/json");
        assertThat(chat.header(WebhookSender.EVENT_HEADER)).isEqualTo("TICKET_APPROVED");
        assertThat(chat.header(WebhookSender.SIGNATURE_HEADER))
                .isEqualTo(WebhookSender.signature("chat-secret", chat.body().getBytes(StandardCharsets.UTF_8)))
                .startsWith("sha256=");
        JsonNode json = new ObjectMapper().readTree(chat.body());
        assertThat(json.get("kind").asText()).isEqualTo("TICKET_APPROVED");
        assertThat(json.get("id").asText()).isEqualTo(chat.header(WebhookSender.DELIVERY_HEADER));
        assertThat(json.get("link").asText()).isEqualTo("https://tollgate.example.org/tickets/T-42");
        assertThat(json.get("parameters").get("ticketId").asText()).isEqualTo("T-42");
        assertThat(json.get("occurredAt").asText()).isEqualTo(published.toString());
        assertThat(RECEIVED.stream().filter(r -> r.path().equals("/audit")).map(r -> r.header(WebhookSender.SIGNATURE_HEADER)))
                .allSatisfy(sig -> assertThat(sig).doesNotContain(chat.header(WebhookSender.SIGNATURE_HEADER)));
    }

    @Test
    void aFailingEndpointIsRetriedWithBackoffAndGetsTheEventExactlyOnce() {
        ANSWER.set(503);
        new TransactionTemplate(transactionManager).executeWithoutResult(s ->
                webhooks.publish("TICKET_REJECTED", Map.of("ticketId", "T-7"), null));

        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(jdbc.queryForList("SELECT last_error FROM webhook_delivery", String.class))
                .hasSize(2).allSatisfy(error -> assertThat(error).contains("HTTP 503"));

        ANSWER.set(200);
        assertThat(dispatcher.dispatchDue()).as("waits out its backoff").isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(dispatcher.dispatchDue()).as("chat and audit").isEqualTo(2);
        clock.advance(Duration.ofHours(2));
        assertThat(dispatcher.dispatchDue()).isZero();

        assertThat(RECEIVED).hasSize(2); // chat and audit, once each
        assertThat(RECEIVED.stream().map(Received::path)).containsExactlyInAnyOrder("/chat", "/audit");
    }

    @Test
    void aDeliveryIsGivenUpAfterTheConfiguredAttempts() {
        ANSWER.set(500);
        webhooks.publish("TICKET_APPROVED", Map.of("ticketId", "T-8"), null);
        for (int attempt = 0; attempt < 3; attempt++) {
            dispatcher.dispatchDue();
            clock.advance(Duration.ofHours(2));
        }
        assertThat(jdbc.queryForList("SELECT status FROM webhook_delivery", String.class)).containsOnly("FAILED");
        ANSWER.set(200);
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(RECEIVED).isEmpty();
    }
}
