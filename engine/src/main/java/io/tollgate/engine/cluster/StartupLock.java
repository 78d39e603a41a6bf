package io.tollgate.engine.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

import javax.sql.DataSource;

import io.tollgate.integrations.mysql.NamedLocks;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Lets one node at a time through a start's shared writes when several nodes start together on one database (a
 * deployment of several replicas, a cluster restarted at once). A start looks, then writes: Camunda's schema and the
 * deployment of the models, the engine's groups and grants ({@code EngineAuthorizations}), the bootstrap admin, the
 * service tree's bootstrap, the settings' trail entry. Two nodes looking at the same moment both wrote, and one of
 * them failed to start on a duplicate key (found by {@code TwoNodesIT}). The lock is a MySQL/MariaDB named lock
 * ({@code tollgate-start:<database>}) on a connection of its own, taken before the engine is built and given back
 * once the application is ready, when its start fails or its context closes; the server gives it back when the node
 * dies. The embedded H2 database serves one node: no lock there.
 */
@Component
public class StartupLock extends AbstractProcessEnginePlugin {

    /** The order of start-up work done on {@code ApplicationReadyEvent}, after the runners: before the release. */
    public static final int BEFORE_RELEASE = Ordered.LOWEST_PRECEDENCE - 1;

    private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);

    private final DataSource dataSource;
    private final Duration wait;
    private Connection held;

    @Autowired
    StartupLock(DataSource dataSource) {
        this(dataSource, Duration.ofMinutes(10));
    }

    StartupLock(DataSource dataSource, Duration wait) {
        this.dataSource = dataSource;
        this.wait = wait;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        acquire();
    }

    /** Waits up to the wait for the other nodes' starts; no-op on a database without named locks. */
    synchronized void acquire() {
        if (held != null) {
            return;
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (!product.contains("mysql") && !product.contains("mariadb")) {
                c.close();
                return;
            }
            c.setAutoCommit(true);
            String name = lockName(c.getCatalog());
            if (!NamedLocks.tryLock(c, name, Duration.ZERO)) {
                LOG.info("Another node is starting on this database (it holds '{}'); waiting for it", name);
                if (!NamedLocks.tryLock(c, name, wait)) {
                    throw new IllegalStateException("Another node has been starting on this database for " + wait
                            + " (it holds the named lock '" + name + "': SELECT IS_USED_LOCK('" + name + "') tells"
                            + " its connection). Stop it, or wait for its start to end, then start this node again.");
                }
            }
            held = c;
            c = null;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the start-up lock on Tollgate's database: " + e.getMessage(),
                    e);
        } finally {
            closeQuietly(c);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void ready() {
        release();
    }

    @EventListener({ApplicationFailedEvent.class, ContextClosedEvent.class})
    void ended() {
        release();
    }

    /**
     * Gives the lock back. The connection goes back to the pool, its session alive, so the lock is released by name;
     * a connection that cannot say so is aborted, which ends its session and the lock with it.
     */
    synchronized void release() {
        Connection c = held;
        held = null;
        if (c == null) {
            return;
        }
        try {
            NamedLocks.release(c, lockName(c.getCatalog()));
        } catch (SQLException e) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // closed below either way
            }
        }
        closeQuietly(c);
    }

    synchronized boolean holds() {
        return held != null;
    }

    /** {@code tollgate-start:<database>}, hashed when MySQL's 64 characters are not enough. */
    static String lockName(String database) {
        return NamedLocks.name("tollgate-start:", database);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // the server gives the lock back with the session either way
            }
        }
    }
}
