package io.tollgate.ui.tasklist;

import java.util.List;
import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.tasklist.BatchDecision;
import io.tollgate.engine.tasklist.BatchDecisions;
import io.tollgate.engine.tasklist.TaskSummary;

/**
 * The tasklist's "Decide selected…": the approvals a reviewer ticked, listed once more, one comment, and Approve all or
 * Reject all (a rejection needs the comment). Each is decided by {@link BatchDecisions} with every check of a single
 * decision; what was not decided is listed with why, and the list is read again either way.
 */
final class BatchDecisionDialog extends Dialog {

    static final String COMMENT = "batch-comment";
    static final String APPROVE = "batch-approve";
    static final String REJECT = "batch-reject";

    private final List<TaskSummary> tasks;
    private final BatchDecisions decisions;
    private final String username;
    private final List<String> groups;
    private final Consumer<List<BatchDecision>> afterwards;
    private final TextArea comment = new TextArea("Comment (needed to reject)");

    BatchDecisionDialog(List<TaskSummary> tasks, BatchDecisions decisions, String username, List<String> groups,
                        Consumer<List<BatchDecision>> afterwards) {
        this.tasks = List.copyOf(tasks);
        this.decisions = decisions;
        this.username = username;
        this.groups = groups;
        this.afterwards = afterwards;
        setHeaderTitle("Decide " + (tasks.size() == 1 ? "1 approval" : tasks.size() + " approvals"));
        setId("batch-dialog");
        UnorderedList list = new UnorderedList();
        for (TaskSummary task : this.tasks) {
            String about = TasklistView.about(task, io.tollgate.ui.layout.PageLanguage.LABELS);
            list.add(new ListItem(task.businessKey() + " · " + (about == null ? task.name() : about)
                    + (task.requester() == null ? "" : " (by " + task.requester() + ")")));
        }
        Div scroll = new Div(list);
        scroll.getStyle().set("max-height", "14em").set("overflow", "auto");
        comment.setId(COMMENT);
        comment.setWidthFull();
        comment.setMaxLength(BatchDecisions.MAX_COMMENT);
        comment.setValueChangeMode(ValueChangeMode.EAGER);
        Button approve = new Button("Approve " + count(), e -> decide(true));
        approve.setId(APPROVE);
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        Button reject = new Button("Reject " + count(), e -> decide(false));
        reject.setId(REJECT);
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        reject.setEnabled(false);
        comment.addValueChangeListener(e -> reject.setEnabled(!e.getValue().isBlank()));
        add(new Paragraph("Each is decided as if opened alone: you must be offered it, and not its requester."),
                scroll, comment);
        getFooter().add(new Button("Cancel", e -> close()), reject, approve);
        setWidth("min(40em, 95vw)");
    }

    private String count() {
        return tasks.size() == 1 ? "1" : "all " + tasks.size();
    }

    private void decide(boolean approve) {
        List<BatchDecision> outcomes;
        try {
            outcomes = decisions.decideEach(tasks.stream().map(TaskSummary::id).toList(), username, groups, approve,
                    comment.getValue());
        } catch (InvalidRequestException refused) {
            show(refused.getMessage(), NotificationVariant.LUMO_ERROR);
            return;
        }
        close();
        show(summary(outcomes, approve), outcomes.stream().allMatch(BatchDecision::decided)
                ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_WARNING);
        afterwards.accept(outcomes);
    }

    /** "3 approved." or "2 approved; not decided: T-… (why)". */
    static String summary(List<BatchDecision> outcomes, boolean approve) {
        long decided = outcomes.stream().filter(BatchDecision::decided).count();
        StringBuilder text = new StringBuilder().append(decided).append(approve ? " approved" : " rejected");
        List<BatchDecision> left = outcomes.stream().filter(o -> !o.decided()).toList();
        if (!left.isEmpty()) {
            text.append("; not decided: ");
            for (int i = 0; i < left.size(); i++) {
                BatchDecision outcome = left.get(i);
                text.append(i == 0 ? "" : "; ").append(outcome.businessKey() == null ? outcome.taskId()
                        : outcome.businessKey()).append(" (").append(outcome.reason()).append(')');
            }
        }
        return text.append('.').toString();
    }

    private static void show(String message, NotificationVariant variant) {
        Notification notification = Notification.show(message, 8000, Notification.Position.MIDDLE);
        notification.addThemeVariants(variant);
    }
}
