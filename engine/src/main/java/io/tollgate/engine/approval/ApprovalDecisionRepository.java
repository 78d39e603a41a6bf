package io.tollgate.engine.approval;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ApprovalDecisionRepository extends JpaRepository<ApprovalDecisionEntry, Long> {

    @Query("select d from ApprovalDecisionEntry d where d.subjectKind = :kind and d.subjectId = :id"
            + " and d.subjectRound = :round order by d.id")
    List<ApprovalDecisionEntry> findRound(String kind, String id, int round);

    /** Every round's decisions of these subjects of one kind, oldest first. */
    @Query("select d from ApprovalDecisionEntry d where d.subjectKind = :kind and d.subjectId in :ids order by d.id")
    List<ApprovalDecisionEntry> findSubjects(String kind, java.util.Collection<String> ids);
}
