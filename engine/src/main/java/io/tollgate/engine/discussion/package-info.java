/**
 * A discussion thread per SQL ticket (issue 15): comments by anyone who may read the ticket, kept in Tollgate's own
 * table, never edited or deleted (an audit record), each written to the audit trail and mailed to the people involved
 * in the same transaction. {@link io.tollgate.engine.discussion.Discussions} is the use case; REST under
 * {@code /api/v1/tickets/{id}/comments}. See docs/adr/0025-ticket-discussion.md.
 */
package io.tollgate.engine.discussion;
