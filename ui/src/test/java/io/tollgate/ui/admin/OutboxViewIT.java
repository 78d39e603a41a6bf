package io.tollgate.ui.admin;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.mail.Notifications;
import io.tollgate.engine.mail.Outbox;
import io.tollgate.engine.mail.OutboxMailView;
import io.tollgate.engine.outbox.DeliveryStatus;
import io.tollgate.engine.mail.Recipients;
import io.tollgate.ui.Browserless;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** On the embedded default nothing is sent: admins read mails in the outbox view and switch kinds there. */
@TollgateAppTest
class OutboxViewIT {

    @Autowired ApplicationContext context;
    @Autowired Notifications notifications;
    @Autowired Outbox outbox;

    @AfterEach
    void tearDown() {
        Browserless.signOut();
        outbox.switchKind(MailKind.TICKET_EXECUTED, true);
    }

    @Test
    void anAdminReadsAQueuedMailsTextAndHtml() {
        notifications.notify(MailKind.TICKET_EXECUTED, Recipients.users("engineer"),
                Map.of("ticketId", "T-100", "title", "Outbox view check"), "/tickets/T-100");
        Browserless.signIn(context, "admin", "admin-demo");
        UI.getCurrent().navigate(OutboxView.class);

        OutboxView view = _get(OutboxView.class);
        assertThat(_get(Paragraph.class, spec -> spec.withId("outbox-mode")).getText()).contains("not sent");
        OutboxMailView mail = view.mails.getListDataView().getItems()
                .filter(m -> m.subject().contains("T-100")).findFirst().orElseThrow();
        assertThat(mail.status()).as("kept, not sent, on the embedded default").isEqualTo(DeliveryStatus.PENDING);
        assertThat(mail.recipients()).isEqualTo("engineer@tollgate.local");

        view.mails.select(mail);
        assertThat(view.textBody.getText()).contains("Your SQL ticket T-100, \"Outbox view check\", was executed")
                .contains("/tickets/T-100");
        assertThat(view.htmlBody.getSrcdoc()).hasValueSatisfying(html -> assertThat(html).contains("<a href="));
        assertThat(GridKt._size(view.mails)).isPositive();
    }

    @Test
    void anAdminSwitchesAKindOffAndItIsNoLongerQueued() {
        Browserless.signIn(context, "admin", "admin-demo");
        UI.getCurrent().navigate(OutboxView.class);
        OutboxView view = _get(OutboxView.class);

        view.kinds.get(MailKind.TICKET_EXECUTED).setValue(false);

        assertThat(outbox.kinds()).containsEntry(MailKind.TICKET_EXECUTED, false);
        assertThat(notifications.notify(MailKind.TICKET_EXECUTED, Recipients.users("engineer"),
                Map.of("ticketId", "T-101"), null)).isZero();
        assertThat(outbox.list(Optional.empty(), 500)).noneMatch(m -> m.subject().contains("T-101"));
    }
}
