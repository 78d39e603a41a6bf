package io.tollgate.ui.history;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.deployment.DeploymentRecord;
import io.tollgate.processes.ElementTemplates;
import io.tollgate.ui.Browserless;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Process owners download Tollgate's Modeler element templates from the History page; auditors are not offered them. */
@TollgateAppTest
class HistoryViewIT {

    @Autowired ApplicationContext context;
    @Autowired RepositoryService repository;
    @Autowired IdentityService identity;

    @AfterEach
    void signOut() {
        Browserless.signOut();
    }

    @Test
    void processOwnersAreOfferedTheElementTemplatesWhichAreOnTheClasspath() throws Exception {
        Browserless.signIn(context, "process-owner", "process-owner-demo");
        UI.getCurrent().navigate("history");
        for (String file : ElementTemplates.FILES) {
            Anchor download = _get(Anchor.class, spec -> spec.withId("template-" + file.replace(".json", "")));
            assertThat(download.getHref()).isNotBlank();
            try (InputStream in = HistoryView.class.getResourceAsStream("/" + ElementTemplates.DIRECTORY + file)) {
                assertThat(in).as(file).isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("\"appliesTo\"");
            }
        }
    }

    @Test
    void auditorsReadHistoryWithoutTheTemplates() {
        Browserless.signIn(context, "auditor", "auditor-demo");
        UI.getCurrent().navigate("history");
        assertThat(_find(Anchor.class, spec -> spec.withId("template-tollgate-sql-ticket"))).isEmpty();
    }

    /**
     * Issue 14: an entry's details jump to its ticket's or change's page, for whoever may open that page: an auditor
     * to both, a process owner (who reads history but not tickets) to the change only, never to a refusal.
     */
    @Test
    void anEntryLinksToItsTicketOrChangePageForThoseWhoMayOpenIt() {
        Browserless.signIn(context, "auditor", "auditor-demo");
        UI.getCurrent().navigate("history");
        AuditTrailPanel trail = _get(HistoryView.class).trail;
        assertThat(link(trail, "ticket", "T-42")).isEqualTo("tickets/T-42");
        assertThat(link(trail, "tree-change", "stc-42")).isEqualTo("service-tree/changes/stc-42");
        Browserless.signOut();

        Browserless.signIn(context, "process-owner", "process-owner-demo");
        UI.getCurrent().navigate("history");
        trail = _get(HistoryView.class).trail;
        assertThat(link(trail, "ticket", "T-42")).isNull();
        assertThat(link(trail, "tree-change", "stc-42")).isEqualTo("service-tree/changes/stc-42");
    }

    private static String link(AuditTrailPanel trail, String subjectType, String subjectId) {
        var dialog = trail.details(new io.tollgate.engine.audit.AuditEntry(1, java.time.Instant.now(), "engineer",
                "ENGINEER", "127.0.0.1", subjectType + ".requested", subjectType, subjectId, "a test entry", "{}",
                null, null, null, null, null, null, "ok"));
        return com.github.mvysny.kaributesting.v10.LocatorJ._find(dialog, Anchor.class,
                spec -> spec.withId("trail-entry-link")).stream().findFirst().map(Anchor::getHref).orElse(null);
    }

    /**
     * Entries written while an auditor scrolls do not shift the grid's pages: rows repeated and the newest never
     * showed (offset paging, newest first). The grid shows the trail as it was when searched; searching again shows
     * the new entries.
     */
    @Test
    void entriesWrittenWhileScrollingNeitherRepeatRowsNorHideThemForGood() {
        io.tollgate.engine.audit.AuditTrail trail = context.getBean(io.tollgate.engine.audit.AuditTrail.class);
        for (int i = 0; i < 150; i++) {
            trail.record(new io.tollgate.engine.audit.AuditEvent("history.paging", "engineer", "test", "p-" + i,
                    "before " + i, java.util.Map.of()));
        }
        Browserless.signIn(context, "auditor", "auditor-demo");
        UI.getCurrent().navigate("history");
        AuditTrailPanel panel = _get(HistoryView.class).trail;
        var first = GridKt._get(panel.entries, 0);
        for (int i = 0; i < 30; i++) {
            trail.record(new io.tollgate.engine.audit.AuditEvent("history.paging", "engineer", "test", "q-" + i,
                    "meanwhile " + i, java.util.Map.of()));
        }
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (int row = 0; row < 150; row++) {
            ids.add(GridKt._get(panel.entries, row).id());
        }
        assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(ids.get(0)).isEqualTo(first.id());

        com.github.mvysny.kaributesting.v10.LocatorJ._click(panel.search);
        assertThat(GridKt._get(panel.entries, 0).summary()).isEqualTo("meanwhile 29");
    }

    @Test
    void auditorsVerifyTheTrailFromTheHistoryPage() {
        Browserless.signIn(context, "auditor", "auditor-demo");
        UI.getCurrent().navigate("history");
        HistoryView view = _get(HistoryView.class);
        assertThat(GridKt._size(view.trail.entries)).isPositive();
        com.github.mvysny.kaributesting.v10.LocatorJ._click(view.trail.verify);
        assertThat(view.trail.verification.getText()).startsWith("The audit trail is intact:");
    }

    @Test
    @SuppressWarnings("unchecked")
    void auditorsSeeEveryModelDeploymentWithWhoAndWhy() {
        String key = "historyView" + System.nanoTime();
        identity.setAuthentication("process-owner", java.util.List.of("process-owner"));
        try {
            assertThatThrownBy(() -> repository.createDeployment().name("with-a-script")
                    .addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                            .startEvent("StartEvent_Go").scriptTask("Task_Script").scriptFormat("groovy")
                            .scriptText("1").endEvent("EndEvent_Done").done()).deploy())
                    .isInstanceOf(ParseException.class);
        } finally {
            identity.clearAuthentication();
        }
        Browserless.signIn(context, "auditor", "auditor-demo");
        UI.getCurrent().navigate("history");

        Grid<DeploymentRecord> grid = _get(Grid.class, spec -> spec.withId("deployments"));
        DeploymentRecord newest = GridKt._get(grid, 0);
        assertThat(newest.deployedBy()).isEqualTo("process-owner");
        assertThat(newest.accepted()).isFalse();
        assertThat(newest.definitions()).containsExactly(key);
        assertThat(newest.reasons()).anySatisfy(r -> assertThat(r).contains("Task_Script"));
        assertThat(GridKt._getFormattedRow(grid, 0)).contains("Refused", "process-owner", key);
    }
}
