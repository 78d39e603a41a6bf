package io.tollgate.engine.ticket.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tollgate.engine.approval.ApprovalEligibility;
import io.tollgate.engine.approval.ApprovalTasks;
import io.tollgate.engine.ticket.TicketNotAllowedException;
import io.tollgate.engine.ticket.TicketSummary;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.engine.ticket.internal.journal.TicketRepository;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code sqlTicket} process's open tasks: a person's, a ticket's, one by id or by kind, each with the ticket it
 * belongs to by its process's business key (never a variable).
 */
@Component
public class TicketTaskReads {

    static final Map<String, TicketTask.Kind> TASK_KINDS = Map.of(
            Elements.TASK_REVIEWER_APPROVAL, TicketTask.Kind.APPROVAL,
            Elements.TASK_DBA_APPROVAL, TicketTask.Kind.DBA_APPROVAL,
            Elements.TASK_ROLLBACK_APPROVAL, TicketTask.Kind.ROLLBACK_APPROVAL,
            Elements.TASK_FIX_TICKET, TicketTask.Kind.FIX,
            Elements.TASK_CONFIRM_EXECUTION, TicketTask.Kind.CONFIRM_EXECUTION,
            Elements.TASK_RESOLVE_FAILURE, TicketTask.Kind.RESOLVE_FAILURE,
            Elements.TASK_RESOLVE_ROLLBACK_FAILURE, TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE);
    // an EnumSet: a task the model names otherwise has no kind, and is no approval (Set.of would throw on null)
    static final Set<TicketTask.Kind> APPROVALS = java.util.EnumSet.of(TicketTask.Kind.APPROVAL,
            TicketTask.Kind.DBA_APPROVAL, TicketTask.Kind.ROLLBACK_APPROVAL);

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final TicketTaskLookup taskLookup;
    private final TicketRepository repository;
    private final ApprovalTasks approvalTasks;
    private final TicketApprovalEligibility eligibility;

