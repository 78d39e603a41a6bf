package io.tollgate.engine.ticket.internal;

import java.time.Clock;

import io.tollgate.engine.FixedDelaySchedule;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Binds {@link TicketProperties} and the executor's settings from them; schedules the look for executions whose node stopped. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TicketProperties.class)
class TicketConfiguration {

    /** The executor's settings from {@code tollgate.tickets.*}; the review reads the ledger's schema from them. */
    @Bean
    ExecutionSettings ticketExecutionSettings(TicketProperties properties) {
        return ExecutionSettings.defaults()
                .withLedgerSchema(properties.ledgerSchema())
                .withLockWait(properties.lockWait())
                .withOnlineAlterMinRows(properties.onlineAlterMinRows())
                .withLedgerPage(properties.ledgerPage())
                .withOnlineSchemaChangeCommand(properties.onlineSchemaChangeCommand())
                .withOnlineSchemaChangeOptions(properties.onlineSchemaChangeOptions())
                .withMaxRowsPerStatement(properties.maxRowsPerStatement());
    }

    @Bean
    FixedDelaySchedule ticketInterruptedRuns(TicketRepository tickets, TicketJournal journal,
                                             TicketExecution execution, ExecutionJobs jobs,
                                             TicketProperties properties,
                                             PlatformTransactionManager transactionManager, Clock clock) {
        InterruptedRuns runs = new InterruptedRuns(tickets, journal, execution, jobs,
                new TransactionTemplate(transactionManager), properties.interruptedRunSettle(), clock);
        return new FixedDelaySchedule("tollgate-interrupted-runs", runs::reconcile,
                properties.interruptedRunCheck(), true);
    }
}
