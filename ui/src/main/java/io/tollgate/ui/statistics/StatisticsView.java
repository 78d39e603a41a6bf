package io.tollgate.ui.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.label.Labels;
import io.tollgate.engine.statistics.Statistics;
import io.tollgate.engine.statistics.StatisticsReport;
import io.tollgate.engine.statistics.StatisticsReport.Count;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.HumanTime;
import io.tollgate.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/**
 * Statistics of tickets and service-tree changes for a range of days (UTC): what happened to them, where, who submitted
 * them, how long they waited, how often they were approved, executed, rolled back, which review rules they hit.
 * The same figures as {@code GET /api/v1/statistics}; {@code statistics?from=2026-11-01&to=2026-11-30} opens a range
 * (a link to share).
 */
@Route(value = "statistics", layout = MainLayout.class)
@PageTitle("Statistics · Tollgate")
@RolesAllowed({Role.Names.DBA, Role.Names.PROCESS_OWNER, Role.Names.AUDITOR, Role.Names.ADMIN})
public class StatisticsView extends VerticalLayout implements BeforeEnterObserver {

    final DatePicker from = HumanTime.datePicker("From");
    final DatePicker to = HumanTime.datePicker("to (inclusive, UTC)");
    final Button show = new Button("Show");
    final Span problem = new Span();
    final Div summary = new Div();

    final EChart byOutcome = new EChart("chart-outcome");
    final EChart byInstance = new EChart("chart-instance");
    final EChart byEnvironment = new EChart("chart-environment");
    final EChart byKind = new EChart("chart-kind");
    final EChart submitters = new EChart("chart-submitters");
    final EChart reviewWait = new EChart("chart-review-wait");
    final EChart executionWait = new EChart("chart-execution-wait");
    final EChart approvalByInstance = new EChart("chart-approval-instance");
    final EChart approvalBySubmitter = new EChart("chart-approval-submitter");
    final EChart rules = new EChart("chart-rules");
    final EChart rows = new EChart("chart-rows");
    final EChart treeChanges = new EChart("chart-tree-changes");
    final EChart treeLatency = new EChart("chart-tree-latency");

    private final Statistics statistics;
    private final String reader;

    public StatisticsView(CurrentUser currentUser, Statistics statistics) {
        this.statistics = statistics;
        this.reader = currentUser.username();
        Statistics.DateRange range = statistics.defaultRange();
        from.setId("statistics-from");
        to.setId("statistics-to");
        from.setValue(range.from());
        to.setValue(range.to());
        show.setId("statistics-show");
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show.addClickListener(e -> refresh());
        problem.setId("statistics-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        summary.setId("statistics-summary");
        HorizontalLayout bar = new HorizontalLayout(from, to, show);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);

        add(new H2("Statistics"), bar, problem, summary,
                new H3("Tickets"), byOutcome, byInstance, byEnvironment, byKind, submitters,
                new H3("Waiting, approvals, results"), reviewWait, executionWait, approvalByInstance,
                approvalBySubmitter, rules, rows,
                new H3("Service-tree changes"), treeChanges, treeLatency);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters query = event.getLocation().getQueryParameters();
        String problems = day(query, "from", from) + day(query, "to", to);
        refresh();
        if (!problems.isEmpty()) {
            problem.setText(problems.strip());
        }
    }

    /** Sets the picker from the query's day, or says why not. */
    private static String day(QueryParameters query, String name, DatePicker picker) {
        return query.getSingleParameter(name).map(value -> {
            try {
                picker.setValue(LocalDate.parse(value));
                return "";
            } catch (java.time.format.DateTimeParseException e) {
                return "'" + name + "' must be a day like 2026-12-01, not '" + value + "'. ";
            }
        }).orElse("");
    }

    /** Computes the report for the chosen days and shows it; a range the engine refuses is explained instead. */
    void refresh() {
        StatisticsReport report;
        try {
            report = statistics.report(reader, from.getValue(), to.getValue());
        } catch (InvalidRequestException e) {
            problem.setText(e.getMessage());
            return;
        }
        problem.setText("");
        LocalDate start = report.from();
        LocalDate end = report.to();
        from.setValue(start);
        to.setValue(end);
        summary.setText(summaryOf(report));
        byOutcome.setOption(ChartOptions.stackedDays("Tickets per day by outcome", start, end,
                report.ticketsByOutcome()));
        byInstance.setOption(ChartOptions.stackedDays("Tickets per day by instance", start, end,
                report.ticketsByInstance()));
        byEnvironment.setOption(ChartOptions.stackedDays("Tickets per day by environment", start, end,
                report.ticketsByEnvironment()));
        byKind.setOption(ChartOptions.stackedDays("Tickets per day: DDL or DML (by what executed)", start, end,
                report.ticketsByStatementKind()));
        submitters.setOption(ChartOptions.bars("Top submitters", "tickets", report.topSubmitters()));
        reviewWait.setOption(ChartOptions.weekly("Waiting for review (submission to first decision), per week",
                report.reviewWait()));
        executionWait.setOption(ChartOptions.weekly("Waiting for execution (approval to execution), per week",
                report.executionWait()));
        approvalByInstance.setOption(ChartOptions.rates("Approval and rejection rate per instance",
                report.approvalByInstance()));
        approvalBySubmitter.setOption(ChartOptions.rates("Approval and rejection rate per submitter",
                report.approvalBySubmitter()));
        rules.setOption(ChartOptions.bars("Review rules hit most often", "findings", report.topRules()));
        rows.setOption(ChartOptions.bars("Rows changed per environment", "rows", report.rowsChangedByEnvironment()));
        treeChanges.setOption(ChartOptions.treeDays("Service-tree changes per day by kind and outcome", start, end,
                report.treeChangesByDay()));
        treeLatency.setOption(ChartOptions.weekly("Service-tree approval latency (request to decision), per week",
                report.treeApprovalLatency()));
    }

    static String summaryOf(StatisticsReport report) {
        List<String> parts = new ArrayList<>();
        Labels english = Labels.english(); // the page's sentences are English, as on every page
        parts.add(english.count(report.tickets(), "ticket"));
        long executions = report.executions().succeeded() + report.executions().failed();
        // no executions have no success rate: "0.0 % success" would read as every execution having failed
        parts.add(executions == 0 ? "no executions" : "executions: " + report.executions().succeeded()
                + " succeeded, " + report.executions().failed() + " failed (" + report.executions().successRate()
                + " % success)");
        parts.add(report.rolledBack() + " rolled back (" + report.rollbacksPer100() + " per 100 tickets)");
        long rowsChanged = report.rowsChangedByEnvironment().stream().mapToLong(Count::count).sum();
        parts.add(english.count(rowsChanged, "row") + " changed");
        parts.add(english.count(report.treeChanges(), "tree-change"));
        return report.from() + " to " + report.to() + ": " + String.join(" · ", parts);
    }
}
