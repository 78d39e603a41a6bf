package io.tollgate.integrations.mysql.execution;

import java.util.List;

/**
 * A row the rollback would restore that changed since the ticket executed: its statement, table and key, and per
 * column what it held before the ticket, what the ticket left, and what it holds now (SQL literals; {@code now}
 * null when the row is gone).
 *
 * @param reason   what changed, in words: "changed since", "the row is gone", "a row with this key was added since",
 *                 "another row holds a value of a unique key the rollback would put back (...)"
 * @param heldBack the row may be as the ticket left it, but restoring it would change other rows
 *                 (rows added since point at it through a foreign key, ADR 0037; it would fire a trigger that
 *                 changes other rows, ADR 0039; another row holds a unique value it would take back): no conflict
 *                 policy restores it, Force included
 */
public record RowConflict(int statement, String table, String key, String reason, List<Column> columns,
                          boolean heldBack) {

    public RowConflict {
        columns = List.copyOf(columns);
    }

    public record Column(String column, String before, String after, String now) {
    }
}
