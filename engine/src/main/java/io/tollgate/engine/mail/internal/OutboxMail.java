package io.tollgate.engine.mail.internal;

import java.time.Instant;
import java.util.UUID;

import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.mail.OutboxMailView;
import io.tollgate.engine.outbox.Delivery;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.springframework.data.domain.Persistable;

/** One mail to one person, from the moment a step asks for it until it is sent or given up. */
@Entity
@Table(name = "mail_outbox")
public class OutboxMail implements Persistable<String> {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 40)
    private MailKind kind;

    /** The account the mail is for. */
    @Column(name = "recipient", nullable = false, length = 100)
    private String recipient;

    /** The addresses it goes to, comma-separated. */
    @Column(name = "recipients", nullable = false, length = 1000)
    private String recipients;

    @Column(name = "language", nullable = false, length = 10)
    private String language;

    @Column(name = "subject", nullable = false, length = 500)
    private String subject;

    @Column(name = "text_body", nullable = false, columnDefinition = "LONGTEXT")
    private String textBody;

    @Column(name = "html_body", nullable = false, columnDefinition = "LONGTEXT")
    private String htmlBody;

    @Column(name = "link", length = 1000)
    private String link;

    @Embedded
    private Delivery delivery;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    // a wrapper: a new mail is the one with no version yet, so Spring Data persists it (no SELECT before the INSERT)
    @Version
    @Column(name = "version", nullable = false)
    private Long version;

    protected OutboxMail() {
    }

    public OutboxMail(MailKind kind, String recipient, String address, String language, RenderedMail rendered, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.kind = kind;
        this.recipient = recipient;
        this.recipients = address;
        this.language = language;
        this.subject = rendered.subject();
        this.textBody = rendered.text();
        this.htmlBody = rendered.html();
        this.link = rendered.link();
        this.delivery = Delivery.dueAt(now);
        this.createdAt = now;
    }

    /** Spring Data's question, answered without reflection (it would otherwise look for a getter of the version). */
    @Override
    public boolean isNew() {
        return version == null;
    }

    @Override
    public String getId() {
        return id;
    }

    public String id() {
        return id;
    }

    public Delivery delivery() {
        return delivery;
    }

    public String recipients() {
        return recipients;
    }

    public String subject() {
        return subject;
    }

    public String textBody() {
        return textBody;
    }

    public String htmlBody() {
        return htmlBody;
    }

    public OutboxMailView view() {
        return new OutboxMailView(id, kind, recipient, recipients, language, subject, textBody, htmlBody, link,
                delivery.status(), delivery.attempts(), delivery.nextAttemptAt(), delivery.lastError(), createdAt,
                delivery.sentAt());
    }
}
