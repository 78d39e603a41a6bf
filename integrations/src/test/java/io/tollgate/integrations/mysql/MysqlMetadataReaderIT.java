package io.tollgate.integrations.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the machine's MariaDB, in a database of its own. */
class MysqlMetadataReaderIT {

    private static ScratchDatabase db;
    private final MysqlMetadataReader reader = new MysqlMetadataReader(Duration.ofSeconds(5));

    @BeforeAll
    static void createSchema() throws Exception {
        db = new ScratchDatabase();
        StringBuilder rows = new StringBuilder("INSERT INTO users (id, name, email) VALUES ");
        for (int i = 1; i <= 500; i++) {
            rows.append(i > 1 ? ", " : "").append("(").append(i).append(", 'user").append(i % 10).append("', 'u").append(i).append("@x')");
        }
        db.execute("CREATE TABLE users (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, name VARCHAR(64) NOT NULL DEFAULT '',"
                        + " email VARCHAR(128) NOT NULL, bio TEXT NULL, PRIMARY KEY (id), KEY idx_name (name), UNIQUE KEY uniq_email (email))"
                        + " ENGINE=InnoDB",
                "CREATE TABLE empty_one (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB",
                rows.toString(),
                "ANALYZE TABLE users",
                "CREATE TABLE scribbles (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB",
                "CREATE FUNCTION scribble() RETURNS INT MODIFIES SQL DATA BEGIN INSERT INTO scribbles () VALUES (); RETURN 1; END");
    }

    @AfterAll
    static void dropSchema() throws Exception {
        db.close();
    }

    @Test
    void readsTablesColumnsAndIndexes() {
        try (var session = reader.open(db.coordinates())) {
            assertThat(session.databaseExists(db.name)).isTrue();
            assertThat(session.databaseExists(db.name + "_nope")).isFalse();
            assertThat(session.tables(db.name)).extracting(MysqlTable::name).containsExactly("empty_one", "scribbles", "users");
            MysqlTable users = session.table(db.name, "users").orElseThrow();
            assertThat(users.engine()).isEqualTo("InnoDB");
            assertThat(users.columns()).extracting(MysqlTable.Column::name).containsExactly("id", "name", "email", "bio");
            assertThat(users.columns().get(0).type()).startsWith("bigint").endsWith("unsigned");
            assertThat(users.columns().get(3).nullable()).isTrue();
            assertThat(users.indexes()).extracting(i -> i.name() + ":" + i.unique() + ":" + i.columns())
                    .containsExactlyInAnyOrder("PRIMARY:true:[id]", "idx_name:false:[name]", "uniq_email:true:[email]");
            assertThat(session.table(db.name, "missing")).isEmpty();
            assertThat(session.showCreateTable(db.name, "users").orElseThrow()).contains("CREATE TABLE `users`");
            assertThat(session.showCreateTable(db.name, "missing")).isEmpty();
        }
    }

    @Test
    void aSystemVersionedTableIsATableKeyedWithoutItsRowEnd() throws Exception {
        // MariaDB lists them as TABLE_TYPE 'SYSTEM VERSIONED' and adds the ROW END column to their unique keys;
        // the review took them for missing tables (and would have keyed them by row_end)
        try (ScratchDatabase versioned = new ScratchDatabase()) {
            versioned.execute("CREATE TABLE implicit_v (id INT PRIMARY KEY, code VARCHAR(8), v INT,"
                            + " UNIQUE KEY uniq_code (code)) WITH SYSTEM VERSIONING",
                    "CREATE TABLE declared_v (id INT, v INT, since TIMESTAMP(6) GENERATED ALWAYS AS ROW START,"
                            + " until TIMESTAMP(6) GENERATED ALWAYS AS ROW END, PERIOD FOR SYSTEM_TIME (since, until),"
                            + " PRIMARY KEY (id)) WITH SYSTEM VERSIONING");
            try (var session = reader.open(versioned.coordinates())) {
                assertThat(session.tables(versioned.name)).extracting(MysqlTable::name)
                        .containsExactly("declared_v", "implicit_v");
                MysqlTable implicit = session.table(versioned.name, "implicit_v").orElseThrow();
                assertThat(implicit.columns()).extracting(MysqlTable.Column::name).containsExactly("id", "code", "v");
                assertThat(implicit.indexes()).extracting(i -> i.name() + ":" + i.unique() + ":" + i.columns())
                        .containsExactlyInAnyOrder("PRIMARY:true:[id]", "uniq_code:true:[code]");
                MysqlTable declared = session.table(versioned.name, "declared_v").orElseThrow();
                assertThat(declared.columns()).extracting(MysqlTable.Column::name)
                        .containsExactly("id", "v", "since", "until");
                assertThat(declared.indexes()).extracting(i -> i.name() + ":" + i.columns())
                        .containsExactly("PRIMARY:[id]");
            }
        }
    }

    @Test
    void explainEstimatesAndCountIsExact() {
        try (var session = reader.open(db.coordinates())) {
            assertThat(session.explainRows(db.name, "SELECT * FROM users WHERE name = 'user3'")).isPositive();
            assertThat(session.explainRows(db.name, "SELECT * FROM users")).isBetween(100L, 2_000L);
            assertThat(session.count(db.name, "SELECT COUNT(*) FROM users WHERE name = 'user3'")).isEqualTo(50);
        }
    }

