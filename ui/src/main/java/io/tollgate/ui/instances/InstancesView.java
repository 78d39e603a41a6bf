package io.tollgate.ui.instances;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.goinception.ReviewBackend;
import io.tollgate.engine.goinception.ReviewBackends;
import io.tollgate.engine.label.Labels;
import io.tollgate.engine.instance.InstanceForm;
import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.instance.InvalidInstanceException;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.review.Environment;
import io.tollgate.integrations.mysql.MysqlServerReport;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/** Registered instances, and a form to register one or change it, with "Test connection". */
@Route(value = "instances", layout = MainLayout.class)
@PageTitle("Instances · Tollgate")
@RolesAllowed({Role.Names.DBA, Role.Names.ADMIN})
public class InstancesView extends VerticalLayout {

    final Grid<InstanceView> grid = new Grid<>(InstanceView.class, false);
    final TextField name = new TextField("Name");
    final TextField host = new TextField("Host");
    final IntegerField port = new IntegerField("Port");
    final TextField user = new TextField("User");
    final PasswordField password = new PasswordField("Password");
    final Select<Environment> environment = new Select<>();
    final Checkbox readOnly = new Checkbox("Read-only (refuses execution)");
    final TextField reviewerGroup = new TextField("Reviewer group");
    final Select<ReviewBackend> reviewBackend = new Select<>();
    final Span goInceptionHealth = new Span();
    final Button save = new Button("Save");
    final Button test = new Button("Test connection");
    final Button clear = new Button("New instance");
    final Span message = new Span();
    final Div report = new Div();

    private final TargetInstances instances;
    private final CurrentUser currentUser;
    private final ReviewBackends backends;
    private String editingId;

    public InstancesView(TargetInstances instances, CurrentUser currentUser, ReviewBackends backends) {
        this.instances = instances;
        this.backends = backends;
        this.currentUser = currentUser;
        setWidthFull();

        grid.setId("instance-grid");
        grid.addColumn(InstanceView::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(i -> i.username() + "@" + i.host() + ":" + i.port()).setHeader("Connects as").setAutoWidth(true);
        grid.addColumn(InstanceView::environment).setHeader("Environment").setAutoWidth(true);
        grid.addColumn(i -> i.readOnly() ? "read-only" : "").setHeader("Execution").setAutoWidth(true);
        grid.addColumn(InstanceView::reviewerGroup).setHeader("Reviewers").setAutoWidth(true);
        grid.addColumn(i -> Labels.english().of(backends.of(i.name()))).setHeader("Reviewed by").setAutoWidth(true);
        grid.addColumn(InstanceView::updatedBy).setHeader("Changed by").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));

        port.setMin(1);
        port.setMax(65535);
        environment.setLabel("Environment");
        environment.setItems(Environment.values());
        // issue 17: which reviewer checks the instance's tickets; goInception's health next to the form
        reviewBackend.setLabel("Review backend");
        reviewBackend.setId("instance-review-backend");
        reviewBackend.setItems(ReviewBackend.values());
        reviewBackend.setItemLabelGenerator(b -> Labels.english().of(b));
        goInceptionHealth.setId("goinception-health");
        password.setHelperText("Stored encrypted; leave empty to keep the stored one when changing");
        name.setId("instance-name");
        host.setId("instance-host");
        host.setMaxLength(TargetInstances.MAX_HOST);
        user.setMaxLength(TargetInstances.MAX_USERNAME);
        save.setId("instance-save");
        test.setId("instance-test");
        message.setId("instance-message");
        report.setId("instance-report");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        test.addClickListener(e -> test());
        clear.addClickListener(e -> grid.asSingleSelect().clear());

        FormLayout form = new FormLayout(name, environment, host, port, user, password, reviewerGroup, readOnly,
                reviewBackend);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36em", 2));
        add(new H2("Instances"), grid, new H3("Register or change"), form,
                new HorizontalLayout(save, test, clear), message, report, goInceptionHealth);
        edit(null);
        refresh();
    }

    InstanceForm form() {
        return new InstanceForm(name.getValue(), host.getValue(), port.getValue() == null ? 0 : port.getValue(),
                user.getValue(), password.getValue(), environment.getValue(), readOnly.getValue(), reviewerGroup.getValue());
    }

    void save() {
        try {
            InstanceView saved = editingId == null ? instances.register(form(), currentUser.username())
                    : instances.update(editingId, form(), currentUser.username());
            backends.choose(saved.name(), reviewBackend.getValue(), currentUser.username());
            message.setText("Saved " + saved.name() + ".");
            refresh();
            grid.select(saved);
        } catch (InvalidInstanceException invalid) {
            message.setText("Not saved: " + invalid.getMessage());
        }
    }

    void test() {
        try {
            show(instances.testConnection(form(), editingId));
        } catch (InvalidInstanceException invalid) {
            message.setText("Cannot test: " + invalid.getMessage());
        }
    }

    void show(MysqlServerReport r) {
        report.removeAll();
        if (!r.reachable()) {
            message.setText("Connection failed.");
            report.add(new Div(r.error()));
            return;
        }
        message.setText("Connected.");
        report.add(new Div("Server version: " + r.version()),
                new Div("Binary log: " + (r.logBin() ? "on, " + r.binlogFormat() + ", row image " + r.binlogRowImage() : "off")),
                new Div("Server read_only: " + r.serverReadOnly()),
                new Div("Privileges Tollgate needs: " + (r.missingPrivileges().isEmpty() ? "all granted"
                        : "missing " + String.join(", ", r.missingPrivileges()))));
        r.warnings().forEach(w -> report.add(new Div("⚠ " + w)));
    }

    private void edit(InstanceView instance) {
        editingId = instance == null ? null : instance.id();
        name.setValue(instance == null ? "" : instance.name());
        host.setValue(instance == null ? "" : instance.host());
        port.setValue(instance == null ? 3306 : instance.port());
        user.setValue(instance == null ? "" : instance.username());
        password.clear();
        environment.setValue(instance == null ? Environment.DEV : instance.environment());
        readOnly.setValue(instance != null && instance.readOnly());
        reviewerGroup.setValue(instance == null ? Role.REVIEWER.groupId() : instance.reviewerGroup());
        reviewBackend.setValue(instance == null ? ReviewBackend.BUILT_IN : backends.of(instance.name()));
        save.setText(instance == null ? "Register" : "Save changes");
        report.removeAll();
    }

    private void refresh() {
        grid.setItems(instances.list());
        String health = backends.goInceptionConfigured() ? backends.goInceptionHealth() : null;
        goInceptionHealth.setText(!backends.goInceptionConfigured() ? "goInception: not configured"
                : health == null ? "goInception at " + backends.goInceptionAddress() + ": answers" : health);
    }
}
