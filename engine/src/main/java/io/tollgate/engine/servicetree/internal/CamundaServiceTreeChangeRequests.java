package io.tollgate.engine.servicetree.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.OneCommand;
import io.tollgate.engine.RequesterActions;
import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.approval.ApprovalTasks;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.stuck.StuckSteps;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.engine.servicetree.ChangeDetails;
import io.tollgate.engine.servicetree.ChangeEventType;
import io.tollgate.engine.servicetree.ChangeFilter;
import io.tollgate.engine.servicetree.ChangeNotRecordedException;
import io.tollgate.engine.servicetree.ChangeRecord;
import io.tollgate.engine.servicetree.ChangeStatus;
import io.tollgate.engine.servicetree.NotAllowedException;
import io.tollgate.engine.servicetree.PendingApproval;
import io.tollgate.engine.servicetree.RequestOutcome;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.engine.servicetree.internal.apply.ServiceTreeChangeProperties;
import io.tollgate.engine.servicetree.internal.approval.ChangeApprovals;
import io.tollgate.engine.servicetree.internal.journal.Approvers;
import io.tollgate.engine.servicetree.internal.journal.ChangeEntry;
import io.tollgate.engine.servicetree.internal.journal.ChangeJson;
import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
import io.tollgate.integrations.servicetree.ServiceTreeChange;
import io.tollgate.integrations.servicetree.ServiceTreeUnavailableException;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Elements;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Messages;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Resolutions;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link ServiceTreeChangeRequests} on the {@code serviceTreeChange} process. */
@Component
class CamundaServiceTreeChangeRequests implements ServiceTreeChangeRequests {

    private static final Logger log = LoggerFactory.getLogger(CamundaServiceTreeChangeRequests.class);
    private static final String[] APPROVAL_TASKS = {Elements.TASK_OWNER_APPROVAL, Elements.TASK_SRE_APPROVAL};
    /** The most approval tasks one query of {@link #pendingApprovals} reads, newest first. */
    static final int SCANNED = 4 * MAX_LISTED;

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final ChangeLedger ledger;
    private final ServiceTreeChangeProperties properties;
    private final ChangeApprovals approvals;
    private final ApprovalPolicy policy;
    private final Permissions permissions;
    private final ApprovalTasks approvalTasks;
    private final TransactionTemplate transactions;

    private final OneCommand oneCommand;
    private final StuckSteps stuckSteps;
    private final ChangeProcessStart processStart;

    CamundaServiceTreeChangeRequests(RuntimeService runtimeService, TaskService taskService, ChangeLedger ledger,
                                     ServiceTreeChangeProperties properties, ChangeApprovals approvals,
                                     ApprovalPolicy policy, Permissions permissions,
                                     ApprovalTasks approvalTasks, PlatformTransactionManager transactionManager,
                                     OneCommand oneCommand, StuckSteps stuckSteps, ChangeProcessStart processStart) {
        this.stuckSteps = stuckSteps;
        this.processStart = processStart;
        this.transactions = new TransactionTemplate(transactionManager);
        this.oneCommand = oneCommand;
        this.approvalTasks = approvalTasks;
        this.permissions = permissions;
        this.approvals = approvals;
        this.policy = policy;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.ledger = ledger;
        this.properties = properties;
    }

    /**
     * Records the change and starts its process in one transaction (validation runs in it), outside of which any
     * failure, at commit too, becomes a {@link ChangeNotRecordedException} the person sees; refusals pass as they are.
     */
    @Override
    public RequestOutcome request(ServiceTreeChange change) {
        String changeId = change.meta().changeId();
        permissions.require(change.meta().requester(), Permission.REQUEST_TREE_CHANGES);
        ChangeLedger.requireRecordable(change);
        try {
            return transactions.execute(status -> start(change));
        } catch (PermissionDeniedException | NotAllowedException | ApprovalRefusedException refused) {
            throw refused;
        } catch (RuntimeException failed) {
            log.error("service-tree change {} ({} of node {} by {}) was not recorded", changeId,
                    ChangeJson.kindOf(change), change.nodeId(), change.meta().requester(), failed);
            throw notRecorded(changeId, failed);
        }
    }

