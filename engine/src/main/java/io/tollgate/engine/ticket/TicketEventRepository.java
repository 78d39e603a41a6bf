package io.tollgate.engine.ticket;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface TicketEventRepository extends JpaRepository<TicketEventEntry, Long> {

    List<TicketEventEntry> findByTicketIdOrderByIdAsc(String ticketId);
}
