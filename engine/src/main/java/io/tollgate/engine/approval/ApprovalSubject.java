package io.tollgate.engine.approval;

import java.util.List;
import java.util.Optional;

/**
 * What needs approving, as Tollgate's own tables say: a ticket's review round or a change, who requested it, the hash
 * of exactly what is to be approved (the SQL, the change's plan), and the approvals it needs.
 *
 * @param kind      what it is ({@link #TICKET}, {@link #TICKET_ROLLBACK}, {@link #TREE_CHANGE})
 * @param id        the ticket or change id
 * @param round     which round of it: a resubmitted ticket is reviewed again and needs new approvals
 * @param requester who asked for it; never eligible to approve it
 * @param contentHash SHA-256 (hex) of what is approved; a decision counts only for the same hash
 * @param required  the approvals it needs, each by a different person
 */
public record ApprovalSubject(String kind, String id, int round, String requester, String contentHash,
                              List<RequiredApproval> required) {

    public static final String TICKET = "TICKET";
    public static final String TICKET_ROLLBACK = "TICKET_ROLLBACK";
    public static final String TREE_CHANGE = "TREE_CHANGE";

    public ApprovalSubject {
        required = List.copyOf(required);
    }

    public Optional<RequiredApproval> step(String step) {
        return required.stream().filter(r -> r.step().equals(step)).findFirst();
    }

    /**
     * Whether a rejection ends the round for good: a ticket's review round and a change are resubmitted or re-validated
     * into a new round instead. A ticket's rollback may be asked for again after one is rejected (it is decided only
     * while the submitter's request is recorded), and a DBA's decisions after a failure follow one another.
     */
    boolean rejectionIsFinal() {
        return TICKET.equals(kind) || TREE_CHANGE.equals(kind);
    }

    String describe() {
        return switch (kind) {
            case TICKET -> "ticket " + id;
            case TICKET_ROLLBACK -> "the rollback of ticket " + id;
            case TREE_CHANGE -> "change " + id;
            default -> kind + " " + id;
        };
    }
}
