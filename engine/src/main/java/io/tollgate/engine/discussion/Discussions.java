package io.tollgate.engine.discussion;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.NotFoundException;
import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.mail.Notifications;
import io.tollgate.engine.mail.Recipients;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.engine.ticket.TicketEvent;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketUpdates;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.engine.ticket.Tickets;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A ticket's discussion: anyone who may read the ticket ({@link Permission#READ_TICKETS}, the rule that guards
 * reading a ticket everywhere) reads its comments; those who also act on tickets ({@link Permission#COMMENT_ON_TICKETS},
 * never an auditor, who changes nothing) add one, in every status (also after the ticket ended). A
 * comment is never edited or deleted. Adding one writes the comment, its audit trail entry and the mails to the
 * people involved (the submitter, whoever acted on the ticket or holds one of its tasks, earlier commenters; never
 * the author) in one transaction: all of it happens, or none.
 */
@Component
public class Discussions {

    /** The longest comment, in characters. */
    public static final int MAX_TEXT = 10_000;
    /** The most comments one read returns: the newest ones (a thread that long is read on the page in parts). */
    public static final int MAX_THREAD = 1_000;
    static final String TICKET = "ticket";
    private static final int TRAIL_EXCERPT = 500;

    private final CommentStore store;
    private final Tickets tickets;
    private final Permissions permissions;
    private final AuditTrail audit;
    private final Notifications notifications;
    private final Clock clock;

    private final TicketUpdates updates;

    Discussions(CommentStore store, Tickets tickets, Permissions permissions, AuditTrail audit,
                Notifications notifications, Clock clock, TicketUpdates updates) {
        this.updates = updates;
        this.store = store;
        this.tickets = tickets;
        this.permissions = permissions;
        this.audit = audit;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Whether the person may read a ticket's discussion (whoever may read the ticket). */
    public boolean mayTakePart(String username) {
        return permissions.allows(username, Permission.READ_TICKETS);
    }

    /** Whether the person may add to a ticket's discussion. */
    public boolean mayComment(String username) {
        return permissions.allows(username, Permission.COMMENT_ON_TICKETS);
    }

    /**
     * The ticket's comments, oldest first (the newest {@link #MAX_THREAD}).
     *
     * @throws io.tollgate.engine.permission.PermissionDeniedException when the reader may not read tickets
     * @throws NotFoundException when there is no such ticket
     */
    @Transactional(readOnly = true)
    public List<Comment> onTicket(String reader, String ticketId) {
        permissions.require(reader, Permission.READ_TICKETS);
        if (ticketId == null || tickets.summary(ticketId).isEmpty()) {
            throw NotFoundException.of("ticket", ticketId);
        }
        return store.newest(TICKET, ticketId, MAX_THREAD);
    }

    /**
     * Adds {@code author}'s comment to the ticket's discussion, with its trail entry and mails.
     *
     * @throws io.tollgate.engine.permission.PermissionDeniedException when the author may not comment on tickets
     * @throws NotFoundException when there is no such ticket
     * @throws InvalidRequestException (field {@code text}) when the text is blank or longer than {@link #MAX_TEXT}
     */
    @Transactional
    public Comment commentOnTicket(String author, String ticketId, String text) {
        permissions.require(author, Permission.COMMENT_ON_TICKETS);
        TicketRecord ticket = (ticketId == null ? java.util.Optional.<TicketRecord>empty() : tickets.find(ticketId))
                .orElseThrow(() -> NotFoundException.of("ticket", ticketId));
        String body = checked(text);
        Set<String> involved = involved(ticket);
        Comment comment = store.add(TICKET, ticket.id(), author, body, clock.instant());
        updates.touched(ticket.id()); // open pages of the ticket, on every node, show the comment by push
        audit.record(new AuditEvent(DiscussionEvent.COMMENTED.auditKind(TICKET), author, TICKET, ticket.id(),
                author + " commented on ticket " + ticket.id() + ": " + excerpt(body),
                Map.of("commentId", comment.id(), "text", body)));
        involved.remove(author);
        if (!involved.isEmpty()) {
            notifications.notify(MailKind.TICKET_COMMENTED, new Recipients(involved, Set.of()),
                    Map.of("ticketId", ticket.id(), "title", ticket.title(), "author", author, "text", body),
                    "/tickets/" + ticket.id());
        }
        return comment;
    }

    /**
     * The people involved in a ticket so far: its submitter, everyone who acted on it (approved, rejected, asked for
     * execution or a rollback, resolved a failure…), whoever holds one of its open tasks, and earlier commenters.
     */
    private Set<String> involved(TicketRecord ticket) {
        Set<String> people = new LinkedHashSet<>();
        people.add(ticket.submitter());
        ticket.trail().stream().map(TicketEvent::actor).filter(Objects::nonNull)
                .filter(actor -> !AuditTrail.SYSTEM.equals(actor)).forEach(people::add);
        tickets.openTasks(ticket.id()).stream().map(TicketTask::assignee).filter(Objects::nonNull)
                .forEach(people::add);
        people.addAll(store.authors(TICKET, ticket.id()));
        return people;
    }

    /** The text as kept: without surrounding blanks; refused when empty or too long. */
    static String checked(String text) {
        String body = text == null ? "" : text.strip();
        if (io.tollgate.engine.PrintableText.saysNothing(body)) {
            throw new InvalidRequestException("text", "a comment needs text: 'text' must not be empty or only spaces");
        }
        int length = body.codePointCount(0, body.length());
        if (length > MAX_TEXT) {
            throw new InvalidRequestException("text", "a comment is at most " + String.format("%,d", MAX_TEXT)
                    + " characters, not " + String.format("%,d", length));
        }
        return body;
    }

    private static String excerpt(String body) {
        return body.length() <= TRAIL_EXCERPT ? body : body.substring(0, TRAIL_EXCERPT) + "…";
    }
}
