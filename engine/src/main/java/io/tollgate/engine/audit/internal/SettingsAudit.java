package io.tollgate.engine.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.cluster.StartupLock;
import io.tollgate.engine.mail.MailProperties;
import io.tollgate.engine.webhook.WebhookProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Mail and webhook settings come from the configuration, so they change when a node starts with other values: at
 * start, the effective settings (secrets as a short SHA-256 fingerprint, never the secret) are compared with the
 * last ones on the trail and, when they differ (or were never recorded), recorded as {@code settings.changed} with
 * what changed. A change is recorded once even when several nodes start with it (the last entry is compared).
 */
@Component
class SettingsAudit {

    static final String KIND = "settings.changed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditTrail trail;
    private final JdbcTemplate jdbc;
    private final MailProperties mail;
    private final WebhookProperties webhooks;
    private final Environment environment;

    SettingsAudit(AuditTrail trail, JdbcTemplate jdbc, MailProperties mail, WebhookProperties webhooks,
                  Environment environment) {
        this.trail = trail;
        this.jdbc = jdbc;
        this.mail = mail;
        this.webhooks = webhooks;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(StartupLock.BEFORE_RELEASE) // one node at a time: nodes started together record a change once
    void recordIfChanged() throws Exception {
        Map<String, Object> now = settings();
        List<String> last = jdbc.queryForList("SELECT payload FROM audit_entry WHERE kind = ? ORDER BY id DESC LIMIT 1",
                String.class, KIND);
        Map<String, Object> before = last.isEmpty() || last.get(0) == null ? Map.of()
                : JSON.readValue(last.get(0), TreeMap.class);
        if (now.equals(before)) {
            return;
        }
        TreeSet<String> changed = new TreeSet<>(now.keySet());
        changed.addAll(before.keySet());
        changed.removeIf(k -> Objects.equals(String.valueOf(now.get(k)), String.valueOf(before.get(k))));
        trail.record(new AuditEvent(KIND, AuditTrail.SYSTEM, "settings", "mail-webhooks", last.isEmpty()
                ? "mail and webhook settings at start (first record)"
                : "mail and webhook settings changed at start: " + String.join(", ", changed), now), null);
    }

    /** The settings as plain values, in a fixed order; secrets as fingerprints. */
    Map<String, Object> settings() {
        Map<String, Object> s = new TreeMap<>();
        s.put("mail.mode", String.valueOf(mail.mode()));
        s.put("mail.from", mail.from());
        s.put("mail.base-url", mail.baseUrl());
        s.put("mail.smtp.host", environment.getProperty("tollgate.mail.smtp.host", ""));
        s.put("mail.smtp.port", environment.getProperty("tollgate.mail.smtp.port", ""));
        s.put("mail.smtp.username", environment.getProperty("tollgate.mail.smtp.username", ""));
        s.put("mail.smtp.password", fingerprint(environment.getProperty("tollgate.mail.smtp.password", "")));
        s.put("mail.smtp.start-tls", environment.getProperty("tollgate.mail.smtp.start-tls", ""));
        List<String> endpoints = new ArrayList<>();
        for (WebhookProperties.Endpoint e : webhooks.endpoints()) {
            endpoints.add(e.name() + " " + e.url() + " kinds=" + new TreeSet<>(e.kinds()) + " secret="
                    + fingerprint(e.secret()));
        }
        s.put("webhooks.endpoints", String.join("; ", endpoints));
        return s;
    }

    static String fingerprint(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(sha).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
