package io.tollgate.engine.tasklist.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.NotFoundException;
import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.servicetree.NotAllowedException;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.engine.ticket.TicketNotAllowedException;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.engine.tasklist.BatchDecision;
import io.tollgate.engine.tasklist.BatchDecisions;
import io.tollgate.engine.tasklist.TaskClaimException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link BatchDecisions}: reads the tasks once to know which process decides each, then hands each to that process's
 * own decision, outside any transaction of its own so that each decision commits or fails alone. What it reads is
 * for routing and the answer only; the decisions check everything again from Tollgate's records.
 */
@Component
class ApprovalBatch implements BatchDecisions {

    private static final Logger log = LoggerFactory.getLogger(ApprovalBatch.class);

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final Tickets tickets;
    private final ServiceTreeChangeRequests treeChanges;

    ApprovalBatch(TaskService taskService, RuntimeService runtimeService, RepositoryService repositoryService,
                  Tickets tickets, ServiceTreeChangeRequests treeChanges) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.tickets = tickets;
        this.treeChanges = treeChanges;
    }

    @Override
    public List<BatchDecision> decideEach(List<String> taskIds, String username, Collection<String> groups,
                                          boolean approve, String comment) {
        check(taskIds, approve, comment);
        Map<String, Task> tasks = taskService.createTaskQuery().taskIdIn(taskIds.toArray(String[]::new)).list()
                .stream().collect(Collectors.toMap(Task::getId, Function.identity()));
        Map<String, String> processKeys = processKeys(tasks.values());
        Map<String, String> businessKeys = businessKeys(tasks.values());
        List<BatchDecision> outcomes = new ArrayList<>(taskIds.size());
        for (String taskId : taskIds) {
            Task task = tasks.get(taskId);
            if (task == null) {
                outcomes.add(new BatchDecision(taskId, null, null, BatchDecision.Outcome.NOT_FOUND,
                        "no open task " + taskId + ": decided meanwhile, withdrawn, or never there"));
                continue;
            }
            String processKey = processKeys.get(task.getProcessDefinitionId());
            String businessKey = businessKeys.get(task.getProcessInstanceId());
            outcomes.add(decide(task, processKey, businessKey, username, groups, approve, comment));
        }
        return outcomes;
    }

    private BatchDecision decide(Task task, String processKey, String businessKey, String username,
                                 Collection<String> groups, boolean approve, String comment) {
        if (!KnownProcesses.isApproval(processKey, task.getTaskDefinitionKey())) {
            return new BatchDecision(task.getId(), processKey, businessKey, BatchDecision.Outcome.NOT_ALLOWED,
                    "'" + task.getName() + "' is not an approval of a ticket or a service-tree change; open it to"
                            + " work on it");
        }
        try {
            if (SqlTicketProcess.KEY.equals(processKey)) {
                tickets.decide(task.getId(), username, groups, approve, comment);
            } else {
                treeChanges.decide(task.getId(), username, groups, approve, comment);
            }
            return new BatchDecision(task.getId(), processKey, businessKey, BatchDecision.Outcome.DECIDED, null);
        } catch (ApprovalRefusedException | PermissionDeniedException refused) {
            return new BatchDecision(task.getId(), processKey, businessKey, BatchDecision.Outcome.REFUSED,
                    refused.getMessage());
        } catch (TicketNotAllowedException | NotAllowedException | TaskClaimException
                 | InvalidRequestException notNow) {
            return new BatchDecision(task.getId(), processKey, businessKey, BatchDecision.Outcome.NOT_ALLOWED,
                    notNow.getMessage());
        } catch (NotFoundException gone) {
            return new BatchDecision(task.getId(), processKey, businessKey, BatchDecision.Outcome.NOT_FOUND,
                    gone.getMessage());
        } catch (OptimisticLockingException raced) {
            return new BatchDecision(task.getId(), processKey, businessKey, BatchDecision.Outcome.NOT_ALLOWED,
                    "'" + task.getName() + "' of " + businessKey + " changed while deciding it (someone else"
                            + " decided or claimed it); look again");
        } catch (RuntimeException failed) {
            ApprovalRefusedException insideTheEngine = refusal(failed);
            if (insideTheEngine != null) { // the engine's own listener refused it (a change since the checks above)
                return new BatchDecision(task.getId(), processKey, businessKey, BatchDecision.Outcome.REFUSED,
                        insideTheEngine.getMessage());
            }
            log.error("batch decision of task {} ({} {}) by {} failed", task.getId(), processKey, businessKey,
                    username, failed);
            return new BatchDecision(task.getId(), processKey, businessKey, BatchDecision.Outcome.FAILED,
                    "'" + task.getName() + "' of " + businessKey + " could not be decided (" + failed.getClass()
                            .getSimpleName() + "); nothing of it was decided: open it and decide it alone");
        }
    }

    /** The approval policy's refusal among the causes of {@code failed}, or null. */
    private static ApprovalRefusedException refusal(Throwable failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApprovalRefusedException refused) {
                return refused;
            }
        }
        return null;
    }

    /** Refuses a batch that cannot be taken as a whole, before anything is decided. */
    private static void check(List<String> taskIds, boolean approve, String comment) {
        if (taskIds == null || taskIds.isEmpty()) {
            throw new InvalidRequestException("taskIds", "name at least one task to decide in \"taskIds\"");
        }
        if (taskIds.size() > MAX_TASKS) {
            throw new InvalidRequestException("taskIds", "at most " + MAX_TASKS + " tasks are decided at once; "
                    + taskIds.size() + " were named");
        }
        Set<String> seen = new HashSet<>();
        for (String taskId : taskIds) {
            if (taskId == null || taskId.isBlank()) {
                throw new InvalidRequestException("taskIds", "\"taskIds\" holds an empty task id");
            }
            if (!seen.add(taskId)) {
                throw new InvalidRequestException("taskIds", "task " + taskId + " is named twice in \"taskIds\"");
            }
        }
        if (!approve && io.tollgate.engine.PrintableText.saysNothing(comment)) {
            throw new InvalidRequestException("comment", "a rejection needs a \"comment\" saying why");
        }
        String tooLong = ApprovalPolicy.commentTooLong(comment);
        if (tooLong != null) {
            throw new InvalidRequestException("comment", tooLong);
        }
    }

    private Map<String, String> processKeys(Collection<Task> tasks) {
        Set<String> ids = tasks.stream().map(Task::getProcessDefinitionId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        return repositoryService.createProcessDefinitionQuery().processDefinitionIdIn(ids.toArray(String[]::new))
                .list().stream().collect(Collectors.toMap(ProcessDefinition::getId, ProcessDefinition::getKey));
    }

    private Map<String, String> businessKeys(Collection<Task> tasks) {
        Set<String> ids = tasks.stream().map(Task::getProcessInstanceId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> keys = new java.util.HashMap<>();
        for (ProcessInstance instance : runtimeService.createProcessInstanceQuery().processInstanceIds(ids).list()) {
            keys.put(instance.getId(), instance.getBusinessKey());
        }
        return keys;
    }
}
