package io.tollgate.ui.admin;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.mail.MailProperties;
import io.tollgate.engine.mail.Outbox;
import io.tollgate.engine.mail.OutboxMailView;
import io.tollgate.engine.outbox.DeliveryStatus;
import io.tollgate.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/**
 * The mail outbox: pending, sent and given-up mails with their text and HTML parts, and a switch per kind of mail.
 * On the embedded default nothing is sent, and this is where mails are read.
 */
@Route(value = "admin/outbox", layout = MainLayout.class)
@PageTitle("Outbox · Tollgate")
@RolesAllowed(Role.Names.ADMIN)
public class OutboxView extends VerticalLayout {

    static final int MAX_SHOWN = 200;
    static final String ALL = "All";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Outbox outbox;
    final Select<String> status = new Select<>();
    final Grid<OutboxMailView> mails = new Grid<>(OutboxMailView.class, false);
    final Pre textBody = new Pre();
    final IFrame htmlBody = new IFrame();
    final Button retry = new Button("Retry");
    final Map<MailKind, Checkbox> kinds = new EnumMap<>(MailKind.class);

    public OutboxView(Outbox outbox) {
        this.outbox = outbox;
        setSizeFull();
        Paragraph mode = new Paragraph(outbox.mode() == MailProperties.Mode.SMTP
                ? "Mails are sent through the SMTP relay; failed attempts are retried with growing pauses."
                : "No SMTP relay is configured (TOLLGATE_SMTP_HOST): mails are kept here and not sent.");
        mode.setId("outbox-mode");

        status.setLabel("Status");
        status.setItems(ALL, DeliveryStatus.PENDING.name(), DeliveryStatus.SENDING.name(), DeliveryStatus.SENT.name(),
                DeliveryStatus.FAILED.name());
        status.setValue(ALL);
        status.addValueChangeListener(e -> refresh());
        status.setId("outbox-status");

        mails.setId("outbox-grid");
        mails.addColumn(m -> TIME.format(m.createdAt())).setHeader("Created (UTC)").setAutoWidth(true);
        mails.addColumn(OutboxMailView::kind).setHeader("Kind").setAutoWidth(true);
        mails.addColumn(m -> m.recipient() + " <" + m.recipients() + ">").setHeader("To").setAutoWidth(true);
        mails.addColumn(OutboxMailView::subject).setHeader("Subject").setFlexGrow(1);
        mails.addColumn(OutboxMailView::status).setHeader("Status").setAutoWidth(true);
        mails.addColumn(OutboxMailView::attempts).setHeader("Attempts").setAutoWidth(true);
        mails.addColumn(m -> m.lastError() == null ? "" : m.lastError()).setHeader("Last error");
        mails.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));

        textBody.setId("outbox-text");
        textBody.getStyle().set("white-space", "pre-wrap");
        htmlBody.setId("outbox-html");
        htmlBody.setSandbox(IFrame.SandboxType.RESTRICT_ALL); // a mail's HTML never runs scripts here
        htmlBody.setWidthFull();
        htmlBody.setHeight("300px");
        retry.setId("outbox-retry");
        retry.setEnabled(false);
        retry.addClickListener(e -> mails.asSingleSelect().getOptionalValue().ifPresent(m -> {
            outbox.retry(m.id());
            refresh();
        }));

        FormLayout switches = new FormLayout();
        switches.setId("outbox-kinds");
        outbox.kinds().forEach((kind, enabled) -> {
            Checkbox box = new Checkbox(kind.name(), enabled);
            box.addValueChangeListener(e -> outbox.switchKind(kind, e.getValue()));
            kinds.put(kind, box);
            switches.add(box);
        });

        add(new H2("Outbox"), mode, new HorizontalLayout(status, retry), mails,
                new H3("Text"), textBody, new H3("HTML"), htmlBody, new H3("Kinds of mail sent"), switches);
        refresh();
    }

    void refresh() {
        Optional<DeliveryStatus> filter = ALL.equals(status.getValue()) ? Optional.empty()
                : Optional.of(DeliveryStatus.valueOf(status.getValue()));
        mails.setItems(outbox.list(filter, MAX_SHOWN));
        show(null);
    }

    private void show(OutboxMailView mail) {
        textBody.setText(mail == null ? "" : mail.textBody());
        htmlBody.setSrcdoc(mail == null ? "" : mail.htmlBody());
        retry.setEnabled(mail != null && mail.status() == DeliveryStatus.FAILED);
    }
}
