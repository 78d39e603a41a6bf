package io.tollgate.engine.mail;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.mail.internal.MailSwitches;
import io.tollgate.engine.mail.internal.MailTemplates;
import io.tollgate.engine.mail.internal.OutboxMail;
import io.tollgate.engine.mail.internal.OutboxMailRepository;
import io.tollgate.engine.mail.internal.RenderedMail;
import io.tollgate.engine.webhook.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use case processes call to tell people something: renders a kind's mail for each recipient in their language
 * and puts it in the outbox, in the caller's transaction. It never talks to the mail server, so it neither blocks
 * nor fails on SMTP; if the caller's transaction rolls back, the mails go with it.
 */
@Component
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final Accounts accounts;
    private final MailTemplates templates;
    private final OutboxMailRepository outbox;
    private final MailSwitches switches;
    private final MailProperties properties;
    private final Webhooks webhooks;
    private final Clock clock;

    Notifications(Accounts accounts, MailTemplates templates, OutboxMailRepository outbox,
                  MailSwitches switches, MailProperties properties, Webhooks webhooks, Clock clock) {
        this.accounts = accounts;
        this.templates = templates;
        this.outbox = outbox;
        this.switches = switches;
        this.properties = properties;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /**
     * Puts one mail per recipient in the outbox, and publishes the event to the webhooks subscribed to its kind
     * (whether or not the kind's mails are switched off: the switch is about mail). Recipients without an e-mail address, disabled accounts, unknown names
     * and unknown groups are skipped (and logged); a kind switched off sends nothing.
     *
     * @param parameters the kind's template parameters ({@link MailKind#parameters()})
     * @param link where the mail points, a path in Tollgate ({@code /tickets/42}) or an absolute URL; may be null
     * @return how many mails were put in the outbox
     */
    @Transactional
    public int notify(MailKind kind, Recipients recipients, Map<String, ?> parameters, String link) {
        String absoluteLink = absolute(link);
        webhooks.publish(kind.name(), parameters, absoluteLink);
        if (!switches.enabled(kind)) {
            log.debug("{} mails are switched off; not sending to {}", kind, recipients);
            return 0;
        }
        Map<String, AccountView> people = new LinkedHashMap<>();
        for (String username : recipients.usernames()) {
            Optional<AccountView> account = accounts.find(username);
            account.ifPresentOrElse(a -> people.put(a.username(), a),
                    () -> log.warn("{} mail: no account '{}'", kind, username));
        }
        for (String group : recipients.groups()) {
            Optional<Role> role = Role.fromGroupId(group);
            role.ifPresentOrElse(r -> accounts.enabledWithRole(r).forEach(a -> people.putIfAbsent(a.username(), a)),
                    () -> log.warn("{} mail: no group '{}'", kind, group));
        }
        int queued = 0;
        for (AccountView person : people.values()) {
            if (!person.enabled() || person.email() == null || person.email().isBlank()) {
                log.info("{} mail: '{}' is disabled or has no e-mail address; skipped", kind, person.username());
                continue;
            }
            String language = MailTemplates.language(person.language());
            RenderedMail mail = templates.render(kind, language, person.displayName(), parameters, absoluteLink);
            outbox.save(new OutboxMail(kind, person.username(), person.email(), language, mail, clock.instant()));
            queued++;
        }
        return queued;
    }

    private String absolute(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        if (link.startsWith("http://") || link.startsWith("https://")) {
            return link;
        }
        return properties.baseUrl() + (link.startsWith("/") ? link : "/" + link);
    }
}
