package io.tollgate.engine.tasklist.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.tollgate.engine.account.Role;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.engine.tasklist.TaskClaimException;
import io.tollgate.engine.tasklist.TaskOffer;
import io.tollgate.engine.tasklist.TaskSummary;
import io.tollgate.engine.tasklist.Tasklist;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

@Component
class CamundaTasklist implements Tasklist {

    private static final Comparator<Task> NEWEST_FIRST = Comparator.comparing(Task::getCreateTime,
            Comparator.nullsLast(Comparator.reverseOrder()));

    private final TaskService taskService;
    private final RepositoryService repositoryService;
    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final Requesters requesters;
    private final People people;

    CamundaTasklist(TaskService taskService, RepositoryService repositoryService, RuntimeService runtimeService,
                    ManagementService managementService, Requesters requesters, People people) {
        this.requesters = requesters;
        this.people = people;
        this.managementService = managementService;
        this.taskService = taskService;
        this.repositoryService = repositoryService;
        this.runtimeService = runtimeService;
    }

    @Override
    public List<TaskSummary> tasksFor(String username, Collection<String> groups) {
        List<Task> assigned = taskService.createTaskQuery().taskAssignee(username).orderByTaskCreateTime().desc()
                .list();
        Map<String, Task> offered = offeredTo(username, groups);
        List<Task> others = offered.values().stream().filter(t -> !username.equals(t.getAssignee()))
                .sorted(Comparator.comparing((Task t) -> t.getAssignee() != null).thenComparing(NEWEST_FIRST))
                .toList();
        List<Task> tasks = new ArrayList<>(assigned);
        tasks.addAll(others);
        Map<String, ProcessDefinition> definitions = definitions(tasks);
        Map<String, Instance> instances = instances(tasks);
        Map<String, Map<String, String>> requestersByProcess = requesters(tasks, definitions, instances);
        Map<String, Instant> expiries = approvalExpiries(instances.keySet());
        List<TaskSummary> rows = new ArrayList<>();
        for (Task task : tasks) {
            ProcessDefinition definition = definitions.get(task.getProcessDefinitionId());
            String processKey = definition == null ? null : definition.getKey();
            Instance instance = instances.getOrDefault(task.getProcessInstanceId(), Instance.NONE);
            KnownProcesses.Facts facts = KnownProcesses.facts(processKey, instance.variables());
            String requester = instance.businessKey() == null ? null
                    : requestersByProcess.getOrDefault(processKey, Map.of()).get(instance.businessKey());
            boolean approval = KnownProcesses.isApproval(processKey, task.getTaskDefinitionKey());
            if (approval && username.equals(requester)) {
                continue; // four eyes: never offered one's own approval
            }
            boolean mine = username.equals(task.getAssignee());
            Instant due = task.getDueDate() != null ? task.getDueDate().toInstant()
                    : facts.scheduledAt() != null ? facts.scheduledAt() : expiries.get(task.getProcessInstanceId());
            rows.add(new TaskSummary(task.getId(), task.getName(), processKey, name(definition),
                    instance.businessKey(), task.getAssignee(),
                    task.getCreateTime() == null ? null : task.getCreateTime().toInstant(), due,
                    facts.subject(), requester, facts.risk(),
                    task.getAssignee() == null, mine && offered.containsKey(task.getId()), facts.instance(),
                    facts.environment(), facts.estimatedRows(), approval));
        }
        return rows;
    }

    @Override
    public long countFor(String username, Collection<String> groups) {
        return tasksFor(username, groups).stream().filter(t -> t.canClaim() || username.equals(t.assignee())).count();
    }

