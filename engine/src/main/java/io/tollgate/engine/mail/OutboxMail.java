package io.tollgate.engine.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One mail to one person, from the moment a step asks for it until it is sent or given up. */
@Entity
@Table(name = "mail_outbox")
class OutboxMail {

    static final int MAX_ERROR_LENGTH = 1000;

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

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 10)
    private MailStatus status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "last_error", length = MAX_ERROR_LENGTH)
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected OutboxMail() {
    }

    OutboxMail(MailKind kind, String recipient, String address, String language, RenderedMail rendered, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.kind = kind;
        this.recipient = recipient;
        this.recipients = address;
        this.language = language;
        this.subject = rendered.subject();
        this.textBody = rendered.text();
        this.htmlBody = rendered.html();
        this.link = rendered.link();
        this.status = MailStatus.PENDING;
        this.attempts = 0;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    String id() {
        return id;
    }

    MailStatus status() {
        return status;
    }

    int attempts() {
        return attempts;
    }

    String recipients() {
        return recipients;
    }

    String subject() {
        return subject;
    }

    String textBody() {
        return textBody;
    }

    String htmlBody() {
        return htmlBody;
    }

    /** Records that the mail server took the mail. */
    void sent(Instant now) {
        status = MailStatus.SENT;
        sentAt = now;
        leaseUntil = null;
        lastError = null;
    }

    /**
     * Records a failed attempt: the mail waits {@code initialBackoff * 2^(attempts-1)} (at most {@code maxBackoff})
     * before the next one, or is given up once {@code maxAttempts} attempts failed.
     */
    void failed(String error, Instant now, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        lastError = error == null ? "unknown error"
                : error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        leaseUntil = null;
        if (attempts >= maxAttempts) {
            status = MailStatus.FAILED;
            return;
        }
        status = MailStatus.PENDING;
        nextAttemptAt = now.plus(backoff(attempts, initialBackoff, maxBackoff));
    }

    static Duration backoff(int attempts, Duration initialBackoff, Duration maxBackoff) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** An admin asks for another round of attempts on a given-up mail. */
    void retry(Instant now) {
        if (status == MailStatus.FAILED) {
            status = MailStatus.PENDING;
            attempts = 0;
            nextAttemptAt = now;
        }
    }

    OutboxMailView view() {
        return new OutboxMailView(id, kind, recipient, recipients, language, subject, textBody, htmlBody, link, status,
                attempts, nextAttemptAt, lastError, createdAt, sentAt);
    }
}
