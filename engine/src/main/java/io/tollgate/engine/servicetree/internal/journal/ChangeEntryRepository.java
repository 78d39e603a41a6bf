package io.tollgate.engine.servicetree.internal.journal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.tollgate.engine.servicetree.ChangeStatus;
import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface ChangeEntryRepository extends JpaRepository<ChangeEntry, String> {

    /**
     * What a list shows of a change: never its change, plan, diff or nodes (each up to megabytes; a page of whole
     * changes once ran the application out of memory). {@code GET .../changes/{id}} reads those.
     */
    String LISTED = "select c.changeId as changeId, c.kind as kind, c.nodeId as nodeId, c.subjectNodeId as"
            + " subjectNodeId, c.nodePath as nodePath, c.requester as requester, c.reason as reason, c.status as status,"
            + " c.critical as critical, c.requestedAt as requestedAt, c.updatedAt as updatedAt, c.appliedAt as"
            + " appliedAt, c.stuckStep as stuckStep, c.stuckReason as stuckReason from ChangeEntry c";

    @Query(LISTED + " where c.nodeId = ?1 or c.subjectNodeId = ?1 order by c.requestedAt desc, c.changeId desc")
    List<Listed> listAboutNode(long nodeId, Limit limit);

    @Query(LISTED + " where c.requester = ?1 order by c.requestedAt desc, c.changeId desc")
    List<Listed> listByRequester(String requester, Limit limit);

    long countByRequesterAndStatusIn(String requester, Collection<ChangeStatus> statuses);

    /** The changes in these statuses, of this requester (null: anyone's), stuck ones only if asked, newest first. */
    @Query(LISTED + " where c.status in ?1 and (?2 is null or c.requester = ?2)"
            + " and (?3 = false or c.stuckStep is not null) order by c.requestedAt desc, c.changeId desc")
    List<Listed> search(Collection<ChangeStatus> statuses, String requester, boolean stuckOnly,
                        org.springframework.data.domain.Limit limit);

    /** A change as {@link #LISTED} reads it. */
    interface Listed {
        String getChangeId();

        String getKind();

        long getNodeId();

        Long getSubjectNodeId();

        String getNodePath();

        String getRequester();

        String getReason();

        ChangeStatus getStatus();

        boolean getCritical();

        java.time.Instant getRequestedAt();

        java.time.Instant getUpdatedAt();

        java.time.Instant getAppliedAt();

        String getStuckStep();

        String getStuckReason();

        /** The change without its change, diff and nodes, and without its events. */
        default io.tollgate.engine.servicetree.ChangeRecord toRecord() {
            return new io.tollgate.engine.servicetree.ChangeRecord(getChangeId(), getKind(), getNodeId(),
                    getSubjectNodeId(), getNodePath(), getRequester(), getReason(), getStatus(), getCritical(), null,
                    null, null, null, null, getRequestedAt(), getUpdatedAt(), getAppliedAt(), List.of(),
                    getStuckStep(), getStuckReason());
        }
    }

    @Query("select c.changeId from ChangeEntry c where c.status = ?1")
    List<String> findChangeIdsByStatus(ChangeStatus status);

    /** What the tasklist shows of each change. */
    @Query("select c.changeId as changeId, c.kind as kind, c.reason as reason from ChangeEntry c"
            + " where c.changeId in ?1")
    List<TaskFacts> taskFactsOf(Collection<String> changeIds);

    interface TaskFacts {
        String getChangeId();

        String getKind();

        String getReason();
    }

    interface StatusOf {
        String getChangeId();

        ChangeStatus getStatus();
    }

    @Query("select c.status from ChangeEntry c where c.changeId = ?1")
    Optional<ChangeStatus> statusOf(String changeId);

    @Query("select c.changeId as changeId, c.status as status from ChangeEntry c where c.changeId in ?1")
    List<StatusOf> statusesOf(java.util.Collection<String> changeIds);

    /**
     * Changes in one of {@code statuses} (their names) that have not changed since {@code before} and have no running
     * process in the engine (no execution with the change's id as business key; every row is written with its process
     * started in the same transaction), oldest first, a page of them.
     */
    @Query(value = "select c.change_id from service_tree_change c where c.status in (:statuses)"
            + " and c.updated_at < :before"
            + " and not exists (select 1 from ACT_RU_EXECUTION e where e.BUSINESS_KEY_ = c.change_id)"
            + " order by c.updated_at", nativeQuery = true)
    List<String> quietWithoutProcess(java.util.Collection<String> statuses, java.time.Instant before,
                                     org.springframework.data.domain.Pageable page);

    /** The row, locked until the transaction ends (SELECT ... FOR UPDATE). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from ChangeEntry c where c.changeId = ?1")
    Optional<ChangeEntry> findLocked(String changeId);
}
