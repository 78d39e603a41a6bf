package io.tollgate.engine.ticket.internal.journal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketSummary;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface TicketRepository extends JpaRepository<TicketEntry, String>, JpaSpecificationExecutor<TicketEntry> {

    /** The ticket's row, locked until the transaction ends (SELECT ... FOR UPDATE). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from TicketEntry t where t.ticketId = :ticketId")
    Optional<TicketEntry> lockById(String ticketId);

    /**
     * The ticket, by a declared query: unlike {@code findById} (read-only transactional in Spring Data), it opens no
     * transaction of its own, so a read outside one costs no {@code SET autocommit} pair and commit.
     */
    @Query("select t from TicketEntry t where t.ticketId = :ticketId")
    Optional<TicketEntry> readById(String ticketId);

    /**
     * List rows of the given tickets, without the SQL or any per-statement column (issue 13). JPQL, not findAllById
     * (a criteria query): Hibernate 6.6 caches the plan of a query string only.
     */
    @Query("select new io.tollgate.engine.ticket.TicketSummary(t.ticketId, t.title, t.instance, t.database,"
            + " t.submitter, t.status, t.risk, t.mode, t.scheduledAt, t.submittedAt, t.updatedAt, t.stuckStep)"
            + " from TicketEntry t where t.ticketId in :ticketIds")
    List<TicketSummary> summariesOf(Collection<String> ticketIds);

    /** What the tasklist shows of each ticket (JPQL, for the plan cache, as {@link #summariesOf}). */
    @Query("select t.ticketId as ticketId, t.title as title, t.instance as instance, t.risk as risk, t.mode as mode,"
            + " t.scheduledAt as scheduledAt, t.affectedRows as affectedRows"
            + " from TicketEntry t where t.ticketId in :ticketIds")
    List<TaskFacts> taskFactsOf(Collection<String> ticketIds);

    /** A ticket's columns that the tasklist shows. */
    interface TaskFacts {
        String getTicketId();

        String getTitle();

        String getInstance();

        String getRisk();

        ExecutionMode getMode();

        Instant getScheduledAt();

        Long getAffectedRows();
    }

    @Query("select t.submitter from TicketEntry t where t.ticketId = :ticketId")
    Optional<String> submitterOf(String ticketId);

    /**
     * The tickets' approval columns (those known), for an offer; the hash is the one their review passed (an offer
     * compares none).
     */
    @Query("select new io.tollgate.engine.ticket.internal.journal.TicketRound(t.ticketId, t.reviewRound,"
            + " t.submitter, t.status, t.reviewerGroup, t.dbaApprovalRequired, t.reviewedSqlHash)"
            + " from TicketEntry t where t.ticketId in :ticketIds")
    List<TicketRound> roundsOf(Collection<String> ticketIds);

    /** How many review findings the ticket's rows hold (0 for tickets reviewed before issue 13, or not yet). */
    @Query("select t.findingCount from TicketEntry t where t.ticketId = :ticketId")
    Optional<Integer> findingCountOf(String ticketId);

    /** The findings of a ticket reviewed before issue 13, as one JSON document, or null. */
    @Query("select t.findingsJson from TicketEntry t where t.ticketId = :ticketId")
    Optional<String> legacyFindingsOf(String ticketId);

    /** The per-statement counts of a ticket, to page its rows without loading it. */
    interface Counts {
        int getExecutionCount();

        int getRollbackCount();

        int getRollbackSqlCount();
    }

    @Query("select t.executionCount as executionCount, t.rollbackCount as rollbackCount,"
            + " t.rollbackSqlCount as rollbackSqlCount from TicketEntry t where t.ticketId = :ticketId")
    Optional<Counts> countsOf(String ticketId);

    /** A ticket's JSON columns of before issue 13, each read alone and only for such a ticket. */
    @Query("select t.executionJson from TicketEntry t where t.ticketId = :ticketId")
    Optional<String> legacyExecutionOf(String ticketId);

    @Query("select t.rollbackJson from TicketEntry t where t.ticketId = :ticketId")
    Optional<String> legacyRollbackOf(String ticketId);

    @Query("select t.rollbackSqlJson from TicketEntry t where t.ticketId = :ticketId")
    Optional<String> legacyRollbackSqlOf(String ticketId);

    @Query("select t.ticketId from TicketEntry t where t.status = :status")
    List<String> findTicketIdsByStatus(TicketStatus status);

    /**
     * Tickets in one of {@code statuses} (their names) that have not changed since {@code before} and have no running
     * process in the engine (no execution with the ticket's id as business key; every row is written with its process
     * started in the same transaction, so none means an admin ended it: not the engine's history, which an admin may
     * delete), oldest first, a page of them. One
     * statement however many tickets wait legitimately (thousands may await approval), with the engine's index on
     * the business key.
     */
    @Query(value = "select t.ticket_id from sql_ticket t where t.status in (:statuses) and t.updated_at < :before"
            + " and not exists (select 1 from ACT_RU_EXECUTION e where e.BUSINESS_KEY_ = t.ticket_id)"
            + " order by t.updated_at", nativeQuery = true)
    List<String> quietWithoutProcess(Collection<String> statuses, Instant before,
                                     org.springframework.data.domain.Pageable page);

    /**
     * Whether an admin suspended, in the engine, a process of the ticket's id (Camunda's suspension state 2 on its
     * instance's execution) or a job one waits on (a job definition suspended in Cockpit suspends every job of it, a
     * ticket's review or run among them): one statement, on the engine's index of business keys.
     */
    @Query(value = "select (select count(*) from ACT_RU_EXECUTION e where e.BUSINESS_KEY_ = :ticketId"
            + " and e.ID_ = e.PROC_INST_ID_ and e.SUSPENSION_STATE_ = 2)"
            + " + (select count(*) from ACT_RU_JOB j join ACT_RU_EXECUTION p on p.ID_ = j.PROCESS_INSTANCE_ID_"
            + " where p.BUSINESS_KEY_ = :ticketId and j.SUSPENSION_STATE_ = 2)", nativeQuery = true)
    long suspendedInEngine(String ticketId);

    /** A ticket's status alone, for waits. */
    interface StatusOf {
        String getTicketId();

        TicketStatus getStatus();
    }

    @Query("select t.ticketId as ticketId, t.status as status from TicketEntry t where t.ticketId in :ticketIds")
    List<StatusOf> statusesOf(Collection<String> ticketIds);
}
