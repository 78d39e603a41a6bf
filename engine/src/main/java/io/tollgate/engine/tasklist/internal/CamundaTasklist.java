package io.tollgate.engine.tasklist.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.tollgate.engine.account.Role;
import io.tollgate.engine.approval.RequestFacts;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.engine.tasklist.TaskClaimException;
import io.tollgate.engine.tasklist.TaskHandedOver;
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
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
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
    private final Map<String, RequestFacts> facts;
    private final People people;
    private final ApplicationEventPublisher events;
    private final Eligibility eligibility;

    CamundaTasklist(TaskService taskService, RepositoryService repositoryService, RuntimeService runtimeService,
                    ManagementService managementService, Requesters requesters, List<RequestFacts> facts,
                    People people, ApplicationEventPublisher events, Eligibility eligibility) {
        this.events = events;
        this.eligibility = eligibility;
        this.requesters = requesters;
        this.facts = facts.stream().collect(Collectors.toMap(RequestFacts::processKey, f -> f));
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
        Map<String, String> businessKeys = businessKeys(tasks);
        Map<String, Set<String>> requests = requests(tasks, definitions, businessKeys);
        Map<String, Map<String, String>> requestersByProcess = new HashMap<>();
        Map<String, Map<String, RequestFacts.Facts>> factsByProcess = new HashMap<>();
        requests.forEach((processKey, keys) -> {
            requestersByProcess.put(processKey, requesters.of(processKey, keys));
            RequestFacts feature = facts.get(processKey);
            factsByProcess.put(processKey, feature == null ? Map.of() : feature.of(keys));
        });
        Map<String, Instant> expiries = approvalExpiries(businessKeys.keySet());
        Set<String> ineligible = ineligibleAmong(tasks, username, definitions, businessKeys, requestersByProcess);
        List<TaskSummary> rows = new ArrayList<>();
        for (Task task : tasks) {
            ProcessDefinition definition = definitions.get(task.getProcessDefinitionId());
            String processKey = definition == null ? null : definition.getKey();
            String businessKey = businessKeys.get(task.getProcessInstanceId());
            // what the row says of the request is the feature's record, never a variable (RequestFacts)
            RequestFacts.Facts about = businessKey == null ? RequestFacts.Facts.NONE
                    : factsByProcess.getOrDefault(processKey, Map.of()).getOrDefault(businessKey,
                    RequestFacts.Facts.NONE);
            String requester = businessKey == null ? null
                    : requestersByProcess.getOrDefault(processKey, Map.of()).get(businessKey);
            boolean approval = KnownProcesses.isApproval(processKey, task.getTaskDefinitionKey());
            if (approval && username.equals(requester)) {
                continue; // four eyes: never offered one's own approval
            }
            boolean mine = username.equals(task.getAssignee());
            if (approval && !mine && ineligible.contains(task.getId())) {
                continue; // nor one the policy would refuse them (held, it stays listed: they can hand it back)
            }
            Instant due = task.getDueDate() != null ? task.getDueDate().toInstant()
                    : about.scheduledAt() != null ? about.scheduledAt() : expiries.get(task.getProcessInstanceId());
            rows.add(new TaskSummary(task.getId(), task.getName(), processKey, name(definition),
                    businessKey, task.getAssignee(),
                    task.getCreateTime() == null ? null : task.getCreateTime().toInstant(), due,
                    KnownProcesses.shorten(about.subject()), about.changeKind(), requester, about.risk(),
                    task.getAssignee() == null, mine && offered.containsKey(task.getId()), about.instance(),
                    about.environment(), about.estimatedRows(), approval));
        }
        return rows;
    }

    /**
     * The approvals among the tasks (not held by the person, not of their own request) whose decision the feature's
     * rules would refuse them, asked once for the whole list.
     */
    private Set<String> ineligibleAmong(List<Task> tasks, String username, Map<String, ProcessDefinition> definitions,
                                        Map<String, String> businessKeys,
                                        Map<String, Map<String, String>> requestersByProcess) {
        List<Eligibility.Listed> asked = new ArrayList<>();
        for (Task task : tasks) {
            ProcessDefinition definition = definitions.get(task.getProcessDefinitionId());
            String processKey = definition == null ? null : definition.getKey();
            String businessKey = businessKeys.get(task.getProcessInstanceId());
            String requester = businessKey == null ? null
                    : requestersByProcess.getOrDefault(processKey, Map.of()).get(businessKey);
            if (KnownProcesses.isApproval(processKey, task.getTaskDefinitionKey())
                    && !username.equals(task.getAssignee()) && !username.equals(requester)) {
                asked.add(new Eligibility.Listed(processKey, businessKey, task));
            }
        }
        List<Optional<String>> answers = asked.isEmpty() ? List.of() : eligibility.whyNotEach(asked, username);
        Set<String> ineligible = new HashSet<>();
        for (int i = 0; i < asked.size(); i++) {
            if (answers.get(i).isPresent()) {
                ineligible.add(asked.get(i).task().getId());
            }
        }
        return ineligible;
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
        refuseIneligible(task, username);
        try {
            taskService.claim(taskId, username);
        } catch (TaskAlreadyClaimedException | OptimisticLockingException raced) {
            Task now = taskService.createTaskQuery().taskId(taskId).singleResult();
            if (now == null) {
                throw gone(taskId);
            }
            throw claimedByOther(now, now.getAssignee() == null ? "someone else" : now.getAssignee());
        }
        handedOver(TaskHandedOver.Kind.CLAIMED, username, task, null, username);
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
        handedOver(TaskHandedOver.Kind.UNCLAIMED, username, task, task.getAssignee(), null);
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
        offered.removeIf(ineligible(task));
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
        offered.removeIf(ineligible(task));
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
        refuseIneligible(task, toUser);
        try {
            taskService.setAssignee(taskId, toUser);
        } catch (OptimisticLockingException raced) {
            throw new TaskClaimException(TaskClaimException.Reason.GONE,
                    "task '" + task.getName() + "' changed while handing it on; look again");
        }
        handedOver(TaskHandedOver.Kind.HANDED_ON, username, task, task.getAssignee(), toUser);
    }

    /** For the trail: about the ticket or change the task belongs to (its business key), else its instance. */
    private void handedOver(TaskHandedOver.Kind kind, String actor, Task task, String from, String to) {
        String processKey = repositoryService.getProcessDefinition(task.getProcessDefinitionId()).getKey();
        String businessKey = businessKeys(List.of(task)).get(task.getProcessInstanceId());
        events.publishEvent(new TaskHandedOver(kind, actor, task.getId(), task.getName(),
                businessKey == null ? "process-instance" : KnownProcesses.subjectType(processKey),
                businessKey == null ? task.getProcessInstanceId() : businessKey, from, to));
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
        String businessKey = businessKeys(List.of(task)).get(task.getProcessInstanceId());
        return businessKey == null ? null : requesters.of(definition.getKey(), List.of(businessKey)).get(businessKey);
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
            String businessKey = businessKeys(List.of(task)).get(task.getProcessInstanceId());
            throw new TaskClaimException(TaskClaimException.Reason.OWN_REQUEST,
                    KnownProcesses.ownApproval(definition.getKey(), username, businessKey));
        }
    }

    /** Refuses a person whose decision of the task the feature's rules would refuse (the policy, its permission). */
    private void refuseIneligible(Task task, String person) {
        whyNot(task).apply(person).ifPresent(why -> {
            throw new TaskClaimException(TaskClaimException.Reason.NOT_ELIGIBLE,
                    "task '" + task.getName() + "' is not " + person + "'s to decide: " + why);
        });
    }

    /** Who may not decide the task, by the feature's rules. */
    private java.util.function.Predicate<String> ineligible(Task task) {
        java.util.function.Function<String, java.util.Optional<String>> why = whyNot(task);
        return person -> why.apply(person).isPresent();
    }

    /** Why a person may not decide the task, by the feature's rules; its process and request are read once. */
    private java.util.function.Function<String, java.util.Optional<String>> whyNot(Task task) {
        String processKey = repositoryService.getProcessDefinition(task.getProcessDefinitionId()).getKey();
        String businessKey = businessKeys(List.of(task)).get(task.getProcessInstanceId());
        return person -> eligibility.whyNot(processKey, businessKey, task, person);
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

    /** The business keys of each process's requests that the tasks are for, per process key. */
    private static Map<String, Set<String>> requests(List<Task> tasks, Map<String, ProcessDefinition> definitions,
                                                     Map<String, String> businessKeys) {
        Map<String, Set<String>> keys = new HashMap<>();
        for (Task task : tasks) {
            ProcessDefinition definition = definitions.get(task.getProcessDefinitionId());
            String businessKey = businessKeys.get(task.getProcessInstanceId());
            if (definition != null && businessKey != null) {
                keys.computeIfAbsent(definition.getKey(), k -> new java.util.HashSet<>()).add(businessKey);
            }
        }
        return keys;
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

    /** Each task's process instance's business key, by instance id (none for an instance without one). */
    private Map<String, String> businessKeys(List<Task> tasks) {
        Set<String> ids = tasks.stream().map(Task::getProcessInstanceId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> businessKeys = new HashMap<>();
        runtimeService.createProcessInstanceQuery().processInstanceIds(ids).list().forEach(pi -> {
            if (pi.getBusinessKey() != null) {
                businessKeys.put(pi.getId(), pi.getBusinessKey());
            }
        });
        return businessKeys;
    }
}