    private RequestOutcome start(ServiceTreeChange change) {
        String changeId = change.meta().changeId();
        ledger.requested(change, properties.maxOpenPerRequester());
        processStart.start(ledger.entry(changeId));
        return outcome(changeId);
    }

    private static ChangeNotRecordedException notRecorded(String changeId, RuntimeException failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            if (cause instanceof ServiceTreeUnavailableException) {
                return new ChangeNotRecordedException(changeId, "ZooKeeper is unavailable", true, failed);
            }
            if (cause instanceof TransientDataAccessException || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException) {
                return new ChangeNotRecordedException(changeId, "the database is unavailable", true, failed);
            }
        }
        return new ChangeNotRecordedException(changeId, "an unexpected error, logged with the change id", false,
                failed);
    }

    private RequestOutcome outcome(String changeId) {
        ChangeRecord record = ledger.find(changeId).orElseThrow().toRecord();
        List<String> violations = record.status() != ChangeStatus.REFUSED_INVALID ? List.of()
                : record.events().stream().filter(e -> e.type() == ChangeEventType.REFUSED_INVALID)
                .reduce((first, second) -> second).map(e -> List.of(e.detail().split("\n"))).orElse(List.of());
        return new RequestOutcome(changeId, record.status(), violations);
    }

    @Override
    @Transactional(readOnly = true)
    public List<PendingApproval> pendingApprovals(String username, Collection<String> groups) {
        if (!approvals.mayDecideAny(username)) {
            return List.of(); // an auditor named an owner is offered nothing: they would be refused
        }
        // newest first, a bounded number read: an SRE's group may be offered thousands; each is read, checked and its
        // plan parsed below
        List<Task> tasks = new ArrayList<>(newest(approvalTasks().taskAssignee(username)));
        tasks.addAll(newest(approvalTasks().taskCandidateUser(username)));
        if (!groups.isEmpty()) {
            tasks.addAll(newest(approvalTasks().taskCandidateGroupIn(List.copyOf(groups))));
        }
        tasks = new ArrayList<>(tasks.stream().collect(java.util.stream.Collectors.toMap(Task::getId, t -> t,
                (first, again) -> first)).values());
        tasks.sort(java.util.Comparator.comparing(Task::getCreateTime).reversed());
        Map<String, PendingApproval> pending = new java.util.LinkedHashMap<>();
        Map<String, String> changeIds = changeIds(tasks);
        for (Task task : tasks) {
            if (pending.size() >= MAX_LISTED) {
                break;
            }
            // what the approver sees is the plan in the change's row, which is what the apply runs
            Optional<ChangeEntry> entry = Optional.ofNullable(changeIds.get(task.getProcessInstanceId()))
                    .flatMap(ledger::find).filter(e -> e.planJson() != null);
            // never one the policy would refuse them: their own change, or the SRE step of a change they approved as
            // an owner (it was offered, claimed, and then refused)
            if (entry.isEmpty() || !mayDecide(entry.get(), task, username)) {
                continue;
            }
            pending.putIfAbsent(task.getId(), new PendingApproval(task.getId(),
                    Elements.TASK_SRE_APPROVAL.equals(task.getTaskDefinitionKey())
                            ? PendingApproval.Step.SRE : PendingApproval.Step.OWNER,
                    task.getCreateTime().toInstant(), ChangeJson.plan(entry.get().planJson())));
        }
        return pending.values().stream()
                .sorted(java.util.Comparator.comparing(PendingApproval::offeredAt).reversed()).toList();
    }

    /**
     * The newest tasks of a query, as many as may be read to find {@link #MAX_LISTED} the person may decide (their own
     * changes and steps they may not take are passed over).
     */
    private static List<Task> newest(TaskQuery query) {
        return query.orderByTaskCreateTime().desc().listPage(0, SCANNED);
    }

    private boolean mayDecide(ChangeEntry entry, Task task, String username) {
        Optional<String> step = approvalTasks.step(task);
        return step.isPresent() && policy.mayDecide(approvals.subject(entry), step.get(), username);
    }

    private TaskQuery approvalTasks() {
        return taskService.createTaskQuery().processDefinitionKey(ServiceTreeChangeProcess.KEY)
                .taskDefinitionKeyIn(APPROVAL_TASKS);
    }

    @Override
    @Transactional
    public void decide(String taskId, String username, Collection<String> groups, boolean approve, String comment) {
        String tooLong = ApprovalPolicy.commentTooLong(comment);
        if (tooLong != null) {
            throw new InvalidRequestException("comment", tooLong);
        }
        oneCommand.run(() -> {
            Task task = approvalTasks().taskId(taskId).singleResult();
            if (task == null) {
                approvalTasks.requireKnown(taskId);
                throw new NotAllowedException("approval " + taskId + " is no longer pending");
            }
            String changeId = changeIds(List.of(task)).get(task.getProcessInstanceId());
            ChangeEntry entry = ledger.find(changeId == null ? "" : changeId)
                    .orElseThrow(() -> new NotAllowedException("approval " + taskId + " belongs to no change"));
            String step = ChangeApprovals.requireStep(approvalTasks.step(task), task.getName(), changeId);
            approvals.requireMayDecide(entry, step, username);
            if (!approvalTasks.offered(task, username, groups)) {
                throw new NotAllowedException("approval " + taskId + " of change " + changeId + " is not offered to "
                        + username);
            }
            return task;
        }, task -> {
            Map<String, Object> variables = new HashMap<>();
            Variables.APPROVED.into(variables, approve);
            Variables.COMMENT.intoTransient(variables, comment == null ? "" : comment);
            Map<String, Object> decided = new HashMap<>();
            Variables.APPROVED.into(decided, approve);
            Variables.COMMENT.into(decided, comment == null ? "" : comment);
            // assigned within the decision: the engine's assignment check leaves the checked decider to it
            ApprovalTasks.completeAsDecision(taskId, username, decided, () -> {
                taskService.setAssignee(taskId, username);
                if (comment != null && !comment.isBlank()) {
                    taskService.createComment(taskId, task.getProcessInstanceId(), comment);
                }
                taskService.complete(taskId, variables);
            });
        });
    }

    /** The change id of each task's process instance: its business key, which no variable write can change. */
    private Map<String, String> changeIds(Collection<Task> tasks) {
        java.util.Set<String> instances = tasks.stream().map(Task::getProcessInstanceId)
                .collect(java.util.stream.Collectors.toSet());
        Map<String, String> ids = new HashMap<>();
        if (!instances.isEmpty()) {
            runtimeService.createProcessInstanceQuery().processInstanceIds(instances).list()
                    .forEach(i -> ids.put(i.getId(), i.getBusinessKey()));
        }
        return ids;
    }

    @Override
    @Transactional
    public void withdraw(String changeId, String username) {
        requireRequester(changeId, username);
        ChangeStatus status = ledger.find(changeId).map(ChangeEntry::status).orElseThrow();
        if ((status == ChangeStatus.PENDING_APPROVAL || status == ChangeStatus.CONFLICT)
                && runtimeService.createProcessInstanceQuery().processDefinitionKey(ServiceTreeChangeProcess.KEY)
                .processInstanceBusinessKey(changeId).count() == 0) {
            // an admin ended its process (Cockpit) before it was decided: nothing will ever apply it, and it stayed
            // waiting for approvals nobody was offered; its requester may still close it
            ledger.withdrawn(changeId);
            return;
        }
        try {
            RequesterActions.run(changeId, () -> runtimeService.createMessageCorrelation(Messages.WITHDRAW_CHANGE)
                    .processInstanceBusinessKey(changeId).correlate());
        } catch (MismatchingMessageCorrelationException notWaiting) {
            throw new NotAllowedException("change " + changeId + " can no longer be withdrawn: it is "
                    + ledger.find(changeId).map(ChangeEntry::status).orElseThrow());
        }
    }

    @Override
    @Transactional
    public RequestOutcome resolveConflict(String changeId, String username, boolean revalidate) {
        requireRequester(changeId, username);
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(changeId)
                .taskDefinitionKey(Elements.TASK_RESOLVE_CONFLICT).singleResult();
        if (task == null) {
            throw new NotAllowedException("change " + changeId + " has no conflict to resolve");
        }
        RequesterActions.run(changeId, () -> taskService.complete(task.getId(), Variables.RESOLUTION.into(
                new HashMap<>(), revalidate ? Resolutions.REVALIDATE : Resolutions.WITHDRAW)));
        return outcome(changeId);
    }

    @Override
    @Transactional
    public void retryStuckStep(String changeId, String username) {
        permissions.require(username, Permission.RETRY_TREE_STEPS);
        ledger.entry(changeId);
        // the apply runs again as on its next retry: the gate and the change's marker in ZooKeeper are asked again
        if (stuckSteps.retry(ServiceTreeChangeProcess.KEY, changeId, username) == 0) {
            throw new NotAllowedException("no step of change " + changeId + " is stuck; nothing to retry");
        }
    }

    private void requireRequester(String changeId, String username) {
        ChangeEntry entry = ledger.find(changeId)
                .orElseThrow(() -> new NotAllowedException("no change " + changeId));
        if (!entry.requester().equals(username)) {
            throw new NotAllowedException("only " + entry.requester() + " may withdraw or resolve change " + changeId);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ChangeRecord> find(String changeId) {
        return ledger.find(changeId).map(ChangeEntry::toRecord);
    }

    @Override
    public boolean mayRead(String reader) {
        return permissions.allows(reader, Permission.AUDIT_TREE) || permissions.allows(reader, Permission.READ_HISTORY);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ChangeDetails> read(String reader, String changeId) {
        requireReader(reader);
        return (changeId == null ? Optional.<ChangeEntry>empty() : ledger.find(changeId)).map(entry -> {
            Approvers approvers = ChangeApprovals.approvers(entry);
            List<String> offered = new ArrayList<>();
            approvers.users().forEach(u -> offered.add(Approvers.USER + u));
            approvers.groups().forEach(g -> offered.add(Approvers.GROUP + g));
            return new ChangeDetails(entry.toRecord(), entry.planJson() == null ? null
                    : ChangeJson.plan(entry.planJson()), offered, entry.critical());
        });
    }

    @Override
    @Transactional(readOnly = true)
    public List<ChangeRecord> historyOf(long nodeId) {
        return ledger.aboutNode(nodeId, MAX_LISTED);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ChangeRecord> requestedBy(String username) {
        return ledger.requestedBy(username, MAX_LISTED);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ChangeRecord> list(String reader, ChangeFilter filter) {
        boolean ownChanges = reader != null && reader.equals(filter.requester())
                && permissions.allows(reader, Permission.REQUEST_TREE_CHANGES);
        if (!ownChanges) {
            requireReader(reader);
        }
        return ledger.search(filter);
    }

    private void requireReader(String reader) {
        if (!mayRead(reader)) {
            throw new PermissionDeniedException((reader == null ? "nobody signed in" : reader) + " may not "
                    + Permission.AUDIT_TREE.label() + ": a service-tree change is read with the role "
                    + String.join(" or ", java.util.stream.Stream.concat(Permission.AUDIT_TREE.roles().stream(),
                            Permission.READ_HISTORY.roles().stream()).map(r -> r.groupId()).distinct().toList()));
        }
    }
}