    @Override
    public void claim(String taskId, String username, Collection<String> groups) {
        Task task = openTask(taskId);
        if (username.equals(task.getAssignee())) {
            return;
        }
        if (task.getAssignee() != null) {
            throw claimedByOther(task, task.getAssignee());
        }
        List<IdentityLink> candidates = candidates(task);
        if (candidates.stream().noneMatch(c -> username.equals(c.getUserId()) || groups.contains(c.getGroupId()))) {
            throw new TaskClaimException(TaskClaimException.Reason.NOT_OFFERED,
                    "task '" + task.getName() + "' is not offered to " + username + " or their groups");
        }
        refuseOwnApproval(task, username);
        try {
            taskService.claim(taskId, username);
        } catch (TaskAlreadyClaimedException | OptimisticLockingException raced) {
            Task now = taskService.createTaskQuery().taskId(taskId).singleResult();
            if (now == null) {
                throw gone(taskId);
            }
            throw claimedByOther(now, now.getAssignee() == null ? "someone else" : now.getAssignee());
        }
    }

    @Override
    public void unclaim(String taskId, String username, Collection<String> groups) {
        Task task = openTask(taskId);
        if (task.getAssignee() == null) {
            return;
        }
        if (!username.equals(task.getAssignee()) && !groups.contains(Role.ADMIN.groupId())) {
            throw new TaskClaimException(TaskClaimException.Reason.NOT_ASSIGNEE, "task '" + task.getName()
                    + "' is claimed by " + task.getAssignee() + "; only they or an admin may unclaim it");
        }
        if (candidates(task).isEmpty()) {
            throw new TaskClaimException(TaskClaimException.Reason.ASSIGNED_BY_PROCESS, "task '" + task.getName()
                    + "' is assigned to " + task.getAssignee() + " by its process and cannot be handed back");
        }
        try {
            taskService.setAssignee(taskId, null);
        } catch (OptimisticLockingException raced) {
            throw new TaskClaimException(TaskClaimException.Reason.GONE,
                    "task '" + task.getName() + "' changed while unclaiming it; look again");
        }
    }

