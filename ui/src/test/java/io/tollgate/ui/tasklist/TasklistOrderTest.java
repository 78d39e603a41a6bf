package io.tollgate.ui.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.tollgate.engine.label.Labels;
import io.tollgate.engine.tasklist.TaskSummary;
import org.junit.jupiter.api.Test;

/** Where Open goes and how the list sorts, without a browser. */
class TasklistOrderTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void openGoesToTheTicketOrToTheTreeChangeSelectedOnTheApprovalsPage() {
        assertThat(TasklistView.location(task("1", "sqlTicket", "T-0000000000AB", T0, null, "LOW")))
                .isEqualTo("tickets/T-0000000000AB");
        assertThat(TasklistView.location(task("2", "serviceTreeChange", "C-42", T0, null, null)))
                .isEqualTo("service-tree/approvals/C-42");
        assertThat(TasklistView.location(task("3", "someoneElsesProcess", "X", T0, null, null))).isNull();
        assertThat(TasklistView.location(task("4", "sqlTicket", null, T0, null, null))).isNull();
    }

    @Test
    void aTreeChangeIsAboutItsKindInTheReadersWordsAndItsReason() {
        TaskSummary change = new TaskSummary("5", "Approve", "serviceTreeChange", "Service tree change", "C-1", null,
                T0, null, "rack move", "setTrafficRatios", "bob", null, true, false, null, null, null, true);
        assertThat(TasklistView.about(change, Labels.english())).isEqualTo("Set traffic ratios: rack move");
        assertThat(TasklistView.about(change, Labels.in("zh"))).doesNotContain("setTrafficRatios")
                .endsWith(": rack move");
        TaskSummary noReason = new TaskSummary("6", "Approve", "serviceTreeChange", "Service tree change", "C-2",
                null, T0, null, null, "delete", "bob", null, true, false, null, null, null, true);
        assertThat(TasklistView.about(noReason, Labels.english())).isEqualTo("Delete");
        assertThat(TasklistView.about(task("7", "sqlTicket", "T-1", T0, null, "LOW"), Labels.english()))
                .isEqualTo("subject");
    }

    @Test
    void sortsByCreatedRiskAndDue() {
        TaskSummary oldLow = task("old", "sqlTicket", "T-1", T0, T0.plusSeconds(7200), "LOW");
        TaskSummary midHigh = task("mid", "sqlTicket", "T-2", T0.plusSeconds(60), null, "HIGH");
        TaskSummary newModerate = task("new", "sqlTicket", "T-3", T0.plusSeconds(120), T0.plusSeconds(3600),
                "MODERATE");
        TaskSummary unreviewed = task("unrev", "sqlTicket", "T-4", T0.plusSeconds(30), null, null);
        List<TaskSummary> all = List.of(oldLow, midHigh, newModerate, unreviewed);
        assertThat(sorted(all, TasklistView.Sort.NEWEST)).containsExactly("new", "mid", "unrev", "old");
        assertThat(sorted(all, TasklistView.Sort.OLDEST)).containsExactly("old", "unrev", "mid", "new");
        assertThat(sorted(all, TasklistView.Sort.RISK)).containsExactly("mid", "new", "old", "unrev");
        assertThat(sorted(all, TasklistView.Sort.DUE)).containsExactly("new", "old", "mid", "unrev");
    }

    private static List<String> sorted(List<TaskSummary> tasks, TasklistView.Sort sort) {
        return tasks.stream().sorted(TasklistView.order(sort)).map(TaskSummary::id).toList();
    }

    private static TaskSummary task(String id, String processKey, String businessKey, Instant created, Instant due,
                                    String risk) {
        return new TaskSummary(id, "Approve", processKey, processKey, businessKey, null, created, due, "subject", null,
                "engineer", risk, true, false, "sandbox", "DEV", null, true);
    }
}
