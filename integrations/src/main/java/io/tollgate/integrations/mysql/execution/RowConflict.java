package io.tollgate.integrations.mysql.execution;

import java.util.List;

/**
 * A row the rollback would restore that changed since the ticket executed: its statement, table and key, and per
 * column what it held before the ticket, what the ticket left, and what it holds now (SQL literals; {@code now}
 * null when the row is gone).
 *
 * @param reason what changed, in words: "changed since", "row is gone", "a row with this key exists again"
 */
public record RowConflict(int statement, String table, String key, String reason, List<Column> columns) {

    public RowConflict {
        columns = List.copyOf(columns);
    }

    public record Column(String column, String before, String after, String now) {
    }
}
