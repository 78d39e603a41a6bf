/** The {@code sqlTicket} process: its constants holder. The model is {@code processes/sqlTicket.bpmn}. */
package io.tollgate.processes.ticket;
