package io.tollgate.engine.ticket.internal.execution;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;

import javax.sql.DataSource;

import io.tollgate.engine.FixedDelaySchedule;
import io.tollgate.engine.instance.SecretCipher;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.engine.ticket.internal.journal.TicketRepository;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import io.tollgate.integrations.mysql.execution.LedgerSeal;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Binds {@link TicketProperties} and the executor's settings from them, keys the ledger's seal; schedules the look for executions whose node stopped. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TicketProperties.class)
public class TicketConfiguration {

    /**
     * The executor's settings from {@code tollgate.tickets.*}, and the schema of Tollgate's own database where a target
     * could host it (ADR 0049); the review reads the schemas only Tollgate writes from them.
     */
    @Bean
    ExecutionSettings ticketExecutionSettings(TicketProperties properties, DataSource dataSource) {
        return ExecutionSettings.defaults()
                .withTollgateSchema(ownSchema(dataSource))
                .withRecordPacket(ownPacket(dataSource))
                .withLedgerSchema(properties.ledgerSchema())
                .withLockWait(properties.lockWait())
                .withOnlineAlterMinRows(properties.onlineAlterMinRows())
                .withLedgerPage(properties.ledgerPage())
                .withOnlineSchemaChangeCommand(properties.onlineSchemaChangeCommand())
                .withOnlineSchemaChangeOptions(properties.onlineSchemaChangeOptions())
                .withMaxRowsPerStatement(properties.maxRowsPerStatement());
    }

    /** The schema of Tollgate's own database when it is on MySQL or MariaDB, which a target instance may also be. */
    static String ownSchema(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("mysql") || product.contains("mariadb") ? c.getCatalog() : null;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema of Tollgate's own database: " + e.getMessage(), e);
        }
    }

    /**
     * The largest packet Tollgate's own database takes when it is MySQL or MariaDB (0 on H2, which has none): each
     * statement's rollback SQL is copied there, so the executor refuses one it could not copy.
     */
    static long ownPacket(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (!product.contains("mysql") && !product.contains("mariadb")) {
                return 0;
            }
            try (java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT @@max_allowed_packet")) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read max_allowed_packet of Tollgate's own database: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The seal on the ledger rows the executor writes on each target (ADR 0045), keyed from Tollgate's secret key:
     * every node holds it, an account on the target does not.
     */
    @Bean
    LedgerSeal ticketLedgerSeal(SecretCipher secrets) {
        return LedgerSeal.withKey(secrets.derivedKey("execution ledger seal"));
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
