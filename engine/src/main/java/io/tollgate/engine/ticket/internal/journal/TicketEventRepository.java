package io.tollgate.engine.ticket.internal.journal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TicketEventRepository extends JpaRepository<TicketEventEntry, Long> {

    // JPQL, not a derived query: Hibernate 6.6 caches the plan of a query string, never of a criteria query
    @Query("select e from TicketEventEntry e where e.ticketId = :ticketId order by e.id")
    List<TicketEventEntry> findByTicketIdOrderByIdAsc(String ticketId);
}
