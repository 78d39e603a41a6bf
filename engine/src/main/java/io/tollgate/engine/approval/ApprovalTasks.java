package io.tollgate.engine.approval;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.tollgate.processes.ApprovalSteps;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Which approval step a user task gives, as its model says with the {@value ApprovalSteps#PROPERTY} extension property
 * (never guessed from its element id). Which step it is only says which rule applies; whether the decision counts is
 * the {@link ApprovalPolicy}'s call.
 */
@Component
public class ApprovalTasks {

    /** Definitions times user tasks; past this, answers are read from the model each time. */
    private static final int MAX_KEPT = 10_000;

    private final RepositoryService repositoryService;
    private final TaskService taskService;
    private final HistoryService historyService;
    private final Map<String, Optional<String>> steps = new ConcurrentHashMap<>();

    ApprovalTasks(RepositoryService repositoryService, TaskService taskService, HistoryService historyService) {
        this.repositoryService = repositoryService;
        this.taskService = taskService;
        this.historyService = historyService;
    }

    /**
     * Refuses a task id the engine never had (or whose history is cleaned up) as unknown, a 404: "no longer open" for a
     * mistyped id read as if someone had decided it already.
     */
    public void requireKnown(String taskId) {
        if (taskId == null || historyService.createHistoricTaskInstanceQuery().taskId(taskId).count() == 0) {
            throw io.tollgate.engine.NotFoundException.of("task", String.valueOf(taskId));
        }
    }

    /**
     * Whether the open task is {@code username}'s to decide in the engine: assigned to them, or unassigned and offered
     * to them or one of their {@code groups}. Whether their decision counts is still the {@link ApprovalPolicy}'s call.
     */
    public boolean offered(Task task, String username, Collection<String> groups) {
        if (username.equals(task.getAssignee())) {
            return true;
        }
        if (task.getAssignee() != null) {
            return false;
        }
        List<IdentityLink> links;
        try {
            links = taskService.getIdentityLinksForTask(task.getId());
        } catch (org.camunda.bpm.engine.exception.NullValueException | NullPointerException gone) {
            // completed or deleted by a request at the same moment, between reading the task and its links (the
            // engine's permission check then meets the task's execution gone): not offered, a 409, never a 500
            return false;
        }
        for (IdentityLink link : links) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType())
                    && (username.equals(link.getUserId())
                    || (link.getGroupId() != null && groups.contains(link.getGroupId())))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Completes {@code taskId} as {@code decider}'s decision: the only completion of an approval task that the record
     * listeners credit. Tollgate's decision use cases call it after checking who decides; a completion anywhere else
     * (another use case completing a task a model made an approval, a model's timeout listener or timer in the job
     * executor, the engine's APIs) has no decider and is refused, whatever the task's assignee says. {@code decided}
     * holds what the use case decided, as plain values by variable name: the record listeners read the decision from
     * it ({@link #decided}), never from the task's variables, where an admin may have set a task-local variable of the
     * same name that the listener would read and the process's gateway would not (a helper's finding: a rejection
     * recorded as an approval).
     */
    public static void completeAsDecision(String taskId, String decider, Map<String, ?> decided, Runnable complete) {
        Decision outer = DECIDING.get();
        DECIDING.set(new Decision(taskId, decider, Collections.unmodifiableMap(new HashMap<>(decided))));
        try {
            complete.run();
        } finally {
            if (outer == null) {
                DECIDING.remove();
            } else {
                DECIDING.set(outer);
            }
        }
    }

    /** Who decides the task being completed, when this thread completes it through {@link #completeAsDecision}. */
    public static Optional<String> decider(DelegateTask task) {
        Decision deciding = DECIDING.get();
        return deciding != null && deciding.taskId().equals(task.getId()) ? Optional.of(deciding.decider())
                : Optional.empty();
    }

    /**
     * What the decider decided, by variable name, when this thread completes the task through
     * {@link #completeAsDecision}; empty otherwise.
     */
    public static Map<String, ?> decided(DelegateTask task) {
        Decision deciding = DECIDING.get();
        return deciding != null && deciding.taskId().equals(task.getId()) ? deciding.decided() : Map.of();
    }

    private static final ThreadLocal<Decision> DECIDING = new ThreadLocal<>();

    private record Decision(String taskId, String decider, Map<String, ?> decided) {
    }

    /** The step of a task being completed. */
    public static Optional<String> step(DelegateTask task) {
        return step(task.getBpmnModelElementInstance());
    }

    /**
     * The step of an open task, from its process definition's model. A deployed definition never changes (a new
     * deployment is a new definition id), so the answer is kept per definition and task key: reading the model is a
     * command of its own on every decision otherwise.
     */
    public Optional<String> step(Task task) {
        String key = task.getProcessDefinitionId() + '\n' + task.getTaskDefinitionKey();
        Optional<String> known = steps.get(key);
        if (known != null) {
            return known;
        }
        Optional<String> step = step(repositoryService.getBpmnModelInstance(task.getProcessDefinitionId())
                .<BaseElement>getModelElementById(task.getTaskDefinitionKey()));
        if (steps.size() < MAX_KEPT) {
            steps.put(key, step);
        }
        return step;
    }

    /**
     * The step, when it is one of {@code known} (the steps of the ticket or change the task belongs to); otherwise the
     * task is no approval Tollgate knows, and deciding it is refused.
     */
    public static String requireStep(Optional<String> step, java.util.Set<String> known, String taskName,
                                     String subject) {
        return step.filter(known::contains).orElseThrow(() -> new ApprovalRefusedException(
                ApprovalRefusedException.Reason.UNKNOWN_STEP, "task '" + taskName + "' of " + subject
                + " is not an approval Tollgate knows (its model gives none of the steps " + known + ")"));
    }

    static Optional<String> step(BaseElement element) {
        ExtensionElements extensions = element == null ? null : element.getExtensionElements();
        if (extensions == null) {
            return Optional.empty();
        }
        for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty property : properties.getCamundaProperties()) {
                if (ApprovalSteps.PROPERTY.equals(property.getCamundaName())) {
                    return Optional.ofNullable(property.getCamundaValue());
                }
            }
        }
        return Optional.empty();
    }
}
