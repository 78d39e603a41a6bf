package io.tollgate.engine.servicetree;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ChangeEntryRepository extends JpaRepository<ChangeEntry, String> {

    @Query("select c from ChangeEntry c where c.nodeId = ?1 or c.subjectNodeId = ?1 order by c.requestedAt desc")
    List<ChangeEntry> findAboutNode(long nodeId);

    List<ChangeEntry> findByRequesterOrderByRequestedAtDesc(String requester);
}