    TicketTaskReads(RuntimeService runtimeService, TaskService taskService, TicketTaskLookup taskLookup,
                    TicketRepository repository, ApprovalTasks approvalTasks, TicketApprovalEligibility eligibility) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.taskLookup = taskLookup;
        this.repository = repository;
        this.approvalTasks = approvalTasks;
        this.eligibility = eligibility;
    }

    @Transactional(readOnly = true)
    public List<TicketTask> tasksFor(String username, Collection<String> groups) {
        List<Task> tasks = new ArrayList<>(ticketTasks().taskAssignee(username).list());
        tasks.addAll(ticketTasks().taskCandidateUser(username).list());
        if (!groups.isEmpty()) {
            tasks.addAll(ticketTasks().taskCandidateGroupIn(List.copyOf(groups)).list());
        }
        Map<String, Task> unique = new LinkedHashMap<>();
        tasks.forEach(t -> unique.putIfAbsent(t.getId(), t));
        // an approval is listed only to those whose decision would count (as the tasklist offers it); one they hold
        // stays listed, so that they can hand it back
        List<TicketTask> listed = toTicketTasks(unique.values()).stream()
                .filter(t -> !(APPROVALS.contains(t.kind()) && t.ticket().submitter().equals(username))).toList();
        Set<String> ineligible = ineligibleAmong(listed, unique, username);
        return listed.stream().filter(t -> !ineligible.contains(t.taskId()))
                .sorted(java.util.Comparator.comparing(TicketTask::created).reversed()).toList();
    }

    /** The approvals among the listed (not held by the person) they may not decide, asked once for all of them. */
    private Set<String> ineligibleAmong(List<TicketTask> listed, Map<String, Task> tasks, String username) {
        Set<String> ineligible = new HashSet<>();
        List<String> asked = new ArrayList<>();
        List<ApprovalEligibility.Ask> asks = new ArrayList<>();
        for (TicketTask t : listed) {
            if (!APPROVALS.contains(t.kind()) || username.equals(t.assignee())) {
                continue;
            }
            Optional<String> step = approvalTasks.step(tasks.get(t.taskId()));
            if (step.isEmpty()) {
                ineligible.add(t.taskId());
            } else {
                asked.add(t.taskId());
                asks.add(new ApprovalEligibility.Ask(t.ticket().id(), step.get()));
            }
        }
        List<Optional<String>> answers = asks.isEmpty() ? List.of() : eligibility.whyNotEach(asks, username);
        for (int i = 0; i < asked.size(); i++) {
            if (answers.get(i).isPresent()) {
                ineligible.add(asked.get(i));
            }
        }
        return ineligible;
    }

    @Transactional(readOnly = true)
    public List<TicketTask> openTasks(String ticketId) {
        return toTicketTasks(taskLookup.openTasks(ticketId));
    }

    private List<TicketTask> toTicketTasks(Collection<Task> tasks) {
        Map<String, String> ticketIds = ticketIds(tasks);
        Map<String, TicketSummary> tickets = repository.summariesOf(Set.copyOf(ticketIds.values())).stream()
                .collect(Collectors.toMap(TicketSummary::id, Function.identity()));
        List<TicketTask> result = new ArrayList<>();
        for (Task task : tasks) {
            TicketSummary ticket = tickets.get(ticketIds.get(task.getProcessInstanceId()));
            TicketTask.Kind kind = TASK_KINDS.get(task.getTaskDefinitionKey());
            if (ticket != null && kind != null) {
                result.add(new TicketTask(task.getId(), kind, task.getName(), task.getAssignee(),
                        task.getCreateTime().toInstant(), ticket));
            }
        }
        return result;
    }

    private TaskQuery ticketTasks() {
        return taskService.createTaskQuery().processDefinitionKey(SqlTicketProcess.KEY);
    }

    Task openTask(String taskId) {
        Task task = taskId == null ? null : ticketTasks().taskId(taskId).singleResult();
        if (task == null) {
            if (taskId != null && taskService.createTaskQuery().taskId(taskId).count() > 0) {
                boolean tree = taskService.createTaskQuery().taskId(taskId)
                        .processDefinitionKey(ServiceTreeChangeProcess.KEY).count() > 0;
                throw new TicketNotAllowedException("task " + taskId + " is not a SQL ticket's task" + (tree
                        ? ": a service-tree change's approval is decided at POST /api/v1/service-tree/approvals/"
                        + taskId + "/decision" : ""));
            }
            approvalTasks.requireKnown(taskId);
            throw new TicketNotAllowedException("task " + taskId + " is no longer open");
        }
        return task;
    }

    Optional<Task> ticketTask(String ticketId, String taskKey) {
        List<Task> tasks = taskLookup.openTasks(ticketId).stream()
                .filter(t -> taskKey.equals(t.getTaskDefinitionKey())).toList();
        if (tasks.size() > 1) {
            throw new IllegalStateException("ticket " + ticketId + " has " + tasks.size() + " open " + taskKey
                    + " tasks");
        }
        return tasks.stream().findFirst();
    }

    /**
     * The ticket id of each task's process instance, by process instance id: the business key (which no variable write
     * can change), read in one query (task lists are polled by scripts).
     */
    private Map<String, String> ticketIds(Collection<Task> tasks) {
        Set<String> instances = tasks.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        if (instances.isEmpty()) {
            return Map.of();
        }
        Map<String, String> ids = new HashMap<>();
        for (ProcessInstance instance : runtimeService.createProcessInstanceQuery().processInstanceIds(instances)
                .list()) {
            if (instance.getBusinessKey() != null) {
                ids.put(instance.getId(), instance.getBusinessKey());
            }
        }
        return ids;
    }

    /** The ticket a task belongs to: its process's business key, which no variable write can change. */
    String businessKey(Task task) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult().getBusinessKey();
    }

    /** The ticket's open tasks, by one native statement. */
    List<Task> openTasksOf(String ticketId) {
        return taskLookup.openTasks(ticketId);
    }
}
