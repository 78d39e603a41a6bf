package io.tollgate.ui.review;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.goinception.InstanceReviewer;
import io.tollgate.engine.goinception.ReviewBackendUnavailableException;
import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.label.Labels;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.ReviewProperties;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.RowEstimate;
import io.tollgate.engine.review.SqlReviewer;
import io.tollgate.engine.review.StatementReview;
import io.tollgate.engine.review.TargetCoordinates;
import io.tollgate.engine.schema.InstanceSchemas;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.schema.DatabasePicker;
import io.tollgate.ui.schema.TablePanel;
import io.tollgate.ui.layout.MainLayout;
import io.tollgate.ui.sql.SqlEditor;
import io.tollgate.ui.sql.SqlUpload;
import jakarta.annotation.security.RolesAllowed;

/**
 * Self-check: paste or upload SQL, optionally pick an instance and database to check against, and see every statement's findings,
 * row estimates, reversibility and the script's risk. Nothing is saved and no ticket is created.
 */
@Route(value = "self-check", layout = MainLayout.class)
@PageTitle("SQL self-check · Tollgate")
@RolesAllowed({Role.Names.ENGINEER, Role.Names.REVIEWER, Role.Names.DBA, Role.Names.ADMIN})
public class SelfCheckView extends VerticalLayout {

    final SqlEditor sql = new SqlEditor();
    final Select<Environment> environment = new Select<>();
    final ComboBox<InstanceView> instance = new ComboBox<>("Instance (optional: checks what exists, read-only)");
    final DatabasePicker database;
    final TablePanel tables;
    final Button check = new Button("Check");
    final Span summary = new Span();
    final Grid<StatementReview> statements = new Grid<>(StatementReview.class, false);
    final Grid<Row> findings = new Grid<>(Row.class, false);
    final AnnotatedSql annotated = new AnnotatedSql();

    private final SqlReviewer reviewer;
    private final TargetInstances instances;

    /** One finding with the statement it belongs to. */
    record Row(int index, int statement, Finding finding) {
    }

    private final Labels labels = io.tollgate.ui.layout.PageLanguage.LABELS;

    private final InstanceReviewer instanceReviewer;

    public SelfCheckView(SqlReviewer reviewer, ReviewProperties properties, TargetInstances instances,
                         InstanceReviewer instanceReviewer, InstanceSchemas schemas, CurrentUser currentUser) {
        this.database = new DatabasePicker("Database", schemas, currentUser.username());
        this.tables = new TablePanel(schemas, currentUser.username(),
                () -> instance.getValue() == null ? null : instance.getValue().name(), database::name);
        this.reviewer = reviewer;
        this.instanceReviewer = instanceReviewer;
        this.instances = instances;
        setWidthFull();

        sql.setId("sql");
        sql.setHeight("14em");

        environment.setLabel("Environment");
        environment.setItems(Environment.values());
        environment.setItemLabelGenerator(labels::of);
        environment.setValue(Environment.PROD);
        instance.setId("instance");
        instance.setItems(instances.list());
        instance.setItemLabelGenerator(i -> i.name() + " (" + labels.of(i.environment()) + ")");
        instance.setClearButtonVisible(true);
        instance.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                environment.setValue(e.getValue().environment());
            }
            database.showDatabasesOf(e.getValue());
        });
        database.setId("database");

        Upload upload = SqlUpload.into(sql, properties.maxScriptBytes(),
                text -> summary.setText(text.startsWith("Loaded") ? text + " Press Check." : text));
        upload.setId("sql-upload");

        check.setId("check");
        check.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        check.addClickListener(e -> runCheck());

        FormLayout target = new FormLayout(instance, database, environment, tables);
        target.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));

        summary.setId("summary");
        statements.setId("statements");
        statements.addColumn(s -> s.index() + 1).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        statements.addColumn(s -> s.line() + ":" + s.column()).setHeader("Line:col").setAutoWidth(true).setFlexGrow(0);
        statements.addColumn(s -> labels.statementKind(s.kind())).setHeader("Kind").setAutoWidth(true);
        statements.addColumn(s -> rows(s.rows())).setHeader("Rows").setAutoWidth(true);
        statements.addColumn(s -> labels.of(s.reversibility())).setHeader("Rollback").setAutoWidth(true);
        statements.addColumn(s -> s.findings().size()).setHeader("Findings").setAutoWidth(true);
        statements.addColumn(s -> abbreviate(s.sql())).setHeader("Statement").setFlexGrow(1);
        statements.setAllRowsVisible(false);
        statements.setHeight("16em");

        findings.setId("findings");
        FindingColumns.addTo(findings, new FindingColumns.Parts<>(r -> r.statement() + 1,
                r -> r.finding().line() + ":" + r.finding().column(), r -> labels.of(r.finding().level()),
                r -> r.finding().ruleId(), r -> r.finding().message()));
        findings.addItemClickListener(e -> annotated.reveal(e.getItem().index()));
        findings.setHeight("24em");

        add(new H2("SQL self-check"),
                new Span("Reviews SQL with Tollgate's rules (and, with a target, against what exists there: read-only). "
                        + "No ticket is created."),
                new Span("SQL: paste or type it here, or upload a .sql file"), sql, new HorizontalLayout(upload), target, check, summary,
                new H3("Statements"), statements, new H3("Findings"), findings, new H3("Script"), annotated);
    }

    void runCheck() {
        TargetCoordinates target = instance.getValue() == null ? null
                : instances.coordinates(instance.getValue().name()).orElse(null);
        ReviewRequest request = new ReviewRequest(sql.getValue(), target,
                database.name().isEmpty() ? null : database.name(), environment.getValue());
        ReviewResult result;
        try {
            // with an instance, its review backend (built-in, goInception or both: issue 17) reviews, as for tickets
            result = target == null ? reviewer.review(request) : instanceReviewer.review(instance.getValue().name(), request);
        } catch (ReviewBackendUnavailableException e) {
            result = new ReviewResult(true, e.getMessage(), List.of(), io.tollgate.engine.review.RiskLevel.HIGH, 1, 0);
        }
        show(result);
    }

    void show(ReviewResult result) {
        if (result.refused()) {
            summary.setText("Not reviewed: " + result.message());
            statements.setItems(List.of());
            findings.setItems(List.of());
            annotated.removeAll();
            return;
        }
        summary.setText(labels.count(result.statements().size(), "statement") + ", " + result.errors()
                + (result.errors() == 1 ? " error, " : " errors, ") + result.warnings()
                + (result.warnings() == 1 ? " warning" : " warnings") + " · " + labels.of(result.risk())
                + (result.passed() ? " · passes" : " · blocked by errors"));
        summary.getElement().getThemeList().clear();
        summary.getElement().getThemeList().add(result.passed() ? "badge success" : "badge error");
        statements.setItems(result.statements());
        List<Row> rows = new ArrayList<>();
        List<Finding> all = new ArrayList<>();
        for (StatementReview s : result.statements()) {
            for (Finding f : s.findings()) {
                rows.add(new Row(rows.size(), s.index(), f));
                all.add(f);
            }
        }
        findings.setItems(rows);
        annotated.show(sql.getValue(), all);
    }

    static String rows(RowEstimate estimate) {
        if (estimate == null) {
            return "";
        }
        return (estimate.kind() == RowEstimate.Kind.ESTIMATE ? "~" + estimate.rows() + " (estimate, " : estimate.rows() + " (exact, ")
                + estimate.source() + ")";
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine;
    }
}
