package io.tollgate.engine.mail;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tollgate.engine.mail.internal.MailKindSetting;
import io.tollgate.engine.mail.internal.MailKindSettingRepository;
import io.tollgate.engine.mail.internal.MailSwitches;
import io.tollgate.engine.mail.internal.OutboxMail;
import io.tollgate.engine.mail.internal.OutboxMailRepository;
import io.tollgate.engine.mail.internal.OutboxMode;
import io.tollgate.engine.outbox.DeliveryStatus;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What admins do with the outbox: read the mails, retry given-up ones, switch kinds of mail on or off. */
@Component
public class Outbox {

    private final OutboxMailRepository mails;
    private final MailKindSettingRepository settings;
    private final MailSwitches switches;
    private final MailProperties.Mode mode;
    private final Clock clock;

    Outbox(OutboxMailRepository mails, MailKindSettingRepository settings, MailSwitches switches, OutboxMode mode,
           Clock clock) {
        this.mails = mails;
        this.settings = settings;
        this.switches = switches;
        this.mode = mode.mode();
        this.clock = clock;
    }

    /** Whether mails are sent ({@code SMTP}) or only kept here ({@code OUTBOX_ONLY}). */
    public MailProperties.Mode mode() {
        return mode;
    }

    /** The newest mails first, all or of one status. */
    @Transactional(readOnly = true)
    public List<OutboxMailView> list(Optional<DeliveryStatus> status, int max) {
        List<OutboxMail> found = status.isPresent()
                ? mails.findByDeliveryStatusOrderByCreatedAtDesc(status.get(), Limit.of(max))
                : mails.findAllByOrderByCreatedAtDesc(Limit.of(max));
        return found.stream().map(OutboxMail::view).toList();
    }

    @Transactional(readOnly = true)
    public Optional<OutboxMailView> find(String id) {
        return mails.findById(id).map(OutboxMail::view);
    }

    @Transactional(readOnly = true)
    public long count(DeliveryStatus status) {
        return mails.countByDeliveryStatus(status);
    }

    /** Gives a given-up mail a fresh set of attempts; other mails are left as they are. */
    @Transactional
    public void retry(String id) {
        mails.findById(id).ifPresent(m -> m.delivery().retry(clock.instant()));
    }

    /** Every kind and whether it is on. */
    @Transactional(readOnly = true)
    public Map<MailKind, Boolean> kinds() {
        return switches.fresh();
    }

    @Transactional
    public void switchKind(MailKind kind, boolean enabled) {
        switches.changed();
        settings.findById(kind).ifPresentOrElse(s -> s.enable(enabled),
                () -> settings.save(new MailKindSetting(kind, enabled)));
    }
}
