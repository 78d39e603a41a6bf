package io.tollgate.engine.ticket.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tollgate.engine.NotFoundException;
import io.tollgate.engine.OneCommand;
import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.approval.ApprovalTasks;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.review.SqlScripts;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.FailureResolution;
import io.tollgate.engine.ticket.FindingCount;
import io.tollgate.engine.ticket.InvalidTicketException;
import io.tollgate.engine.ticket.RollbackStep;
import io.tollgate.engine.ticket.StatementResult;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketFilter;
import io.tollgate.engine.ticket.TicketFinding;
import io.tollgate.engine.ticket.TicketNotAllowedException;
import io.tollgate.engine.ticket.TicketPage;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketSummary;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import io.tollgate.processes.ticket.SqlTicketProcess.Messages;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link Tickets} on the {@code sqlTicket} process. */
@Component
class CamundaTickets implements Tickets {

    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$]{1,64}");
    private static final int MAX_TITLE = 200;
    private static final int MAX_REASON = 2000;
    private static final int DEFAULT_LIMIT = 500;
    private static final Map<String, TicketTask.Kind> TASK_KINDS = Map.of(
            Elements.TASK_REVIEWER_APPROVAL, TicketTask.Kind.APPROVAL,
            Elements.TASK_DBA_APPROVAL, TicketTask.Kind.DBA_APPROVAL,
            Elements.TASK_ROLLBACK_APPROVAL, TicketTask.Kind.ROLLBACK_APPROVAL,
            Elements.TASK_FIX_TICKET, TicketTask.Kind.FIX,
            Elements.TASK_CONFIRM_EXECUTION, TicketTask.Kind.CONFIRM_EXECUTION,
            Elements.TASK_RESOLVE_FAILURE, TicketTask.Kind.RESOLVE_FAILURE,
            Elements.TASK_RESOLVE_ROLLBACK_FAILURE, TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE);
    private static final Set<TicketTask.Kind> APPROVALS = Set.of(TicketTask.Kind.APPROVAL,
            TicketTask.Kind.DBA_APPROVAL, TicketTask.Kind.ROLLBACK_APPROVAL);

    private final RuntimeService runtimeService;
    private final TicketTaskLookup taskLookup;
    private final TaskService taskService;
    private final TicketJournal journal;
    private final TicketRepository repository;
    private final TargetInstances instances;
    private final TicketProperties properties;
    private final Clock clock;
    private final TicketApprovals approvals;
    private final ApprovalPolicy policy;
    private final Permissions permissions;
    private final ApprovalTasks approvalTasks;
    private final EntityManager entityManager;
    private final TicketFindings findings;
    private final TicketStatementRows rows;
    private final OneCommand oneCommand;

    CamundaTickets(RuntimeService runtimeService, TaskService taskService, TicketJournal journal,
                   TicketRepository repository, TargetInstances instances, TicketProperties properties, Clock clock,
                   TicketApprovals approvals, ApprovalPolicy policy, Permissions permissions,
                   ApprovalTasks approvalTasks, EntityManager entityManager, TicketFindings findings,
                   TicketStatementRows rows, OneCommand oneCommand, TicketTaskLookup taskLookup) {
        this.taskLookup = taskLookup;
        this.rows = rows;
        this.oneCommand = oneCommand;
        this.entityManager = entityManager;
        this.findings = findings;
        this.approvalTasks = approvalTasks;
        this.permissions = permissions;
        this.approvals = approvals;
        this.policy = policy;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.journal = journal;
        this.repository = repository;
        this.instances = instances;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    @Transactional
    public TicketRecord submit(String submitter, TicketDraft draft) {
        return find(submitId(submitter, draft)).orElseThrow();
    }

    @Override
    @Transactional
    public String submitId(String submitter, TicketDraft draft) {
        if (submitter == null || submitter.isBlank()) {
            throw new PermissionDeniedException("a ticket needs a signed-in submitter");
        }
        permissions.require(submitter, Permission.SUBMIT_TICKET);
        InstanceView instance = validate(draft);
        String ticketId = "T-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
        journal.submitted(ticketId, submitter, draft, SqlScripts.statements(draft.sql()).size());
        Map<String, Object> variables = new HashMap<>();
        Variables.SUBMITTER.into(variables, submitter);
        Variables.TITLE.into(variables, draft.title().strip());
        Variables.INSTANCE.into(variables, instance.name());
        Variables.ENVIRONMENT.into(variables, instance.environment().name());
        Variables.REVIEWER_GROUP.into(variables, instance.reviewerGroup());
        Variables.EXECUTION_MODE.into(variables, draft.mode().name());
        if (draft.mode() == ExecutionMode.SCHEDULED) {
            Variables.SCHEDULED_AT.into(variables, draft.scheduledAt().toString());
        }
        Variables.ROLLBACK_WINDOW.into(variables, properties.rollbackWindow().toString());
        runtimeService.startProcessInstanceByKey(SqlTicketProcess.KEY, ticketId, variables);
        return ticketId;
    }

    private InstanceView validate(TicketDraft draft) {
        if (draft == null) {
            throw new InvalidTicketException(List.of("the ticket is empty"));
        }
        List<String> problems = new ArrayList<>();
        if (blank(draft.title())) {
            problems.add("a title is required");
        } else if (draft.title().strip().length() > MAX_TITLE) {
            problems.add("the title is longer than " + MAX_TITLE + " characters");
        }
        InstanceView instance = null;
        if (blank(draft.instance())) {
            problems.add("an instance is required");
        } else {
            instance = instances.find(draft.instance().strip()).orElse(null);
            if (instance == null) {
                problems.add("no instance named '" + draft.instance().strip() + "' is registered");
            } else if (instance.readOnly()) {
                problems.add("instance " + instance.name() + " is read-only: Tollgate does not execute on it");
            } else if (blank(instance.reviewerGroup())) {
                problems.add("instance " + instance.name() + " has no reviewer group; ask an admin to set one");
            }
        }
        if (blank(draft.database())) {
            problems.add("a database is required");
        } else if (!DATABASE.matcher(draft.database().strip()).matches()) {
            problems.add("the database must be a plain name (letters, digits, _ and $, at most 64)");
        }
        sqlProblems(draft.sql(), problems);
        if (blank(draft.reason())) {
            problems.add("a reason is required");
        } else if (draft.reason().strip().length() > MAX_REASON) {
            problems.add("the reason is longer than " + MAX_REASON + " characters");
        }
        if (draft.mode() == null) {
            problems.add("an execution mode is required");
        } else if (draft.mode() == ExecutionMode.SCHEDULED) {
            if (draft.scheduledAt() == null) {
                problems.add("a scheduled ticket needs the time to execute at");
            } else if (!draft.scheduledAt().isAfter(clock.instant())) {
                problems.add("the scheduled time " + draft.scheduledAt() + " is not in the future");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTicketException(problems);
        }
        return instance;
    }

    private static void sqlProblems(String sql, List<String> problems) {
        if (blank(sql)) {
            problems.add("the SQL is required");
        } else if (sql.length() > MAX_SQL_CHARS) {
            problems.add(String.format(Locale.ROOT, "the SQL has %,d characters; a ticket takes at most %,d: split it"
                    + " into several tickets", sql.length(), MAX_SQL_CHARS));
        } else if (SqlScripts.statements(sql).isEmpty()) {
            problems.add("the SQL contains no statements");
        }
    }

    @Override
    @Transactional
    public void resubmit(String ticketId, String username, String sql) {
        TicketEntry ticket = requireSubmitter(ticketId, username, "resubmit");
        Task task = ticketTask(ticketId, Elements.TASK_FIX_TICKET)
                .orElseThrow(() -> notNow(ticket, "resubmitted"));
        List<String> problems = new ArrayList<>();
        sqlProblems(sql, problems);
        if (!problems.isEmpty()) {
            throw new InvalidTicketException(problems);
        }
        journal.resubmitted(ticketId, username, sql, SqlScripts.statements(sql).size());
        taskService.setAssignee(task.getId(), username);
        taskService.complete(task.getId());
    }

    @Override
    @Transactional
    public void withdraw(String ticketId, String username) {
        TicketEntry ticket = requireSubmitter(ticketId, username, "withdraw");
        try {
            runtimeService.createMessageCorrelation(Messages.WITHDRAW_TICKET)
                    .processInstanceBusinessKey(ticketId).correlate();
        } catch (MismatchingMessageCorrelationException notWaiting) {
            throw notNow(ticket, "withdrawn");
        } catch (OptimisticLockingException moving) {
            throw new TicketNotAllowedException("ticket " + ticketId + " moved on while withdrawing; look again");
        }
    }

    @Override
    @Transactional
    public void execute(String ticketId, String username) {
        TicketEntry ticket = requireSubmitter(ticketId, username, "execute");
        Task task = ticketTask(ticketId, Elements.TASK_CONFIRM_EXECUTION)
                .orElseThrow(() -> notNow(ticket, "executed on request"));
        journal.executionRequested(ticketId, username);
        taskService.complete(task.getId());
    }

    @Override
    @Transactional
    public void requestRollback(String ticketId, String username, String reason) {
        TicketEntry ticket = requireSubmitter(ticketId, username, "request a rollback of");
        if (blank(reason)) {
            throw new InvalidTicketException(List.of("a rollback request needs a reason"));
        }
        if (ticket.status() != TicketStatus.EXECUTED) {
            throw notNow(ticket, "rolled back");
        }
        journal.rollbackRequested(ticketId, username, reason.strip());
        try {
            runtimeService.createMessageCorrelation(Messages.REQUEST_ROLLBACK)
                    .processInstanceBusinessKey(ticketId).correlate();
        } catch (MismatchingMessageCorrelationException windowClosed) {
            throw new TicketNotAllowedException("ticket " + ticketId
                    + " can no longer be rolled back through Tollgate: its rollback window has closed");
        }
    }

    @Override
    @Transactional
    public void decide(String taskId, String username, Collection<String> groups, boolean approve, String comment) {
        decide(() -> openTask(taskId), this::businessKey, username, groups, approve, comment);
    }

    @Override
    @Transactional
    public void decideOpenApproval(String ticketId, String username, Collection<String> groups, boolean approve,
                                   String comment) {
        // found by the ticket's business key: no need to read it back from the task's process instance
        decide(() -> openApproval(ticketId, username, groups), task -> ticketId, username, groups, approve, comment);
    }

    /**
     * Decides the task {@code which} finds, in one engine command: every check (the task is an approval, the policy's
     * four eyes and eligibility, the task is offered to this person, a rejection's comment) before any write.
     * {@code ticketOf} gives the ticket the task belongs to (its process's business key, never a variable).
     */
    private void decide(Supplier<Task> which, Function<Task, String> ticketOf, String username,
                        Collection<String> groups, boolean approve, String comment) {
        oneCommand.run(() -> {
            Task task = which.get();
            TicketTask.Kind kind = TASK_KINDS.get(task.getTaskDefinitionKey());
            if (!APPROVALS.contains(kind)) {
                throw new TicketNotAllowedException("task " + task.getId() + " is not an approval");
            }
            TicketEntry ticket = journal.require(ticketOf.apply(task));
            String step = TicketApprovals.requireStep(approvalTasks.step(task), task.getName(), ticket.ticketId());
            policy.requireMayDecide(approvals.subjectFor(ticket, step), step, username);
            requireOffered(task, username, groups, ticket);
            if (!approve && blank(comment)) {
                throw new InvalidTicketException(List.of("a rejection needs a comment saying why"));
            }
            return task;
        }, task -> {
            taskService.setAssignee(task.getId(), username);
            if (!blank(comment)) {
                taskService.createComment(task.getId(), task.getProcessInstanceId(), comment.strip());
            }
            Map<String, Object> variables = new HashMap<>();
            Variables.APPROVED.into(variables, approve);
            Variables.COMMENT.intoTransient(variables, blank(comment) ? "" : comment.strip());
            taskService.complete(task.getId(), variables);
        });
    }

    /**
     * The ticket's open approval that {@code username} would decide: its only one (whoever it is offered to, so that
     * the checks say why this person may not), or, when a model waits on several at once, the only one offered to
     * them.
     */
    private Task openApproval(String ticketId, String username, Collection<String> groups) {
        List<Task> open = taskLookup.openTasks(ticketId).stream()
                .filter(t -> APPROVALS.contains(TASK_KINDS.get(t.getTaskDefinitionKey()))).toList();
        if (open.isEmpty()) {
            TicketEntry ticket = journal.find(ticketId).orElseThrow(() -> NotFoundException.of("ticket", ticketId));
            throw new TicketNotAllowedException("ticket " + ticketId + " has no approval waiting: it is "
                    + ticket.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (open.size() == 1) {
            return open.get(0);
        }
        List<Task> offered = open.stream().filter(t -> approvalTasks.offered(t, username, groups)).toList();
        if (offered.size() == 1) {
            return offered.get(0);
        }
        throw new TicketNotAllowedException(offered.isEmpty()
                ? "none of the " + open.size() + " approvals ticket " + ticketId + " waits for is offered to "
                + username
                : offered.size() + " approvals of ticket " + ticketId + " wait for " + username
                + ": decide each by its task (/api/v1/tickets/" + ticketId + "/tasks)");
    }

    @Override
    @Transactional
    public void resolve(String taskId, String username, Collection<String> groups, FailureResolution resolution,
                        String comment) {
        Task task = openTask(taskId);
        TicketTask.Kind kind = TASK_KINDS.get(task.getTaskDefinitionKey());
        if (kind != TicketTask.Kind.RESOLVE_FAILURE && kind != TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE) {
            throw new TicketNotAllowedException("task " + taskId + " is not a decision after a failure");
        }
        permissions.require(username, Permission.RESOLVE_FAILURES);
        TicketEntry ticket = journal.require(businessKey(task));
        requireOffered(task, username, groups, ticket);
        if (resolution == null) {
            throw new InvalidTicketException(List.of("choose retry, roll back or close"));
        }
        if (kind == TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE && resolution == FailureResolution.ROLL_BACK) {
            throw new InvalidTicketException(List.of("a failed rollback can be retried or closed, not rolled back"));
        }
        if (kind == TicketTask.Kind.RESOLVE_FAILURE && resolution.afterRollbackOnly()) {
            throw new InvalidTicketException(List.of("rolling back without conflicts or by force is a decision after"
                    + " a rollback found conflicting rows"));
        }
        RecordResolutionListener.requireReason(ticket.ticketId(), resolution, comment);
        taskService.setAssignee(taskId, username);
        Map<String, Object> variables = new HashMap<>();
        Variables.RESOLUTION.into(variables, RecordResolutionListener.value(resolution));
        Variables.COMMENT.intoTransient(variables, blank(comment) ? "" : comment.strip());
        taskService.complete(taskId, variables);
    }

    @Override
    @Transactional
    public void abort(String ticketId, String username, Collection<String> groups) {
        permissions.require(username, Permission.ABORT_EXECUTION);
        TicketEntry ticket = journal.require(ticketId);
        if (ticket.status() != TicketStatus.EXECUTING) {
            throw notNow(ticket, "aborted");
        }
        journal.requestAbort(ticketId, username);
    }

    @Override
    @Transactional(readOnly = true)
    public List<TicketTask> tasksFor(String username, Collection<String> groups) {
        List<Task> tasks = new ArrayList<>(ticketTasks().taskAssignee(username).list());
        tasks.addAll(ticketTasks().taskCandidateUser(username).list());
        if (!groups.isEmpty()) {
            tasks.addAll(ticketTasks().taskCandidateGroupIn(List.copyOf(groups)).list());
        }
        Map<String, Task> unique = new LinkedHashMap<>();
        tasks.forEach(t -> unique.putIfAbsent(t.getId(), t));
        return toTicketTasks(unique.values()).stream()
                .filter(t -> !(APPROVALS.contains(t.kind()) && t.ticket().submitter().equals(username)))
                .sorted(java.util.Comparator.comparing(TicketTask::created).reversed()).toList();
    }

    @Override
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

    @Override
    @Transactional(readOnly = true)
    public Optional<TicketRecord> find(String ticketId) {
        return journal.find(ticketId).map(t -> {
            TicketPage<TicketFinding> first = findingsOf(t.ticketId(), t.findingCount(), t.findingsJson(), 0,
                    FIRST_ROWS);
            TicketPage<StatementResult> execution = page(t.executionCount(), 0, FIRST_ROWS,
                    () -> TicketJson.results(t.executionJson()),
                    () -> rows.results(ticketId, TicketStatementRows.Run.EXECUTION, 0, FIRST_ROWS));
            TicketPage<StatementResult> rollback = page(t.rollbackCount(), 0, FIRST_ROWS,
                    () -> TicketJson.results(t.rollbackJson()),
                    () -> rows.results(ticketId, TicketStatementRows.Run.ROLLBACK, 0, FIRST_ROWS));
            TicketPage<RollbackStep> rollbackSql = page(t.rollbackSqlCount(), 0, FIRST_ROWS,
                    () -> TicketJson.rollbackSql(t.rollbackSqlJson()),
                    () -> rows.rollbackSql(ticketId, 0, FIRST_ROWS));
            List<FindingCount> summary = t.findingSummaryJson() != null
                    ? TicketJson.findingCounts(t.findingSummaryJson())
                    : TicketFindings.summarise(TicketJson.findings(t.findingsJson()));
            return new TicketRecord(t.ticketId(), t.title(), t.instance(), t.database(),
                    t.sql(), t.reason(), t.submitter(), t.mode(), t.scheduledAt(), t.status(), t.risk(),
                    t.statementCount(), first.items(), journal.trail(ticketId),
                    execution.items(), rollback.items(), rollbackSql.items(), t.failure(), t.progress(),
                    t.submittedAt(), t.updatedAt(), TicketJson.conflicts(t.rollbackConflictsJson()),
                    t.rollbackConflictCount(), first.total(), summary, execution.total(), rollback.total(),
                    rollbackSql.total());
        });
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<TicketSummary> summary(String ticketId) {
        return repository.summariesOf(Set.of(ticketId)).stream().findFirst();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<TicketPage<StatementResult>> executionResults(String ticketId, int offset, int limit) {
        requirePage(offset, limit);
        return repository.countsOf(ticketId).map(c -> page(c.getExecutionCount(), offset, limit,
                () -> TicketJson.results(repository.legacyExecutionOf(ticketId).orElse(null)),
                () -> rows.results(ticketId, TicketStatementRows.Run.EXECUTION, offset, limit)));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<TicketPage<StatementResult>> rollbackResults(String ticketId, int offset, int limit) {
        requirePage(offset, limit);
        return repository.countsOf(ticketId).map(c -> page(c.getRollbackCount(), offset, limit,
                () -> TicketJson.results(repository.legacyRollbackOf(ticketId).orElse(null)),
                () -> rows.results(ticketId, TicketStatementRows.Run.ROLLBACK, offset, limit)));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<TicketPage<RollbackStep>> rollbackSql(String ticketId, int offset, int limit) {
        requirePage(offset, limit);
        return repository.countsOf(ticketId).map(c -> page(c.getRollbackSqlCount(), offset, limit,
                () -> TicketJson.rollbackSql(repository.legacyRollbackSqlOf(ticketId).orElse(null)),
                () -> rows.rollbackSql(ticketId, offset, limit)));
    }

    /**
     * A page of a per-statement list: from its rows when the ticket counts any, else from the JSON of a ticket
     * recorded before issue 13 (empty for one with none).
     */
    private static <T> TicketPage<T> page(int count, int offset, int limit,
                                          java.util.function.Supplier<List<T>> legacy,
                                          java.util.function.Supplier<List<T>> stored) {
        if (count == 0) {
            return TicketPage.of(legacy.get(), offset, limit);
        }
        return new TicketPage<>(offset, count, offset >= count ? List.of() : stored.get());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<TicketPage<TicketFinding>> findings(String ticketId, int offset, int limit) {
        requirePage(offset, limit);
        return repository.findingCountOf(ticketId).map(count -> findingsOf(ticketId, count,
                count == 0 ? repository.legacyFindingsOf(ticketId).orElse(null) : null, offset, limit));
    }

    /** A page of findings: from the rows, or from the JSON of a ticket reviewed before issue 13. */
    private TicketPage<TicketFinding> findingsOf(String ticketId, int count, String legacyJson, int offset,
                                                 int limit) {
        if (count == 0) {
            return TicketPage.of(TicketJson.findings(legacyJson), offset, limit);
        }
        return new TicketPage<>(offset, count, offset >= count ? List.of() : findings.page(ticketId, offset, limit));
    }

    private static void requirePage(int offset, int limit) {
        List<String> problems = new ArrayList<>();
        if (offset < 0) {
            problems.add("offset must not be negative");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            problems.add("limit must be between 1 and " + MAX_PAGE);
        }
        if (!problems.isEmpty()) {
            throw new InvalidTicketException(problems);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<TicketSummary> list(TicketFilter filter) {
        TicketFilter f = filter == null ? TicketFilter.all() : filter;
        // a list row's columns only: the SQL and the per-statement JSON columns stay in the database (issue 13)
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<TicketSummary> query = cb.createQuery(TicketSummary.class);
        Root<TicketEntry> root = query.from(TicketEntry.class);
        List<Predicate> where = new ArrayList<>();
        if (!f.statuses().isEmpty()) {
            where.add(root.get("status").in(f.statuses()));
        }
        if (!blank(f.instance())) {
            where.add(cb.equal(root.get("instance"), f.instance().strip()));
        }
        if (!blank(f.submitter())) {
            where.add(cb.equal(root.get("submitter"), f.submitter().strip()));
        }
        if (f.from() != null) {
            where.add(cb.greaterThanOrEqualTo(root.get("submittedAt"), f.from()));
        }
        if (f.to() != null) {
            where.add(cb.lessThan(root.get("submittedAt"), f.to()));
        }
        if (!blank(f.keyword())) {
            String like = "%" + f.keyword().strip().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.add(cb.or(cb.like(cb.lower(root.get("sql")), like, '\\'),
                    cb.like(cb.lower(root.get("title")), like, '\\'),
                    cb.like(cb.lower(root.get("ticketId")), like, '\\')));
        }
        query.select(cb.construct(TicketSummary.class, root.get("ticketId"), root.get("title"),
                        root.get("instance"), root.get("database"), root.get("submitter"), root.get("status"),
                        root.get("risk"), root.get("mode"), root.get("scheduledAt"), root.get("submittedAt"),
                        root.get("updatedAt")))
                .where(where.toArray(Predicate[]::new))
                .orderBy(cb.desc(root.get("submittedAt")));
        int limit = f.limit() == 0 ? DEFAULT_LIMIT : f.limit();
        return entityManager.createQuery(query).setMaxResults(limit).getResultList();
    }

    private TaskQuery ticketTasks() {
        return taskService.createTaskQuery().processDefinitionKey(SqlTicketProcess.KEY);
    }

    private Task openTask(String taskId) {
        Task task = taskId == null ? null : ticketTasks().taskId(taskId).singleResult();
        if (task == null) {
            throw new TicketNotAllowedException("task " + taskId + " is no longer open");
        }
        return task;
    }

    private Optional<Task> ticketTask(String ticketId, String taskKey) {
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
    private String businessKey(Task task) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult().getBusinessKey();
    }

    private void requireOffered(Task task, String username, Collection<String> groups, TicketEntry ticket) {
        if (!approvalTasks.offered(task, username, groups)) {
            throw new TicketNotAllowedException("task '" + task.getName() + "' of ticket " + ticket.ticketId()
                    + " is not offered to " + username
                    + (task.getAssignee() == null ? "" : " (claimed by " + task.getAssignee() + ")"));
        }
    }

    private TicketEntry requireSubmitter(String ticketId, String username, String what) {
        TicketEntry ticket = journal.require(ticketId);
        if (!ticket.submitter().equals(username)) {
            throw new PermissionDeniedException("only " + ticket.submitter() + ", who submitted ticket " + ticketId
                    + ", may " + what + " it");
        }
        return ticket;
    }

    private static TicketNotAllowedException notNow(TicketEntry ticket, String what) {
        return new TicketNotAllowedException("ticket " + ticket.ticketId() + " cannot be " + what + " now: it is "
                + ticket.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
