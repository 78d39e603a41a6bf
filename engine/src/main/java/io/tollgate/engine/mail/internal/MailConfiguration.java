package io.tollgate.engine.mail.internal;

import java.time.Clock;
import java.util.List;

import io.tollgate.engine.FixedDelaySchedule;
import io.tollgate.engine.mail.MailProperties;
import io.tollgate.engine.outbox.DeliveryLoop;
import io.tollgate.integrations.mail.Mailer;
import io.tollgate.integrations.mail.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles the outbox's mode and, when mails are sent, runs the dispatcher every
 * {@link MailProperties#dispatchInterval()} on a thread of its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    @Bean
    OutboxMode outboxMode(MailProperties properties, ObjectProvider<Mailer> mailer) {
        boolean smtp = mailer.getIfAvailable() != null;
        MailProperties.Mode mode = properties.mode() != null ? properties.mode()
                : smtp ? MailProperties.Mode.SMTP : MailProperties.Mode.OUTBOX_ONLY;
        if (mode == MailProperties.Mode.SMTP && !smtp) {
            throw new IllegalStateException("tollgate.mail.mode is smtp but no SMTP host is configured "
                    + "(TOLLGATE_SMTP_HOST)");
        }
        log.info(mode == MailProperties.Mode.SMTP ? "Mail: sent through SMTP"
                : "Mail: outbox only (no SMTP host configured); admins read mails in Admin > Outbox");
        return new OutboxMode(mode);
    }

    @Bean
    DeliveryLoop<OutboxMail> outboxDispatcher(OutboxMailRepository mails, ObjectProvider<Mailer> mailer, OutboxMode mode,
                                              MailProperties properties, PlatformTransactionManager transactionManager,
                                              Clock clock) {
        Mailer smtp = mode.mode() == MailProperties.Mode.SMTP ? mailer.getObject() : mail -> {
            throw new IllegalStateException("Mail is in outbox-only mode; nothing is sent");
        };
        // the Message-ID is the row's id, the same on every attempt
        DeliveryLoop.Sender<OutboxMail> send = mail -> smtp.send(new OutgoingMail(mail.id() + "@tollgate",
                properties.from(), List.of(mail.recipients().split(",")), mail.subject(), mail.textBody(),
                mail.htmlBody()));
        return new DeliveryLoop<>("Mail", mails, send, properties.retryPolicy(),
                new TransactionTemplate(transactionManager), clock);
    }

    @Bean
    FixedDelaySchedule outboxSchedule(DeliveryLoop<OutboxMail> outboxDispatcher, OutboxMode mode,
                                      MailProperties properties) {
        return new FixedDelaySchedule("tollgate-mail-dispatcher", outboxDispatcher::dispatchDue,
                properties.dispatchInterval(), mode.mode() == MailProperties.Mode.SMTP);
    }
}
