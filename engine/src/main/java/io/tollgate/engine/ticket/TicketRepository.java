package io.tollgate.engine.ticket;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface TicketRepository extends JpaRepository<TicketEntry, String>, JpaSpecificationExecutor<TicketEntry> {
}