    @Override
    public TaskOffer offer(String taskId) {
        Task task = taskId == null ? null : taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            return new TaskOffer(List.of(), List.of());
        }
        List<IdentityLink> candidates = candidates(task);
        List<String> offeredGroups = candidates.stream().map(IdentityLink::getGroupId).filter(Objects::nonNull)
                .distinct().sorted().toList();
        java.util.TreeSet<String> offered = new java.util.TreeSet<>(people.membersOf(offeredGroups));
        candidates.stream().map(IdentityLink::getUserId).filter(Objects::nonNull)
                .filter(u -> people.groupsOf(u).isPresent()).forEach(offered::add);
        String requester = requesterOfApproval(task);
        if (requester != null) {
            offered.remove(requester);
        }
        return new TaskOffer(offeredGroups, List.copyOf(offered));
    }

    @Override
    public List<String> reassignableTo(String taskId, String username, Collection<String> groups) {
        Task task = taskId == null ? null : taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null || !mayReassign(task, username, groups)) {
            return List.of();
        }
        List<IdentityLink> candidates = candidates(task);
        java.util.TreeSet<String> offered = new java.util.TreeSet<>(people.membersOf(candidates.stream()
                .map(IdentityLink::getGroupId).filter(Objects::nonNull).toList()));
        candidates.stream().map(IdentityLink::getUserId).filter(Objects::nonNull)
                .filter(u -> people.groupsOf(u).isPresent()).forEach(offered::add);
        offered.remove(task.getAssignee());
        String requester = requesterOfApproval(task);
        if (requester != null) {
            offered.remove(requester);
        }
        return List.copyOf(offered);
    }

    @Override
    public void reassign(String taskId, String username, Collection<String> groups, String toUser) {
        Task task = openTask(taskId);
        if (toUser == null || toUser.equals(task.getAssignee())) {
            return;
        }
        if (!username.equals(task.getAssignee()) && !groups.contains(Role.ADMIN.groupId())) {
            throw new TaskClaimException(TaskClaimException.Reason.NOT_ASSIGNEE, "task '" + task.getName()
                    + "' is " + (task.getAssignee() == null ? "unclaimed" : "claimed by " + task.getAssignee())
                    + "; only its claimant or an admin may hand it to someone else");
        }
        List<IdentityLink> candidates = candidates(task);
        if (candidates.isEmpty()) {
            throw new TaskClaimException(TaskClaimException.Reason.ASSIGNED_BY_PROCESS, "task '" + task.getName()
                    + "' is assigned to " + task.getAssignee() + " by its process and cannot be handed on");
        }
        List<String> theirGroups = people.groupsOf(toUser).orElseThrow(() -> new TaskClaimException(
                TaskClaimException.Reason.NOT_OFFERED, toUser + " has no enabled account"));
        if (candidates.stream().noneMatch(c -> toUser.equals(c.getUserId())
                || theirGroups.contains(c.getGroupId()))) {
            throw new TaskClaimException(TaskClaimException.Reason.NOT_OFFERED,
                    "task '" + task.getName() + "' is not offered to " + toUser + " or their groups");
        }
        refuseOwnApproval(task, toUser);
        try {
            taskService.setAssignee(taskId, toUser);
        } catch (OptimisticLockingException raced) {
            throw new TaskClaimException(TaskClaimException.Reason.GONE,
                    "task '" + task.getName() + "' changed while handing it on; look again");
        }
    }

    private boolean mayReassign(Task task, String username, Collection<String> groups) {
        return (username.equals(task.getAssignee()) || groups.contains(Role.ADMIN.groupId()))
                && !candidates(task).isEmpty();
    }

    /** Who asked for the request the task approves, or null when it is no approval or nobody is recorded. */
    private String requesterOfApproval(Task task) {
        ProcessDefinition definition = repositoryService.getProcessDefinition(task.getProcessDefinitionId());
        if (!KnownProcesses.isApproval(definition.getKey(), task.getTaskDefinitionKey())) {
            return null;
        }
        Instance instance = instances(List.of(task)).getOrDefault(task.getProcessInstanceId(), Instance.NONE);
        return instance.businessKey() == null ? null
                : requesters.of(definition.getKey(), List.of(instance.businessKey())).get(instance.businessKey());
    }

    /** Open tasks offered to the person by name or through one of their groups, claimed or not, by id. */
    private Map<String, Task> offeredTo(String username, Collection<String> groups) {
        List<Task> tasks = new ArrayList<>(taskService.createTaskQuery().taskCandidateUser(username)
                .includeAssignedTasks().list());
        if (!groups.isEmpty()) {
            tasks.addAll(taskService.createTaskQuery().taskCandidateGroupIn(new ArrayList<>(groups))
                    .includeAssignedTasks().list());
        }
        Map<String, Task> byId = new LinkedHashMap<>();
        tasks.forEach(t -> byId.putIfAbsent(t.getId(), t));
        return byId;
    }

    private void refuseOwnApproval(Task task, String username) {
        if (username.equals(requesterOfApproval(task))) {
            ProcessDefinition definition = repositoryService.getProcessDefinition(task.getProcessDefinitionId());
            String businessKey = instances(List.of(task)).getOrDefault(task.getProcessInstanceId(), Instance.NONE)
                    .businessKey();
            throw new TaskClaimException(TaskClaimException.Reason.OWN_REQUEST,
                    KnownProcesses.ownApproval(definition.getKey(), username, businessKey));
        }
    }

    private Task openTask(String taskId) {
        Task task = taskId == null ? null : taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw gone(taskId);
        }
        return task;
    }

    private List<IdentityLink> candidates(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType())).toList();
    }

    private static TaskClaimException gone(String taskId) {
        return new TaskClaimException(TaskClaimException.Reason.GONE,
                "task " + taskId + " is no longer open: it was completed or withdrawn");
    }

    private static TaskClaimException claimedByOther(Task task, String assignee) {
        return new TaskClaimException(TaskClaimException.Reason.CLAIMED_BY_OTHER,
                "task '" + task.getName() + "' is already claimed by " + assignee);
    }

    private static String name(ProcessDefinition definition) {
        return definition == null ? null : definition.getName() != null ? definition.getName() : definition.getKey();
    }

    private Map<String, ProcessDefinition> definitions(List<Task> tasks) {
        String[] ids = tasks.stream().map(Task::getProcessDefinitionId).filter(Objects::nonNull)
                .distinct().toArray(String[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        return repositoryService.createProcessDefinitionQuery().processDefinitionIdIn(ids).list().stream()
                .collect(Collectors.toMap(ProcessDefinition::getId, d -> d, (a, b) -> a));
    }

    /** A task's process instance: its business key and the variables of {@link KnownProcesses#VARIABLES}. */
    /** Who asked for each task's request, per process key and business key, one lookup per process. */
    private Map<String, Map<String, String>> requesters(List<Task> tasks, Map<String, ProcessDefinition> definitions,
                                                         Map<String, Instance> instances) {
        Map<String, Set<String>> keys = new java.util.HashMap<>();
        for (Task task : tasks) {
            ProcessDefinition definition = definitions.get(task.getProcessDefinitionId());
            String businessKey = instances.getOrDefault(task.getProcessInstanceId(), Instance.NONE).businessKey();
            if (definition != null && businessKey != null) {
                keys.computeIfAbsent(definition.getKey(), k -> new java.util.HashSet<>()).add(businessKey);
            }
        }
        Map<String, Map<String, String>> result = new java.util.HashMap<>();
        keys.forEach((processKey, businessKeys) -> result.put(processKey, requesters.of(processKey, businessKeys)));
        return result;
    }

    /** When each instance's service-tree approval expires: the due date of its expiry timer, by instance id. */
    private Map<String, Instant> approvalExpiries(Set<String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return Map.of();
        }
        Set<String> expiryTimers = managementService.createJobDefinitionQuery()
                .activityIdIn(ServiceTreeChangeProcess.Elements.BOUNDARY_EVENT_APPROVAL_EXPIRED).list().stream()
                .map(JobDefinition::getId).collect(Collectors.toSet());
        Map<String, Instant> expiries = new HashMap<>();
        if (expiryTimers.isEmpty()) {
            return expiries;
        }
        // by job definition, not activityId(): Camunda 7.24 writes invalid SQL for activityId with instance ids
        managementService.createJobQuery().processInstanceIds(processInstanceIds).timers().list()
                .forEach(job -> {
                    if (job.getDuedate() != null && expiryTimers.contains(job.getJobDefinitionId())) {
                        expiries.merge(job.getProcessInstanceId(), job.getDuedate().toInstant(),
                                (a, b) -> a.isBefore(b) ? a : b);
                    }
                });
        return expiries;
    }

    private record Instance(String businessKey, Map<String, Object> variables) {
        static final Instance NONE = new Instance(null, Map.of());
    }

    private Map<String, Instance> instances(List<Task> tasks) {
        Set<String> ids = tasks.stream().map(Task::getProcessInstanceId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, Object>> variables = new HashMap<>();
        for (VariableInstance v : runtimeService.createVariableInstanceQuery()
                .processInstanceIdIn(ids.toArray(String[]::new))
                .variableNameIn(KnownProcesses.VARIABLES.toArray(String[]::new))
                .disableCustomObjectDeserialization().list()) {
            Map<String, Object> values = variables.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>());
            if (v.getProcessInstanceId().equals(v.getExecutionId()) || !values.containsKey(v.getName())) {
                values.put(v.getName(), v.getValue()); // the instance's own value wins over a local one
            }
        }
        Map<String, Instance> instances = new HashMap<>();
        runtimeService.createProcessInstanceQuery().processInstanceIds(ids).list().forEach(pi -> instances.put(
                pi.getId(), new Instance(pi.getBusinessKey(), variables.getOrDefault(pi.getId(), Map.of()))));
        return instances;
    }
}
