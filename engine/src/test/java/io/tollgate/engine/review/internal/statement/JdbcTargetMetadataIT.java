package io.tollgate.engine.review.internal.statement;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.MysqlMetadataReader;
import io.tollgate.integrations.mysql.MysqlRoutines;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the review reads of a target's tables, against the machine's MariaDB (127.0.0.1:3306, root), in a database of
 * its own per test: a table the script names is read alone, not the whole database; names match whatever their case;
 * after {@link JdbcTargetMetadata#TABLES_ONE_AT_A_TIME} tables the database is read whole once. Each test changes the
 * database behind the reader's back to see which of the two it read.
 */
class JdbcTargetMetadataIT {

    private static final String HOST = "127.0.0.1";
    private static final int PORT = 3306;

    private final String db = "tg_it_meta_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private MysqlMetadataReader reader;
    private JdbcTargetMetadata metadata;

    @BeforeEach
    void open() throws SQLException {
        admin("CREATE DATABASE `" + db + "`");
        reader = new MysqlMetadataReader(Duration.ofSeconds(5));
        metadata = new JdbcTargetMetadata(reader.open(new MysqlCoordinates(HOST, PORT, "root", "", null)));
    }

    @AfterEach
    void close() throws SQLException {
        metadata.close();
        reader.close();
        admin("DROP DATABASE IF EXISTS `" + db + "`");
    }

    private void admin(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + PORT + "/", "root", "");
             Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private void createTables(String... names) throws SQLException {
        for (String name : names) {
            admin("CREATE TABLE `" + db + "`.`" + name + "` (id BIGINT NOT NULL PRIMARY KEY, note VARCHAR(20) NULL,"
                    + " KEY idx_note (note)) ENGINE=InnoDB");
        }
    }

    @Test
    void aTableTheScriptNamesIsReadAloneNotTheWholeDatabase() throws SQLException {
        createTables("orders", "invoices");

        TargetMetadata.Table orders = metadata.table(db, "orders").orElseThrow();
        assertThat(orders.name()).isEqualTo("orders");
        assertThat(orders.engine()).isEqualToIgnoringCase("InnoDB");
        assertThat(orders.columns()).extracting(TargetMetadata.Column::name).containsExactly("id", "note");
        assertThat(orders.columns().get(1).nullable()).isTrue();
        assertThat(orders.indexes()).extracting(TargetMetadata.Index::name).containsExactlyInAnyOrder("PRIMARY", "idx_note");

        // read now, not with orders: a whole-database read would still have it
        admin("DROP TABLE `" + db + "`.invoices");
        assertThat(metadata.table(db, "invoices")).isEmpty();
        // and what was read stays as read for the rest of the review
        admin("DROP TABLE `" + db + "`.orders");
        assertThat(metadata.table(db, "orders")).isPresent();
    }

    @Test
    void namesMatchWhateverTheirCaseAndAViewIsNoTable() throws SQLException {
        createTables("Orders");
        admin("CREATE VIEW `" + db + "`.open_orders AS SELECT id FROM `" + db + "`.`Orders`");

        assertThat(metadata.table(db, "ORDERS")).get().extracting(TargetMetadata.Table::name).isEqualTo("Orders");
        assertThat(metadata.table(db, "orders")).get().extracting(TargetMetadata.Table::name).isEqualTo("Orders");
        assertThat(metadata.table(db, "Orders")).isPresent();
        assertThat(metadata.table(db, "open_orders")).isEmpty();
        assertThat(metadata.table(db, "OPEN_ORDERS")).isEmpty();
        assertThat(metadata.table(db, "shipments")).isEmpty();
    }

    @Test
    void afterSoManyTablesTheNextQuestionReadsTheWholeDatabaseOnce() throws SQLException {
        int many = JdbcTargetMetadata.TABLES_ONE_AT_A_TIME;
        String[] names = new String[many + 3];
        for (int i = 0; i < names.length; i++) {
            names[i] = "t" + i;
        }
        createTables(names);
        for (int i = 0; i < many - 1; i++) {
            assertThat(metadata.table(db, names[i])).isPresent();
        }
        assertThat(metadata.table(db, "missing")).isEmpty(); // a miss counts as a table read

        // the next table is read with all the others
        assertThat(metadata.table(db, names[many])).isPresent();
        admin("DROP TABLE `" + db + "`.`" + names[many + 2] + "`");
        assertThat(metadata.table(db, names[many + 2])).as("read with the whole database, before the drop").isPresent();
        assertThat(metadata.table(db, names[many + 1].toUpperCase())).isPresent();
        assertThat(metadata.table(db, "missing")).isEmpty();
    }

    @Test
    void whetherAFunctionIsStoredIsAskedOncePerNameAndReview() throws SQLException {
        admin("CREATE FUNCTION `" + db + "`.next_no() RETURNS INT NOT DETERMINISTIC RETURN 7");
        List<MysqlRoutines.Call> calls = List.of(new MysqlRoutines.Call(null, "NEXT_NO"),
                new MysqlRoutines.Call(null, "UPPER"));

        assertThat(metadata.storedFunctions(db, calls)).containsExactly(db + ".next_no");
        // a statement per line that calls it asks nothing more: the answer stays as read
        admin("DROP FUNCTION `" + db + "`.next_no");
        assertThat(metadata.storedFunctions(db, calls)).containsExactly(db + ".next_no");
        assertThat(metadata.storedFunctions(db, List.of(new MysqlRoutines.Call(db, "other")))).isEmpty();
    }
}
