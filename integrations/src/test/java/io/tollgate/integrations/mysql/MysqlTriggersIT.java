package io.tollgate.integrations.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.integrations.mysql.MysqlTriggers.Event;
import io.tollgate.integrations.mysql.MysqlTriggers.Trigger;
import io.tollgate.integrations.mysql.MysqlTriggers.Writes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an account without the TRIGGER privilege learns of a table's triggers, on the machine's MariaDB/MySQL: the
 * triggers it cannot read count as changing other rows, and its own grants say whether it can see them (ADR 0039).
 */
class MysqlTriggersIT {

    final ScratchDatabase db;
    final String user = "tgtv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    MysqlTriggersIT() throws SQLException {
        db = new ScratchDatabase();
    }

    @BeforeEach
    void createTableWithTrigger() throws SQLException {
        db.execute("CREATE TABLE parent (id INT PRIMARY KEY)", "CREATE TABLE child (id INT PRIMARY KEY, p INT)",
                "CREATE TRIGGER parent_cleanup AFTER DELETE ON parent FOR EACH ROW DELETE FROM child WHERE p = OLD.id",
                "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw-" + user + "'",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON `" + db.name + "`.* TO '" + user + "'@'%'");
    }

    @AfterEach
    void drop() throws SQLException {
        db.execute("DROP USER IF EXISTS '" + user + "'@'%'");
        db.close();
    }

    @Test
    void anAccountWithoutTheTriggerPrivilegeGetsNoHarmlessLookingTrigger() throws SQLException {
        try (Connection c = connectAs(user)) {
            assertThat(MysqlTriggers.seesTriggers(c, db.name, "parent")).isFalse();

            List<Trigger> triggers = MysqlTriggers.read(c, db.name, "parent");

            assertThat(MysqlTriggers.changingOtherRows(triggers, Event.DELETE)).hasValueSatisfying(t -> {
                assertThat(t.writes()).isEqualTo(Writes.CHANGES_OTHER_ROWS);
                assertThat(t.describe()).contains("TRIGGER privilege");
            });
            assertThat(MysqlTriggers.read(c, db.name, "child")).as("a table without triggers")
                    .allSatisfy(t -> assertThat(t.name()).isNull());
        }
    }

    @Test
    void theTriggerPrivilegeOnTheTableOrItsSchemaShowsTheTriggers() throws SQLException {
        db.execute("GRANT TRIGGER ON `" + db.name + "`.parent TO '" + user + "'@'%'");
        try (Connection c = connectAs(user)) {
            assertThat(MysqlTriggers.seesTriggers(c, db.name, "parent")).isTrue();
            assertThat(MysqlTriggers.seesTriggers(c, db.name, "child")).isFalse();
            assertThat(MysqlTriggers.read(c, db.name, "parent")).singleElement().satisfies(t ->
                    assertThat(t.describe()).isEqualTo("trigger `parent_cleanup` (AFTER DELETE), which deletes rows"
                            + " of other tables"));
        }
        db.execute("GRANT TRIGGER ON `" + db.name.replace("_", "\\_").substring(0, 8) + "%`.* TO '" + user + "'@'%'");
        try (Connection c = connectAs(user)) {
            assertThat(MysqlTriggers.seesTriggers(c, db.name, "child")).as("a schema pattern").isTrue();
        }
    }

    private Connection connectAs(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT + "/"
                + db.name, name, "pw-" + name);
    }
}
