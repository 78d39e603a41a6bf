package io.tollgate.engine.ticket.internal.journal;

import java.util.ArrayList;
import java.util.List;

import io.tollgate.integrations.mysql.execution.RowConflict;

/**
 * What the ticket's row keeps of a stopped rollback's conflicting rows, for the DBA who decides and the auditor who
 * reads it: each value up to {@value #MAX_VALUE} characters (then how long it is), and rows while their values stay
 * within {@value #MAX_TOTAL} characters in all. The count stays exact. Kept whole, 500 rows of 50 KB texts made the
 * row 75 MB, read with the ticket by every step and answer, until the application ran out of memory; the rollback
 * itself never reads them back (it checks every row again when it runs).
 */
final class RecordedConflicts {

    static final int MAX_VALUE = 500;
    static final int MAX_TOTAL = 512 * 1024;

    private RecordedConflicts() {
    }

    static List<RowConflict> bounded(List<RowConflict> conflicts) {
        List<RowConflict> kept = new ArrayList<>();
        long total = 0;
        for (RowConflict conflict : conflicts) {
            List<RowConflict.Column> columns = new ArrayList<>(conflict.columns().size());
            long size = length(conflict.key());
            for (RowConflict.Column column : conflict.columns()) {
                RowConflict.Column clipped = new RowConflict.Column(clip(column.column()), clip(column.before()),
                        clip(column.after()), clip(column.now()));
                size += length(clipped.column()) + length(clipped.before()) + length(clipped.after())
                        + length(clipped.now());
                columns.add(clipped);
            }
            if (!kept.isEmpty() && total + size > MAX_TOTAL) {
                break;
            }
            total += size;
            kept.add(new RowConflict(conflict.statement(), conflict.table(), clip(conflict.key()), conflict.reason(),
                    columns, conflict.heldBack()));
        }
        return kept;
    }

    /** The value, or its first {@value #MAX_VALUE} characters and its length (never half a character). */
    static String clip(String value) {
        if (value == null || value.length() <= MAX_VALUE) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_VALUE - 1)) ? MAX_VALUE - 1 : MAX_VALUE;
        return value.substring(0, end) + "… (" + value.length() + " characters in all)";
    }

    private static long length(String value) {
        return value == null ? 0 : value.length();
    }
}
