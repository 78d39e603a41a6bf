package io.tollgate.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes started together take turns through the start's shared writes (on the machine's MariaDB, a database of its
 * own, one pool per "node"): the second waits until the first is ready, or dies; a pooled connection goes back
 * without the lock; a start that waits too long fails with a sentence naming the lock; H2 takes no lock.
 */
class StartupLockIT {

    private static final String SERVER = "jdbc:mysql://127.0.0.1:3306/";

    private final String database = "tg_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private HikariDataSource nodeA;
    private HikariDataSource nodeB;

    @BeforeEach
    void database() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + database + "`");
        }
        nodeA = pool();
        nodeB = pool();
    }

    @AfterEach
    void drop() throws Exception {
        nodeA.close();
        nodeB.close();
        try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    @Test
    void theSecondNodeWaitsUntilTheFirstIsReady() throws Exception {
        StartupLock a = new StartupLock(nodeA, Duration.ofMinutes(1));
        StartupLock b = new StartupLock(nodeB, Duration.ofMinutes(1));
        a.acquire();
        assertThat(a.holds()).isTrue();

        CompletableFuture<Void> bStarting = CompletableFuture.runAsync(b::acquire);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> !bStarting.isDone());

        a.ready();
        bStarting.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(b.holds()).isTrue();
        assertThat(a.holds()).isFalse();
        b.ready();
        assertThat(lockIsFree()).isTrue();
    }

    @Test
    void theConnectionGoesBackToThePoolWithoutTheLock() throws Exception {
        nodeA.setMaximumPoolSize(1);
        StartupLock a = new StartupLock(nodeA, Duration.ofMinutes(1));
        a.acquire();
        a.ready();

        // the pool's only connection, its session alive: it must not hold the lock any more
        assertThat(lockIsFree()).isTrue();
        new StartupLock(nodeB, Duration.ofSeconds(2)).acquire();
    }

    @Test
    void aNodeThatDiesWhileStartingLetsTheOthersThrough() throws Exception {
        StartupLock a = new StartupLock(nodeA, Duration.ofMinutes(1));
        a.acquire();
        StartupLock b = new StartupLock(nodeB, Duration.ofMinutes(1));
        CompletableFuture<Void> bStarting = CompletableFuture.runAsync(b::acquire);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !bStarting.isDone());

        nodeA.close(); // its connections end, as a killed JVM's do

        bStarting.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(b.holds()).isTrue();
        b.ended();
    }

    @Test
    void aStartThatWaitsTooLongFailsNamingTheLock() {
        StartupLock a = new StartupLock(nodeA, Duration.ofMinutes(1));
        a.acquire();

        assertThatThrownBy(() -> new StartupLock(nodeB, Duration.ofMillis(300)).acquire())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Another node has been starting on this database")
                .hasMessageContaining(StartupLock.lockName(database));
        a.ended();
    }

    @Test
    void theEmbeddedDatabaseTakesNoLock() {
        try (HikariDataSource h2 = new HikariDataSource()) {
            h2.setJdbcUrl("jdbc:h2:mem:" + database);
            StartupLock lock = new StartupLock(h2, Duration.ofSeconds(1));
            lock.acquire();
            assertThat(lock.holds()).isFalse();
        }
    }

    @Test
    void longDatabaseNamesGiveLockNamesMySqlTakes() {
        assertThat(StartupLock.lockName("tollgate")).isEqualTo("tollgate-start:tollgate");
        assertThat(StartupLock.lockName("d".repeat(64))).hasSizeLessThanOrEqualTo(64)
                .isNotEqualTo(StartupLock.lockName("e".repeat(64)));
    }

    private boolean lockIsFree() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT IS_FREE_LOCK('" + StartupLock.lockName(database) + "')")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(SERVER + database + "?sslMode=DISABLED&allowPublicKeyRetrieval=true");
        pool.setUsername("root");
        pool.setPassword("");
        pool.setMaximumPoolSize(2);
        return pool;
    }
}
