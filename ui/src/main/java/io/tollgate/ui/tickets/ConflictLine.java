package io.tollgate.ui.tickets;

import java.util.ArrayList;
import java.util.List;

import io.tollgate.integrations.mysql.execution.RowConflict;

/** One column of one conflicting row, as the ticket page lists it: before the ticket, what it left, and now. */
record ConflictLine(int statement, String row, String column, String before, String after, String now,
                    String reason) {

    static final String ABSENT = "(no row)";

    static List<ConflictLine> of(List<RowConflict> conflicts) {
        List<ConflictLine> lines = new ArrayList<>();
        for (RowConflict conflict : conflicts) {
            String row = conflict.table() + " " + conflict.key();
            if (conflict.columns().isEmpty()) {
                lines.add(new ConflictLine(conflict.statement(), row, "", "", "", "", conflict.reason()));
            }
            for (RowConflict.Column column : conflict.columns()) {
                lines.add(new ConflictLine(conflict.statement(), row, column.column(), orAbsent(column.before()),
                        orAbsent(column.after()), orAbsent(column.now()), conflict.reason()));
            }
        }
        return lines;
    }

    private static String orAbsent(String literal) {
        return literal == null ? ABSENT : literal;
    }
}
