package io.tollgate.engine;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Connector/J settings for Tollgate's own database on MySQL/MariaDB (not for H2, whose driver refuses unknown
 * settings):
 * <ul>
 *   <li>{@code nullDatabaseMeansCurrent}: JDBC metadata lookups see only Tollgate's own database. Connector/J otherwise
 *   answers "does table ACT_GE_PROPERTY exist?" from every database on the server, so Camunda skips creating its
 *   schema when another database on the same server (another Tollgate, another Camunda application) already has one.
 *   </li>
 *   <li>Fewer round trips per transaction, which is what a ticket pays most for (docs/benchmarks.md counts the
 *   statements): {@code readOnlyPropagatesToServer=false} keeps Spring's read-only transactions (most reads) from
 *   sending {@code SET SESSION TRANSACTION READ ONLY} and {@code READ WRITE} around each one (Hibernate still
 *   flushes nothing in them); {@code useLocalSessionState} and {@code useLocalTransactionState} skip a {@code SET}
 *   that would not change the session and a commit or rollback of a transaction that sent nothing;
 *   {@code cachePrepStmts} keeps parsed statements per connection; {@code cacheServerConfiguration} reads the
 *   server's settings once, not per new connection; {@code openTelemetry=DISABLED}: the driver opens a tracing
 *   span per statement whenever OpenTelemetry's API is on the class path, and Tollgate exports no traces;
 *   {@code generateSimpleParameterMetadata}: Spring's {@code JdbcTemplate} asks a statement for a parameter's type
 *   before binding a null (the audit trail's and the results' optional columns), and the driver, which prepares
 *   statements on the client, answers with an exception each time unless it may answer "VARCHAR" (a null binds the
 *   same whatever its type). Nothing Tollgate runs on this pool changes session state with SQL of its own, so the
 *   driver's local view of it stays true.</li>
 * </ul>
 */
@Component
class MysqlConnectionSettings implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null
                && dataSource.getJdbcUrl().startsWith("jdbc:mysql:")) {
            dataSource.addDataSourceProperty("nullDatabaseMeansCurrent", "true");
            dataSource.addDataSourceProperty("readOnlyPropagatesToServer", "false");
            dataSource.addDataSourceProperty("useLocalSessionState", "true");
            dataSource.addDataSourceProperty("useLocalTransactionState", "true");
            dataSource.addDataSourceProperty("cachePrepStmts", "true");
            dataSource.addDataSourceProperty("prepStmtCacheSize", "500");
            dataSource.addDataSourceProperty("prepStmtCacheSqlLimit", "4096");
            dataSource.addDataSourceProperty("cacheServerConfiguration", "true");
            dataSource.addDataSourceProperty("openTelemetry", "DISABLED");
            dataSource.addDataSourceProperty("generateSimpleParameterMetadata", "true");
        }
        return bean;
    }
}
