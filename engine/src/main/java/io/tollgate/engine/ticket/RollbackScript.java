package io.tollgate.engine.ticket;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * A ticket's recorded rollback SQL as one script (a comment naming the statement each step undoes, then its guarded
 * inverse), as the ticket page shows it and as it is downloaded from the page and over REST. Written a page of
 * {@link Tickets#MAX_PAGE} steps at a time, so the whole script of a 200,000-statement ticket is never held (issue 13).
 */
public final class RollbackScript {

    private RollbackScript() {
    }

    /** Writes the ticket's whole rollback script to {@code out}, a page at a time; nothing for an unknown ticket. */
    public static void write(Tickets tickets, String ticketId, Writer out) throws IOException {
        for (int offset = 0; ; offset += Tickets.MAX_PAGE) {
            List<RollbackStep> page = tickets.rollbackSql(ticketId, offset, Tickets.MAX_PAGE)
                    .map(TicketPage::items).orElse(List.of());
            StringBuilder chunk = new StringBuilder();
            page.forEach(step -> append(chunk, step));
            out.write(chunk.toString());
            if (page.size() < Tickets.MAX_PAGE) {
                return;
            }
        }
    }

    /** Appends one step of the script. */
    public static void append(StringBuilder script, RollbackStep step) {
        script.append("-- undoes statement ").append(step.statement()).append('\n');
        if (step.sql() == null) {
            script.append("-- (no inverse: a rollback stops here)\n");
        } else {
            String statement = step.sql().strip();
            script.append(statement).append(statement.endsWith(";") ? "" : ";").append('\n');
        }
    }
}
