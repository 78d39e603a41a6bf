package io.tollgate.ui.tickets;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.spring.annotation.SpringComponent;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.NotFoundException;
import io.tollgate.engine.discussion.Comment;
import io.tollgate.engine.discussion.Discussions;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.HumanTime;
import org.springframework.context.annotation.Scope;

/**
 * A ticket's discussion on its page: the comments, newest last, each with its author and when (relative, the exact
 * local time on hover), and a box to add one. For whoever may read the ticket, in every status; comments are never
 * edited or deleted. The page calls {@link #show} when it opens a ticket and may call {@link #refresh} when it
 * re-reads it.
 */
@SpringComponent
@Scope("prototype")
public class TicketDiscussion extends VerticalLayout {

    final Div thread = new Div();
    final TextArea text = new TextArea("Add a comment");
    final Button send = new Button("Comment");
    private final Discussions discussions;
    private final CurrentUser currentUser;
    private final Clock clock;
    private String ticketId;
    private List<Comment> shown = List.of();

    public TicketDiscussion(Discussions discussions, CurrentUser currentUser, Clock clock) {
        this.discussions = discussions;
        this.currentUser = currentUser;
        this.clock = clock;
        setId("ticket-discussion");
        setPadding(false);
        thread.setId("discussion-thread");
        thread.setWidthFull();
        text.setId("comment-text");
        text.setWidthFull();
        text.setMaxLength(Discussions.MAX_TEXT);
        text.setHelperText("Everyone who may read the ticket sees it; the people involved get a mail."
                + " A comment cannot be changed or deleted.");
        send.setId("comment-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(e -> post());
        add(new H3("Discussion"), thread, text, send);
        setVisible(false);
    }

    /** Shows the ticket's discussion, if the person may take part (whoever may read the ticket). */
    public void show(String ticketId) {
        this.ticketId = ticketId;
        shown = null;
        refresh();
    }

    /** Reads the comments again; redraws only when there are new ones, so a typed comment survives. */
    public void refresh() {
        boolean allowed = ticketId != null && !ticketId.isBlank() && discussions.mayTakePart(currentUser.username());
        List<Comment> comments;
        try {
            comments = allowed ? discussions.onTicket(currentUser.username(), ticketId) : List.of();
        } catch (NotFoundException | PermissionDeniedException gone) {
            allowed = false;
            comments = List.of();
        }
        setVisible(allowed);
        boolean writes = allowed && discussions.mayComment(currentUser.username());
        text.setVisible(writes);
        send.setVisible(writes);
        if (comments.equals(shown)) {
            return;
        }
        shown = comments;
        draw(comments);
    }

    private void draw(List<Comment> comments) {
        thread.removeAll();
        if (comments.isEmpty()) {
            Paragraph none = new Paragraph("No comments yet.");
            none.setId("discussion-empty");
            thread.add(none);
            return;
        }
        Instant now = clock.instant();
        ZoneId zone = HumanTime.zone(getUI().orElse(null));
        for (Comment comment : comments) {
            Div item = new Div();
            item.addClassName("discussion-comment");
            item.getElement().setAttribute("data-comment-id", Long.toString(comment.id()));
            item.getStyle().set("border-left", "3px solid var(--lumo-contrast-20pct)")
                    .set("padding", "var(--lumo-space-xs) var(--lumo-space-m)")
                    .set("margin-bottom", "var(--lumo-space-s)");
            Span author = new Span(comment.author());
            author.addClassName("discussion-author");
            author.getStyle().set("font-weight", "600").set("margin-right", "var(--lumo-space-s)");
            Span when = HumanTime.span(comment.at(), now, zone);
            when.addClassName("discussion-time");
            when.getStyle().set("color", "var(--lumo-secondary-text-color)");
            Div body = new Div();
            body.setText(comment.text());
            body.addClassName("discussion-text");
            // the whole comment, its line breaks kept and long words wrapped (never cut at the screen's edge)
            body.getStyle().set("white-space", "pre-wrap").set("overflow-wrap", "anywhere");
            item.add(new Div(author, when), body);
            thread.add(item);
        }
    }

    private void post() {
        try {
            discussions.commentOnTicket(currentUser.username(), ticketId, text.getValue());
            text.clear();
            text.setInvalid(false);
            refresh();
        } catch (InvalidRequestException e) {
            text.setErrorMessage(e.getMessage());
            text.setInvalid(true);
        } catch (NotFoundException | PermissionDeniedException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        // relative times in the browser's zone once it is known
        HumanTime.learnZone(attachEvent.getUI(), () -> draw(shown == null ? List.of() : shown));
    }
}