    @Test
    void explainReportsWhatMysqlRejects() {
        try (var session = reader.open(db.coordinates())) {
            assertThatThrownBy(() -> session.explainRows(db.name, "SELECT * FROM users WHERE no_such_col = 1"))
                    .isInstanceOf(MysqlMetadataException.class).hasMessageContaining("no_such_col");
        }
    }

    @Test
    void neverSendsAnythingButReads() throws Exception {
        try (var session = reader.open(db.coordinates())) {
            assertThatThrownBy(() -> session.count(db.name, "DELETE FROM users")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> session.explainRows(db.name, "UPDATE users SET name = 'x'"))
                    .isInstanceOf(IllegalArgumentException.class);
            // the session runs in autocommit, so what follows shows the server refusing an autocommit write
            assertThat(session.count(db.name, "SELECT @@autocommit")).isEqualTo(1);
            // a SELECT whose WHERE calls a function that writes is stopped by the read-only session
            assertThatThrownBy(() -> session.count(db.name, "SELECT COUNT(*) FROM users WHERE scribble() = 1"))
                    .isInstanceOf(MysqlMetadataException.class).hasMessageContaining("READ ONLY");
        }
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT + "/"
                + db.name, ScratchDatabase.USER, ScratchDatabase.PASSWORD); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM users")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(500);
        }
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT + "/"
                + db.name, ScratchDatabase.USER, ScratchDatabase.PASSWORD); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM scribbles")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void unreachableTargetFailsWithItsCoordinates() {
        MysqlMetadataReader quick = new MysqlMetadataReader(Duration.ofSeconds(1));
        assertThatThrownBy(() -> quick.open(new MysqlCoordinates("127.0.0.1", 1, "root", "", null)))
                .isInstanceOf(MysqlMetadataException.class).hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void aClosedSessionsConnectionServesTheNextSessionToTheSameTargetStillReadOnly() {
        try (MysqlMetadataReader keeping = new MysqlMetadataReader(Duration.ofSeconds(5))) {
            long first;
            try (var session = keeping.open(db.coordinates())) {
                first = session.connectionId();
                assertThat(session.count(db.name, "SELECT COUNT(*) FROM users")).isEqualTo(500);
            }
            assertThat(keeping.kept()).isEqualTo(1);
            try (var session = keeping.open(db.coordinates())) {
                assertThat(session.connectionId()).isEqualTo(first);
                assertThat(keeping.kept()).isZero();
                // the reused session is as read-only as a new one
                assertThatThrownBy(() -> session.count(db.name, "SELECT COUNT(*) FROM users WHERE scribble() = 1"))
                        .isInstanceOf(MysqlMetadataException.class).hasMessageContaining("READ ONLY");
            }
            assertThat(keeping.kept()).as("a session that saw an error is closed, not kept").isZero();
            try (var session = keeping.open(db.coordinates())) {
                // a kept session may still have the last review's database selected: every explain names its own
                assertThatThrownBy(() -> session.explainRows(null, "SELECT * FROM users"))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            try (var session = keeping.open(db.coordinates())) {
                assertThat(session.connectionId()).isNotEqualTo(first);
                assertThat(session.count(db.name, "SELECT COUNT(*) FROM scribbles")).isZero();
            }
        }
    }

    @Test
    void aKeptConnectionTheServerClosedIsNeverHandedOut() throws Exception {
        try (MysqlMetadataReader keeping = new MysqlMetadataReader(Duration.ofSeconds(5))) {
            long first;
            try (var session = keeping.open(db.coordinates())) {
                first = session.connectionId();
            }
            db.execute("KILL " + first);
            try (var session = keeping.open(db.coordinates())) {
                assertThat(session.connectionId()).isNotEqualTo(first);
                assertThat(session.tables(db.name)).extracting(MysqlTable::name).contains("users");
            }
        }
    }

    @Test
    void connectionsAreKeptBrieflyAndClosedWithTheReader() throws Exception {
        MysqlMetadataReader keeping = new MysqlMetadataReader(Duration.ofSeconds(5), Duration.ofMillis(200));
        long id;
        try (var session = keeping.open(db.coordinates())) {
            id = session.connectionId();
        }
        assertThat(keeping.kept()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(keeping.kept()).as("closed by the sweep once idle too long").isZero());
        assertConnectionGone(id);

        try (var session = keeping.open(db.coordinates())) {
            id = session.connectionId();
        }
        keeping.close();
        assertThat(keeping.kept()).isZero();
        assertConnectionGone(id);
        try (var session = keeping.open(db.coordinates())) {
            assertThat(session.databaseExists(db.name)).isTrue();
        }
        assertThat(keeping.kept()).as("a closed reader keeps nothing").isZero();
    }

    private static void assertConnectionGone(long id) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:mysql://" + ScratchDatabase.HOST + ":"
                    + ScratchDatabase.PORT + "/", ScratchDatabase.USER, ScratchDatabase.PASSWORD);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + id)) {
                rs.next();
                assertThat(rs.getLong(1)).as("connection " + id + " on the server").isZero();
            }
        });
    }
}
