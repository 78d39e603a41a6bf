package io.tollgate.engine.ticket.internal;

import static io.tollgate.engine.ticket.Tickets.FIRST_ROWS;
import static io.tollgate.engine.ticket.Tickets.MAX_PAGE;
import static io.tollgate.engine.ticket.internal.TicketDraftCheck.blank;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.ticket.FindingCount;
import io.tollgate.engine.ticket.RollbackStep;
import io.tollgate.engine.ticket.StatementResult;
import io.tollgate.engine.ticket.TicketFilter;
import io.tollgate.engine.ticket.TicketFinding;
import io.tollgate.engine.ticket.TicketPage;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketSummary;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import io.tollgate.engine.ticket.internal.journal.TicketFindings;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.engine.ticket.internal.journal.TicketJson;
import io.tollgate.engine.ticket.internal.journal.TicketRepository;
import io.tollgate.engine.ticket.internal.journal.TicketStatementRows;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What is read of tickets, from Tollgate's own records: a ticket with the first rows of its findings and results, the
 * pages of each list, its summary, and the filtered list. Nothing here asks the process engine (whether a ticket's
 * process is suspended comes from the caller).
 */
@Component
public class TicketReads {

    private static final int DEFAULT_LIMIT = 500;

    private final TicketJournal journal;
    private final TicketRepository repository;
    private final EntityManager entityManager;
    private final TicketFindings findings;
    private final TicketStatementRows rows;
    private final io.tollgate.engine.ticket.internal.journal.TicketSqlVersions sqlVersions;

    TicketReads(TicketJournal journal, TicketRepository repository, EntityManager entityManager,
                TicketFindings findings, TicketStatementRows rows,
                io.tollgate.engine.ticket.internal.journal.TicketSqlVersions sqlVersions) {
        this.sqlVersions = sqlVersions;
        this.journal = journal;
        this.repository = repository;
        this.entityManager = entityManager;
        this.findings = findings;
        this.rows = rows;
    }

    /**
     * Whether an admin suspended, in the engine (Cockpit), a process of the ticket or the job its step waits on: one
     * statement on the engine's index of business keys, asked on every read of a waiting or executed ticket (an
     * engine query cost a ticket's two reads 1.7 ms of CPU in the benchmark).
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public boolean suspendedInEngine(String ticketId) {
        return repository.suspendedInEngine(ticketId) > 0;
    }

    /** Whether the ticket's last execution reported a statement done ({@link TicketStatementRows#anyExecuted}). */
    boolean anyExecuted(TicketEntry ticket) {
        return rows.anyExecuted(ticket);
    }

    /**
     * The ticket; {@code suspendedProcess} tells whether its process is suspended in the engine, asked only while the
     * ticket may have a running process (not of a rejected, withdrawn, closed or rolled-back one). Outside a
     * transaction it opens none: its row, pages and trail are each read as committed when read (a change committed
     * between them shows in part until the next read, which every change brings to a page or a wait). Without
     * {@code rollbackSteps}, the rollback SQL's steps stored as rows are not read (their count is).
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<TicketRecord> find(String ticketId, java.util.function.Predicate<String> suspendedProcess,
                                       boolean rollbackSteps) {
        return journal.read(ticketId).map(t -> {
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
                    () -> rollbackSteps ? rows.rollbackSql(ticketId, 0, FIRST_ROWS) : List.of());
            List<FindingCount> summary = t.findingSummaryJson() != null
                    ? TicketJson.findingCounts(t.findingSummaryJson())
                    : TicketFindings.summarise(TicketJson.findings(t.findingsJson()));
            return new TicketRecord(t.ticketId(), t.title(), t.instance(), t.database(),
                    t.sql(), t.reason(), t.submitter(), t.mode(), t.scheduledAt(), t.status(), t.risk(),
                    t.statementCount(), t.affectedRows(), first.items(), journal.trail(ticketId),
                    execution.items(), rollback.items(), rollbackSql.items(), t.failure(), t.progress(),
                    t.submittedAt(), t.updatedAt(), TicketJson.conflicts(t.rollbackConflictsJson()),
                    t.rollbackConflictCount(), first.total(), summary, execution.total(), rollback.total(),
                    rollbackSql.total(), t.requestedReviewer(), t.copyPause(), t.stuckStep(),
                    t.stuckReason(), t.rollbackLeft(), (!t.status().finished() || t.status() == TicketStatus.EXECUTED)
                    && suspendedProcess.test(ticketId));
        });
    }

    @Transactional(readOnly = true)
    public Optional<TicketSummary> summary(String ticketId) {
        return repository.summariesOf(Set.of(ticketId)).stream().findFirst();
    }

    /** Every version of the ticket's SQL, the current one last (one read of the row and one of the versions kept). */
    @Transactional(readOnly = true)
    public List<io.tollgate.engine.ticket.SqlVersion> sqlVersions(String ticketId) {
        return sqlVersions.versions(journal.find(ticketId));
    }

    @Transactional(readOnly = true)
    public Optional<String> sqlVersionText(String ticketId, int version) {
        return sqlVersions.text(journal.find(ticketId), version);
    }

    @Transactional(readOnly = true)
    public Optional<TicketPage<StatementResult>> executionResults(String ticketId, int offset, int limit) {
        requirePage(offset, limit);
        return repository.countsOf(ticketId).map(c -> page(c.getExecutionCount(), offset, limit,
                () -> TicketJson.results(repository.legacyExecutionOf(ticketId).orElse(null)),
                () -> rows.results(ticketId, TicketStatementRows.Run.EXECUTION, offset, limit)));
    }

    @Transactional(readOnly = true)
    public Optional<TicketPage<StatementResult>> rollbackResults(String ticketId, int offset, int limit) {
        requirePage(offset, limit);
        return repository.countsOf(ticketId).map(c -> page(c.getRollbackCount(), offset, limit,
                () -> TicketJson.results(repository.legacyRollbackOf(ticketId).orElse(null)),
                () -> rows.results(ticketId, TicketStatementRows.Run.ROLLBACK, offset, limit)));
    }

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

    /** A page's bounds, refused naming the parameter at fault, as the ticket list's {@code limit} is. */
    private static void requirePage(int offset, int limit) {
        if (offset < 0) {
            throw new InvalidRequestException("offset", "offset must not be negative, not " + offset);
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_PAGE + ", not " + limit);
        }
    }

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
        if (f.stuckOnly()) {
            where.add(cb.isNotNull(root.get("stuckStep")));
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
                        root.get("updatedAt"), root.get("stuckStep")))
                .where(where.toArray(Predicate[]::new))
                .orderBy(cb.desc(root.get("submittedAt")));
        int limit = f.limit() == 0 ? DEFAULT_LIMIT : f.limit();
        return entityManager.createQuery(query).setMaxResults(limit).getResultList();
    }
}
