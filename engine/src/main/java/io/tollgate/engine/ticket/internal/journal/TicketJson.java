package io.tollgate.engine.ticket.internal.journal;

import java.util.List;

import io.tollgate.engine.ticket.FindingCount;
import io.tollgate.engine.ticket.RollbackStep;
import io.tollgate.engine.ticket.StatementResult;
import io.tollgate.engine.ticket.TicketFinding;
import io.tollgate.integrations.mysql.execution.RowConflict;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON columns of a ticket: findings, statement results and rollback SQL, as lists of records. */
public final class TicketJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().findAndAddModules().build();
    private static final TypeReference<List<TicketFinding>> FINDINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<StatementResult>> RESULTS = new TypeReference<>() {
    };
    private static final TypeReference<List<RowConflict>> CONFLICTS = new TypeReference<>() {
    };
    private static final TypeReference<List<FindingCount>> FINDING_COUNTS = new TypeReference<>() {
    };
    private static final TypeReference<List<RollbackStep>> ROLLBACK_SQL = new TypeReference<>() {
    };

    private TicketJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write ticket JSON", e);
        }
    }

    public static List<TicketFinding> findings(String json) {
        return read(json, FINDINGS);
    }

    public static List<FindingCount> findingCounts(String json) {
        return read(json, FINDING_COUNTS);
    }

    public static List<StatementResult> results(String json) {
        return read(json, RESULTS);
    }

    public static List<RowConflict> conflicts(String json) {
        return read(json, CONFLICTS);
    }

    public static List<RollbackStep> rollbackSql(String json) {
        return read(json, ROLLBACK_SQL);
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read ticket JSON", e);
        }
    }
}
