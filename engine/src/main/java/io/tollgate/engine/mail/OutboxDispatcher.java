package io.tollgate.engine.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.tollgate.integrations.mail.MailDeliveryException;
import io.tollgate.integrations.mail.Mailer;
import io.tollgate.integrations.mail.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due outbox mails. Each mail is claimed first (a compare-and-set on its row, committed on its own), so of
 * several nodes or overlapping ticks exactly one sends it; the outcome (SENT, or the next attempt time, or FAILED)
 * is recorded right after the mail server answered. Only a node dying between the server's answer and that record
 * can send a mail twice: its claim runs out after {@link MailProperties#claimTimeout()} and the mail is sent again
 * with the same Message-ID.
 */
class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutboxMailRepository mails;
    private final Mailer mailer;
    private final MailProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    OutboxDispatcher(OutboxMailRepository mails, Mailer mailer, MailProperties properties, TransactionTemplate tx,
                     Clock clock) {
        this.mails = mails;
        this.mailer = mailer;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** Sends what is due now; returns how many mails the server took. */
    int dispatchDue() {
        Instant now = clock.instant();
        List<String> due = tx.execute(s -> mails.findDueIds(now, Limit.of(properties.batchSize())));
        int sent = 0;
        for (String id : due == null ? List.<String>of() : due) {
            if (dispatch(id)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean dispatch(String id) {
        Instant now = clock.instant();
        OutboxMail mail = tx.execute(s -> mails.claim(id, now, now.plus(properties.claimTimeout())) == 1
                ? mails.findById(id).orElse(null) : null);
        if (mail == null) {
            return false; // another node or tick has it
        }
        try {
            mailer.send(new OutgoingMail(mail.id() + "@tollgate", properties.from(), List.of(mail.recipients().split(",")),
                    mail.subject(), mail.textBody(), mail.htmlBody()));
        } catch (MailDeliveryException | IllegalArgumentException e) {
            tx.executeWithoutResult(s -> mails.findById(id).ifPresent(m -> {
                m.failed(e.getMessage(), clock.instant(), properties.maxAttempts(), properties.initialBackoff(),
                        properties.maxBackoff());
                log.warn("Mail {} to {} not sent (attempt {} of {}): {}", id, m.recipients(), m.attempts(),
                        properties.maxAttempts(), e.getMessage());
            }));
            return false;
        }
        tx.executeWithoutResult(s -> mails.findById(id).ifPresent(m -> m.sent(clock.instant())));
        return true;
    }
}
