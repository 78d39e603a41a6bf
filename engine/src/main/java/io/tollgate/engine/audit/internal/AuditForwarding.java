package io.tollgate.engine.audit.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.audit.AuditEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * For SIEMs (Splunk, Loki, Elastic): with {@code tollgate.audit.forward.enabled=true}, each entry, once sealed and
 * committed, is also logged as one JSON line (its hashes included) at INFO to the logger {@code tollgate.audit},
 * which the logging configuration can send to a collector; with {@code tollgate.audit.forward.file} set, those lines
 * (and nothing else) go to that file, rolled over daily, and not into the main log (README). Each node forwards the
 * entries it sealed, so the nodes' lines together are the trail, each entry once.
 */
@Component
public class AuditForwarding {

    static final String LOGGER = "tollgate.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean enabled;

    public AuditForwarding(@Value("${tollgate.audit.forward.enabled:false}") boolean enabled) {
        this(enabled, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    AuditForwarding(@Value("${tollgate.audit.forward.enabled:false}") boolean enabled,
                    @Value("${tollgate.audit.forward.file:}") String file) {
        this.enabled = enabled;
        if (enabled && file != null && !file.isBlank()) {
            toFile(file.strip());
        }
    }

    /** One JSON line per entry, nothing else, into the file (daily rollover: file.yyyy-MM-dd), not the main log. */
    private static void toFile(String file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
            throw new IllegalStateException("tollgate.audit.forward.file needs Logback (Spring Boot's default)");
        }
        var encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        var appender = new ch.qos.logback.core.rolling.RollingFileAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.setContext(context);
        appender.setName("tollgate-audit-file");
        appender.setFile(file);
        var policy = new ch.qos.logback.core.rolling.TimeBasedRollingPolicy<ch.qos.logback.classic.spi.ILoggingEvent>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file + ".%d{yyyy-MM-dd}");
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger logger = context.getLogger(LOGGER);
        logger.detachAppender("tollgate-audit-file");
        logger.addAppender(appender);
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.setAdditive(false);
    }

    boolean enabled() {
        return enabled && LOG.isInfoEnabled();
    }

    void forward(List<AuditEntry> sealed) {
        if (!enabled()) {
            return;
        }
        for (AuditEntry e : sealed) {
            LOG.info(line(e));
        }
    }

    static String line(AuditEntry e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", e.id());
        line.put("occurredAt", e.occurredAt().toString());
        line.put("actor", e.actor());
        line.put("actorRoles", e.actorRoles());
        line.put("sourceAddress", e.sourceAddress());
        line.put("kind", e.kind());
        line.put("subjectType", e.subjectType());
        line.put("subjectId", e.subjectId());
        line.put("instance", e.instanceName());
        line.put("database", e.databaseName());
        line.put("environment", e.environment());
        line.put("outcome", e.outcome());
        line.put("summary", e.summary());
        line.put("payload", e.payload());
        line.put("seq", e.seq());
        line.put("prevHash", e.prevHash());
        line.put("entryHash", e.entryHash());
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
