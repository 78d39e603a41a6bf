package io.tollgate.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Nodes that share Tollgate's database run in one time zone (ADR 0035), on the machine's MariaDB in a database of its
 * own: the first node records its zone, a node in another zone is refused with a sentence that names both zones and
 * the fix, and two nodes in different zones starting at the same moment cannot both be let in.
 */
class SharedTimeZoneIT {

    private static final String SERVER = "jdbc:mysql://127.0.0.1:3306/";
    private static final Instant NOW = Instant.parse("2026-12-04T21:00:00Z");

    private final String database = "tg_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void database() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(SERVER + database + "?sslMode=DISABLED&allowPublicKeyRetrieval=true");
        dataSource.setUsername("root");
        dataSource.setPassword("");
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterEach
    void drop() throws Exception {
        dataSource.close();
        try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    @Test
    void theFirstNodeRecordsItsZoneAndNodesOfTheSameZoneJoin() {
        SharedTimeZone.Recorded first = SharedTimeZone.join(jdbc, ZoneId.of("Europe/Berlin"), "host-a/1", NOW);

        assertThat(first.zone()).isEqualTo("Europe/Berlin");
        assertThat(first.recordedBy()).isEqualTo("host-a/1");
        assertThat(SharedTimeZone.join(jdbc, ZoneId.of("Europe/Berlin"), "host-b/2", NOW.plusSeconds(60)))
                .isEqualTo(first);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shared_time_zone", Integer.class)).isEqualTo(1);
    }

    @Test
    void anotherNameForTheSameRulesJoins() {
        SharedTimeZone.join(jdbc, ZoneId.of("UTC"), "host-a/1", NOW);

        // the same clock under other names: the JDBC conventions read and write alike
        SharedTimeZone.join(jdbc, ZoneId.of("Etc/UTC"), "host-b/2", NOW);
        SharedTimeZone.join(jdbc, ZoneId.of("GMT"), "host-c/3", NOW);
        SharedTimeZone.join(jdbc, ZoneId.of("Z"), "host-d/4", NOW);
    }

    @Test
    void aNodeInAnotherZoneIsRefusedWithTheFix() {
        SharedTimeZone.join(jdbc, ZoneId.of("UTC"), "host-a/1", NOW);

        assertThatThrownBy(() -> SharedTimeZone.join(jdbc, ZoneId.of("America/New_York"), "host-b/2", NOW))
                .isInstanceOf(SharedTimeZone.OtherTimeZoneException.class)
                .hasMessageContaining("America/New_York")
                .hasMessageContaining("UTC")
                .hasMessageContaining("host-a/1")
                .hasMessageContaining("-Duser.timezone=UTC");
        // nothing of the refused node is recorded: the next start still compares with the first node's zone
        assertThat(jdbc.queryForObject("SELECT zone_id FROM shared_time_zone", String.class)).isEqualTo("UTC");
        assertThatThrownBy(() -> SharedTimeZone.join(jdbc, ZoneId.of("America/New_York"), "host-b/3", NOW))
                .isInstanceOf(SharedTimeZone.OtherTimeZoneException.class);
    }

    @Test
    void zonesWithTodaysOffsetButAnotherHistoryAreRefused() {
        // the same offset this winter, other daylight-saving rules: times of summer rows would be read an hour off
        SharedTimeZone.join(jdbc, ZoneId.of("Europe/London"), "host-a/1", NOW);

        assertThatThrownBy(() -> SharedTimeZone.join(jdbc, ZoneId.of("Africa/Abidjan"), "host-b/2", NOW))
                .isInstanceOf(SharedTimeZone.OtherTimeZoneException.class);
        assertThatThrownBy(() -> SharedTimeZone.join(jdbc, ZoneId.of("UTC"), "host-c/3", NOW))
                .isInstanceOf(SharedTimeZone.OtherTimeZoneException.class);
    }

    @Test
    void aZoneThisNodeDoesNotKnowIsRefused() {
        jdbc.update("INSERT INTO shared_time_zone (id, zone_id, recorded_by, recorded_at) VALUES (1, ?, ?, ?)",
                "Mars/Olympus_Mons", "host-a/1", NOW.toString());

        assertThatThrownBy(() -> SharedTimeZone.join(jdbc, ZoneId.of("UTC"), "host-b/2", NOW))
                .isInstanceOf(SharedTimeZone.OtherTimeZoneException.class)
                .hasMessageContaining("Mars/Olympus_Mons");
    }

    @Test
    void twoNodesOfDifferentZonesStartingTogetherAreNotBothLetIn() throws Exception {
        for (int round = 0; round < 20; round++) {
            jdbc.update("DELETE FROM shared_time_zone");
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<SharedTimeZone.Recorded>> starts = new ArrayList<>();
                for (String zone : List.of("UTC", "Asia/Kolkata")) {
                    Callable<SharedTimeZone.Recorded> start = () -> {
                        together.await(10, TimeUnit.SECONDS);
                        return SharedTimeZone.join(jdbc, ZoneId.of(zone), "host-" + zone + "/1", NOW);
                    };
                    starts.add(pool.submit(start));
                }
                int admitted = 0;
                int refused = 0;
                for (Future<SharedTimeZone.Recorded> start : starts) {
                    try {
                        start.get(30, TimeUnit.SECONDS);
                        admitted++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(SharedTimeZone.OtherTimeZoneException.class);
                        refused++;
                    }
                }
                assertThat(admitted).as("round %d", round).isEqualTo(1);
                assertThat(refused).as("round %d", round).isEqualTo(1);
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shared_time_zone", Integer.class)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
