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

    @Query("select c from ChangeEntry c where c.nodeId = ?1 or c.subjectNodeId = ?1 order by c.requestedAt desc,"
            + " c.changeId desc")
    List<ChangeEntry> findAboutNode(long nodeId, Limit limit);

    List<ChangeEntry> findByRequesterOrderByRequestedAtDescChangeIdDesc(String requester, Limit limit);

    long countByRequesterAndStatusIn(String requester, Collection<ChangeStatus> statuses);

    /** The changes in these statuses, of this requester (null: anyone's), stuck ones only if asked, newest first. */
    @Query("select c from ChangeEntry c where c.status in ?1 and (?2 is null or c.requester = ?2)"
            + " and (?3 = false or c.stuckStep is not null) order by c.requestedAt desc, c.changeId desc")
    List<ChangeEntry> search(Collection<ChangeStatus> statuses, String requester, boolean stuckOnly,
                             org.springframework.data.domain.Limit limit);

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

    /** The row, locked until the transaction ends (SELECT ... FOR UPDATE). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from ChangeEntry c where c.changeId = ?1")
    Optional<ChangeEntry> findLocked(String changeId);
}
