package io.tollgate.integrations.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
