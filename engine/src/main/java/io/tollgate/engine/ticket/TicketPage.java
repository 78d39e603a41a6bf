package io.tollgate.engine.ticket;

import java.util.List;

/**
 * One page of a ticket's per-statement list (findings, statement results, rollback SQL): the items from
 * {@code offset} (counting from 0) and how many there are in all.
 */
public record TicketPage<T>(int offset, int total, List<T> items) {

    public TicketPage {
        items = List.copyOf(items);
    }

    /** A page cut from a list held whole (tickets recorded before issue 13). */
    public static <T> TicketPage<T> of(List<T> all, int offset, int limit) {
        int from = Math.min(offset, all.size());
        return new TicketPage<>(offset, all.size(), all.subList(from, Math.min(all.size(), from + limit)));
    }
}
