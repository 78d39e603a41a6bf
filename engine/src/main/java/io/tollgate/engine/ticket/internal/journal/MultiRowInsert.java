package io.tollgate.engine.ticket.internal.journal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes many rows of one table with multi-row INSERTs: up to {@value #ROWS} rows or about {@value #CHARS} characters
 * of values a statement, so a large ticket's 10,000 findings, results or inverses are some ten round trips, not
 * 10,000 (Connector/J sends a JDBC batch one statement at a time), and no statement nears the server's packet limit
 * (4 MB by default on MySQL 5.7, even in 4-byte characters); a row larger than that goes alone. Joins the caller's
 * transaction.
 */
final class MultiRowInsert {

    static final int ROWS = 1000;
    static final long CHARS = 900_000;

    private MultiRowInsert() {
    }

    /** One row's values, in the INSERT's column order. */
    interface Row<T> {
        Object[] values(int position, T item);
    }

    /** Inserts {@code items} with {@code insert}, which ends with its one {@code values (?, ...)} group. */
    static <T> void into(JdbcTemplate jdbc, String insert, List<T> items, Row<T> row) {
        String group = insert.substring(insert.lastIndexOf(" values ") + " values ".length());
        List<Object> values = new ArrayList<>();
        int rows = 0;
        long chars = 0;
        for (int i = 0; i < items.size(); i++) {
            Object[] next = row.values(i, items.get(i));
            long size = 0;
            for (Object value : next) {
                size += value instanceof String text ? text.length() : 8;
            }
            if (rows > 0 && (rows == ROWS || chars + size > CHARS)) {
                jdbc.update(insert + (", " + group).repeat(rows - 1), values.toArray());
                values.clear();
                rows = 0;
                chars = 0;
            }
            values.addAll(Arrays.asList(next));
            rows++;
            chars += size;
        }
        if (rows > 0) {
            jdbc.update(insert + (", " + group).repeat(rows - 1), values.toArray());
        }
    }
}
