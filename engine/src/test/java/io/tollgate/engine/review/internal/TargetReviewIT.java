package io.tollgate.engine.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.ReviewProperties;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.Reversibility;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.RiskLevel;
import io.tollgate.engine.review.RowEstimate;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.SqlReviewer;
import io.tollgate.engine.review.StatementReview;
import io.tollgate.engine.review.TargetCoordinates;
import io.tollgate.engine.review.internal.rules.ExecutionRules;
import io.tollgate.engine.review.internal.statement.JdbcTargetMetadata;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.MysqlMetadataReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reviewer against the machine's MariaDB (127.0.0.1:3306, root), in a database of its own: existence
 * checks that follow the script, EXPLAIN estimates and exact counts, and proof that nothing changed.
 */
class TargetReviewIT {

    private static final String HOST = "127.0.0.1";
    private static final int PORT = 3306;
    private static final String DB = "tg_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final TargetCoordinates TARGET = new TargetCoordinates(HOST, PORT, "root", "");
    private static final String LIMITED = "tgrv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeAll
    static void createSchema() throws SQLException {
        StringBuilder rows = new StringBuilder("INSERT INTO orders (id, status) VALUES ");
        for (int i = 1; i <= 2000; i++) {
            rows.append(i > 1 ? ", " : "").append("(").append(i).append(", ").append(i % 4).append(")");
        }
        admin("CREATE DATABASE `" + DB + "` DEFAULT CHARACTER SET utf8mb4",
                "CREATE TABLE `" + DB + "`.orders (id BIGINT UNSIGNED NOT NULL, status TINYINT NOT NULL DEFAULT 0,"
                        + " note VARCHAR(100) NOT NULL DEFAULT '', PRIMARY KEY (id), KEY idx_status (status)) ENGINE=InnoDB",
                "USE `" + DB + "`",
                rows.toString(),
                "ANALYZE TABLE `" + DB + "`.orders");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        admin("DROP DATABASE IF EXISTS `" + DB + "`");
    }

    private static void admin(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + PORT + "/", "root", "");
             Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private static String snapshot() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + PORT + "/" + DB, "root", "");
             Statement s = c.createStatement()) {
            List<String> parts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("CHECKSUM TABLE orders")) {
                rs.next();
                parts.add(rs.getString(2));
            }
            try (ResultSet rs = s.executeQuery("SELECT GROUP_CONCAT(TABLE_NAME ORDER BY TABLE_NAME) FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = '" + DB + "'")) {
                rs.next();
                parts.add(rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + DB + "'")) {
                rs.next();
                parts.add(rs.getString(1));
            }
            return String.join("|", parts);
        }
    }

    private static SqlReviewer reviewer(ReviewProperties properties) {
        MysqlMetadataReader reader = new MysqlMetadataReader(Duration.ofSeconds(5));
        return new BuiltInSqlReviewer(properties, RuleLevelSource.DEFAULTS, coordinates -> new JdbcTargetMetadata(reader.open(
                new MysqlCoordinates(coordinates.host(), coordinates.port(), coordinates.user(), coordinates.password(), null))));
    }

    private static List<String> ids(StatementReview s) {
        return s.findings().stream().map(Finding::ruleId).toList();
    }

    /**
     * A statement whose rollback SQL would outgrow what the ledger records for one statement is refused as it runs,
     * after the approvals (RollbackSizeIT): the review says so up front, from the rows and the table's average row
     * length. 5,000 rows of about 4 KB: deleting them all records about 20 MB; 100 of them, or one column of all, fit.
     */
    @Test
    void aStatementWhoseRollbackWouldOutgrowTheLedgerIsAWarningUpFront() throws SQLException {
        admin("CREATE TABLE `" + DB + "`.wide (id INT PRIMARY KEY, a VARCHAR(1000), b VARCHAR(1000), c VARCHAR(1000),"
                        + " d VARCHAR(1000)) ENGINE=InnoDB",
                "INSERT INTO `" + DB + "`.wide SELECT seq, REPEAT('a', 990), REPEAT('b', 990), REPEAT('c', 990),"
                        + " REPEAT('d', 990) FROM `" + DB + "`.seq_1_to_5000",
                "ANALYZE TABLE `" + DB + "`.wide");
        List<StatementReview> s = reviewer(ReviewProperties.defaults()).review(new ReviewRequest(
                "DELETE FROM wide WHERE id > 0;\nDELETE FROM wide WHERE id <= 100;\nUPDATE wide SET a = 'x' WHERE id > 0;",
                TARGET, DB, Environment.PROD)).statements();

        assertThat(s.get(0).findings()).filteredOn(f -> f.ruleId().equals("execution.rollback-size"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("5000 rows", "16 MB",
                        "the executor would refuse it when it runs"));
        assertThat(ids(s.get(1))).doesNotContain("execution.rollback-size");
        assertThat(ids(s.get(2))).doesNotContain("execution.rollback-size");
    }

    /**
     * Changes of a column's type that the server makes by rounding or cutting what it holds, with no error even in
     * strict mode, are lossy and irreversible at review, as the server names the column's type: they passed as
     * reversible, ran on a reviewer's approval alone, and their rollback had no inverse to run (a helper's finding).
     * Widening the same columns stays reversible.
     */
    @Test
    void typeChangesTheServerMakesByRoundingAreLossyAndIrreversible() throws SQLException {
        admin("CREATE TABLE `" + DB + "`.measure (id INT PRIMARY KEY, at DATETIME(6), ts TIMESTAMP(6) NULL,"
                + " tm TIME(3), d DOUBLE, f FLOAT, flags BIT(8), state ENUM('new','paid','sent')) ENGINE=InnoDB");
        List<StatementReview> s = reviewer(ReviewProperties.defaults()).review(new ReviewRequest("""
                ALTER TABLE measure MODIFY at DATETIME;
                ALTER TABLE measure MODIFY ts TIMESTAMP NULL;
                ALTER TABLE measure MODIFY tm TIME;
                ALTER TABLE measure MODIFY d DOUBLE(10,2);
                ALTER TABLE measure MODIFY f FLOAT(5,1);
                ALTER TABLE measure MODIFY flags BIT(4);
                ALTER TABLE measure MODIFY state ENUM('new','paid');
                ALTER TABLE measure MODIFY d DOUBLE AS (id * 2) STORED;
                ALTER TABLE measure MODIFY id INT NOT NULL AUTO_INCREMENT;
                ALTER TABLE measure MODIFY at DATETIME(6) NULL;
                ALTER TABLE measure MODIFY f DOUBLE;
                ALTER TABLE measure MODIFY state ENUM('new','paid','sent','lost');""", TARGET, DB, Environment.DEV))
                .statements();

        for (int i = 0; i < 9; i++) {
            assertThat(ids(s.get(i))).as(s.get(i).sql()).contains("column.lossy-type-change");
            assertThat(s.get(i).reversibility()).as(s.get(i).sql()).isEqualTo(Reversibility.IRREVERSIBLE);
        }
        for (int i = 9; i < 12; i++) {
            assertThat(ids(s.get(i))).as(s.get(i).sql()).doesNotContain("column.lossy-type-change");
        }
        // harmless, and put back by the executor's inverse: reversible as the executor sees it
        assertThat(s.get(9).reversibility()).isEqualTo(Reversibility.REVERSIBLE);
        assertThat(s.get(11).reversibility()).isEqualTo(Reversibility.REVERSIBLE);
        // harmless, but the executor records no inverse for it (a FLOAT made DOUBLE): not called reversible
        assertThat(s.get(10).reversibility()).isEqualTo(Reversibility.IRREVERSIBLE);
    }

    /**
     * A TIMESTAMP that allows NULL made NOT NULL: MariaDB puts the current time where it held NULL, with no error even
     * in strict mode, and nothing puts the NULLs back. Lossy and irreversible; written NOT NULL or left to the
     * server's default for a TIMESTAMP alike. Other types made NOT NULL fail in strict mode where a NULL is (nothing
     * changes), and a TIMESTAMP that keeps allowing NULL, or already refused it, loses nothing.
     */
    @Test
    void aTimestampMadeNotNullIsLossyAndIrreversible() throws SQLException {
        admin("CREATE TABLE `" + DB + "`.stamps (id INT PRIMARY KEY, a TIMESTAMP NULL DEFAULT NULL,"
                + " b TIMESTAMP NULL, c TIMESTAMP NULL, made TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, n INT NULL)"
                + " ENGINE=InnoDB");
        List<StatementReview> s = reviewer(ReviewProperties.defaults()).review(new ReviewRequest("""
                ALTER TABLE stamps MODIFY a TIMESTAMP NOT NULL;
                ALTER TABLE stamps CHANGE b b_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP;
                ALTER TABLE stamps MODIFY c TIMESTAMP;
                ALTER TABLE stamps MODIFY c TIMESTAMP NULL DEFAULT NULL;
                ALTER TABLE stamps MODIFY made TIMESTAMP NOT NULL;
                ALTER TABLE stamps MODIFY n INT NOT NULL;""", TARGET, DB, Environment.DEV)).statements();

        for (int i = 0; i < 3; i++) {
            assertThat(ids(s.get(i))).as(s.get(i).sql()).contains("column.lossy-type-change");
            assertThat(s.get(i).findings()).as(s.get(i).sql()).anySatisfy(f -> assertThat(f.message())
                    .contains("current time").contains("NULL"));
            assertThat(s.get(i).reversibility()).as(s.get(i).sql()).isEqualTo(Reversibility.IRREVERSIBLE);
        }
        for (int i = 3; i < 6; i++) {
            assertThat(ids(s.get(i))).as(s.get(i).sql()).doesNotContain("column.lossy-type-change");
        }
        // after the script's own third statement, c refuses NULL: allowing it again loses nothing
        assertThat(s.get(3).reversibility()).isEqualTo(Reversibility.REVERSIBLE);
        assertThat(s.get(4).reversibility()).isEqualTo(Reversibility.REVERSIBLE);
    }

    /**
     * ENUM and SET values whose case changes: the server rewrites every stored value to the new spelling, which the
     * review did not see (it compared the types lower-cased; a helper's finding). Values added keep theirs.
     */
    @Test
    void enumValuesWhoseCaseChangesAreALossyChange() throws SQLException {
        admin("CREATE TABLE `" + DB + "`.cased (id INT PRIMARY KEY, e ENUM('a','b','c'), s SET('x','y'))"
                + " ENGINE=InnoDB");
        List<StatementReview> s = reviewer(ReviewProperties.defaults()).review(new ReviewRequest("""
                ALTER TABLE cased MODIFY e ENUM('A','B','C');
                ALTER TABLE cased MODIFY s SET('X','Y');
                ALTER TABLE cased MODIFY e ENUM('A','B','C','D');""", TARGET, DB, Environment.DEV)).statements();

        assertThat(ids(s.get(0))).contains("column.lossy-type-change");
        assertThat(ids(s.get(1))).contains("column.lossy-type-change");
        assertThat(ids(s.get(2))).as("the script's own ENUM('A','B','C') extended").doesNotContain(
                "column.lossy-type-change");
    }

    /** A view named as a statement's table is called a view, not a table that does not exist (a helper's finding). */
    @Test
    void aViewIsCalledAViewNotAMissingTable() throws SQLException {
        admin("CREATE TABLE `" + DB + "`.shown (id INT PRIMARY KEY, v INT)",
                "CREATE VIEW `" + DB + "`.shown_view AS SELECT id, v FROM `" + DB + "`.shown");
        List<StatementReview> s = reviewer(ReviewProperties.defaults()).review(new ReviewRequest(
                "UPDATE shown_view SET v = 0 WHERE id = 6;\nUPDATE no_such_table SET v = 0 WHERE id = 6;", TARGET, DB,
                Environment.DEV)).statements();
        assertThat(s.get(0).findings()).filteredOn(f -> f.ruleId().equals("target.table-missing")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("shown_view is a view, not a table"));
        assertThat(s.get(1).findings()).filteredOn(f -> f.ruleId().equals("target.table-missing")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no_such_table does not exist."));
    }

    @Test
    void aStatementOnATableThatCannotUndoItIsAWarningUpFront() throws SQLException {
        admin("CREATE TABLE `" + DB + "`.counter_m (id INT PRIMARY KEY, n INT) ENGINE=MyISAM",
                "CREATE TABLE `" + DB + "`.counter_i (id INT PRIMARY KEY, n INT) ENGINE=InnoDB");
        List<StatementReview> s = reviewer(ReviewProperties.defaults()).review(new ReviewRequest(
                "UPDATE counter_m SET n = n + 1 WHERE id = 1;\nUPDATE counter_i SET n = n + 1 WHERE id = 1;", TARGET,
                DB, Environment.PROD)).statements();

        assertThat(s.get(0).findings()).filteredOn(f -> f.ruleId().equals("execution.non-transactional-table"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("counter_m", "MyISAM",
                        "the executor refuses this statement"));
        assertThat(ids(s.get(1))).doesNotContain("execution.non-transactional-table");
    }

    @Test
    void aDeleteOfRowsThatOtherTablesReferenceWithCascadeIsAWarningUpFront() throws SQLException {
        admin("CREATE TABLE `" + DB + "`.customer (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL UNIQUE, name VARCHAR(20))",
                "CREATE TABLE `" + DB + "`.customer_order (id INT PRIMARY KEY, customer_id INT, CONSTRAINT fk_co_customer"
                        + " FOREIGN KEY (customer_id) REFERENCES `" + DB + "`.customer (id) ON DELETE CASCADE)",
                "CREATE TABLE `" + DB + "`.customer_note (id INT PRIMARY KEY, code VARCHAR(10), CONSTRAINT fk_cn_code"
                        + " FOREIGN KEY (code) REFERENCES `" + DB + "`.customer (code) ON UPDATE CASCADE ON DELETE SET NULL)",
                "CREATE TABLE `" + DB + "`.customer_tag (id INT PRIMARY KEY, code VARCHAR(10), CONSTRAINT fk_ct_code"
                        + " FOREIGN KEY (code) REFERENCES `" + DB + "`.customer (code) ON UPDATE SET NULL)");
        try {
            String script = """
                    DELETE FROM customer WHERE id = 1;
                    UPDATE customer SET code = 'x' WHERE id = 1;
                    UPDATE customer SET name = 'n' WHERE id = 1;
                    DELETE FROM customer_order WHERE id = 1;
                    """;
            List<StatementReview> s = reviewer(ReviewProperties.defaults())
                    .review(new ReviewRequest(script, TARGET, DB, Environment.PROD)).statements();

            assertThat(s.get(0).findings()).filteredOn(f -> f.ruleId().equals(ExecutionRules.REFERENCED_ROWS))
                    .extracting(Finding::message).hasSize(2).anySatisfy(m -> assertThat(m)
                            .contains("would delete the rows of `" + DB + "`.`customer_order`", "ON DELETE CASCADE"))
                    .anySatisfy(m -> assertThat(m).contains("`customer_note`", "ON DELETE SET NULL"));
            assertThat(s.get(1).findings()).as("ON UPDATE CASCADE changes the referencing rows as SET NULL does")
                    .filteredOn(f -> f.ruleId().equals(ExecutionRules.REFERENCED_ROWS)).extracting(Finding::message)
                    .hasSize(2).anySatisfy(m -> assertThat(m).contains("`customer_tag`", "ON UPDATE SET NULL"))
                    .anySatisfy(m -> assertThat(m).contains("would update the referencing columns of",
                            "`customer_note`", "ON UPDATE CASCADE"));
            assertThat(ids(s.get(2))).as("no key references a column without an index").doesNotContain(ExecutionRules.REFERENCED_ROWS);
            assertThat(ids(s.get(3))).doesNotContain(ExecutionRules.REFERENCED_ROWS);

            // an account that may read customer but none of the tables pointing at it, with PROCESS: InnoDB counts
            // three keys it cannot see, which the review reports as the executor will refuse them
            String user = LIMITED + "f";
            admin("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw-" + user + "'",
                    "GRANT SELECT, UPDATE, DELETE ON `" + DB + "`.customer TO '" + user + "'@'%'",
                    "GRANT PROCESS ON *.* TO '" + user + "'@'%'");
            try {
                List<StatementReview> limited = reviewer(ReviewProperties.defaults()).review(new ReviewRequest(
                        "DELETE FROM customer WHERE id = 1", new TargetCoordinates(HOST, PORT, user, "pw-" + user), DB,
                        Environment.PROD)).statements();
                assertThat(limited.get(0).findings()).filteredOn(f -> f.ruleId().equals(ExecutionRules.REFERENCED_ROWS))
                        .extracting(Finding::message).singleElement().satisfies(m -> assertThat(m).startsWith(
                                "This DELETE may change rows that point at them through a foreign key the instance's"
                                        + " account cannot see").contains("the executor refuses it if it changes any"
                                + " row, as it cannot check which rows point at them."));
            } finally {
                admin("DROP USER IF EXISTS '" + user + "'@'%'");
            }
        } finally {
            admin("DROP TABLE `" + DB + "`.customer_tag, `" + DB + "`.customer_note, `" + DB + "`.customer_order, `"
                    + DB + "`.customer");
        }
    }

    @Test
    void triggersThatChangeOtherRowsAreAnErrorAndTheirOtherWritesAWarning() throws SQLException {
        admin("CREATE TABLE `" + DB + "`.parent (id INT PRIMARY KEY, v VARCHAR(20))",
                "CREATE TABLE `" + DB + "`.child (id INT PRIMARY KEY, parent_id INT)",
                "CREATE TABLE `" + DB + "`.audit (n INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(20))",
                "CREATE TRIGGER `" + DB + "`.parent_cleanup AFTER DELETE ON `" + DB + "`.parent FOR EACH ROW"
                        + " DELETE FROM `" + DB + "`.child WHERE parent_id = OLD.id",
                "CREATE TRIGGER `" + DB + "`.parent_audit AFTER UPDATE ON `" + DB + "`.parent FOR EACH ROW"
                        + " INSERT INTO `" + DB + "`.audit (what) VALUES ('update')",
                "CREATE TRIGGER `" + DB + "`.child_check BEFORE INSERT ON `" + DB + "`.child FOR EACH ROW BEGIN"
                        + " IF NEW.parent_id IS NULL THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no parent';"
                        + " END IF; END");
        try {
            String script = """
                    DELETE FROM parent WHERE id = 1;
                    UPDATE parent SET v = 'x' WHERE id = 1;
                    INSERT INTO parent VALUES (3, 'three');
                    INSERT INTO child VALUES (30, 3);
                    """;
            List<StatementReview> s = reviewer(ReviewProperties.defaults())
                    .review(new ReviewRequest(script, TARGET, DB, Environment.PROD)).statements();

            assertThat(s.get(0).findings()).filteredOn(f -> f.ruleId().equals(ExecutionRules.TRIGGER_CHANGES_ROWS))
                    .singleElement().satisfies(f -> {
                        assertThat(f.level()).isEqualTo(RuleLevel.ERROR);
                        assertThat(f.message()).startsWith("This DELETE fires trigger `parent_cleanup` (AFTER DELETE),"
                                + " which deletes rows of other tables: those rows would get no before-image, so the"
                                + " executor refuses it if it changes any row.");
                    });
            assertThat(s.get(1).findings()).filteredOn(f -> f.ruleId().equals(ExecutionRules.TRIGGER_SIDE_EFFECTS))
                    .extracting(Finding::message).singleElement().satisfies(m -> assertThat(m).startsWith(
                            "This UPDATE fires trigger `parent_audit` (AFTER UPDATE), which inserts rows into other"
                                    + " tables: a rollback leaves those rows."));
            assertThat(s.get(2).findings()).filteredOn(f -> f.ruleId().equals(ExecutionRules.TRIGGER_SIDE_EFFECTS))
                    .extracting(Finding::message).singleElement().satisfies(m -> assertThat(m)
                            .startsWith("Its rollback (DELETE) would fire trigger `parent_cleanup`"));
            assertThat(ids(s.get(2))).doesNotContain(ExecutionRules.TRIGGER_CHANGES_ROWS);
            assertThat(ids(s.get(3))).doesNotContain(ExecutionRules.STORED_FUNCTION);
            assertThat(ids(s.get(3))).as("a check that writes nothing elsewhere")
                    .doesNotContain(ExecutionRules.TRIGGER_CHANGES_ROWS, ExecutionRules.TRIGGER_SIDE_EFFECTS);

            // an account without the TRIGGER privilege cannot read what the triggers do: each is an error, as the
            // executor refuses them, never taken for a check that writes nothing
            admin("CREATE USER '" + LIMITED + "'@'%' IDENTIFIED BY 'pw-" + LIMITED + "'",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON `" + DB + "`.* TO '" + LIMITED + "'@'%'");
            List<StatementReview> limited = reviewer(ReviewProperties.defaults()).review(new ReviewRequest(script,
                    new TargetCoordinates(HOST, PORT, LIMITED, "pw-" + LIMITED), DB, Environment.PROD)).statements();
            for (int i : new int[] {0, 1, 3}) {
                assertThat(limited.get(i).findings()).as("statement " + (i + 1))
                        .filteredOn(f -> f.ruleId().equals(ExecutionRules.TRIGGER_CHANGES_ROWS))
                        .singleElement().satisfies(f -> {
                            assertThat(f.level()).isEqualTo(RuleLevel.ERROR);
                            assertThat(f.message()).contains("which Tollgate cannot read", "TRIGGER privilege");
                        });
            }
        } finally {
            admin("DROP USER IF EXISTS '" + LIMITED + "'@'%'");
            admin("DROP TABLE `" + DB + "`.parent, `" + DB + "`.child, `" + DB + "`.audit");
        }
    }

    @Test
    void aTableWhoseColumnsTheAccountMayOnlyPartlyReadIsAnError() throws SQLException {
        String user = LIMITED + "c";
        admin("CREATE TABLE `" + DB + "`.person (id INT PRIMARY KEY, city VARCHAR(20), ssn VARCHAR(20))",
                "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw-" + user + "'",
                "GRANT SELECT (id, city), INSERT (id, city), UPDATE (city), DELETE ON `" + DB + "`.person TO '" + user
                        + "'@'%'",
                "GRANT SELECT, UPDATE ON `" + DB + "`.orders TO '" + user + "'@'%'");
        try {
            List<StatementReview> s = reviewer(ReviewProperties.defaults()).review(new ReviewRequest("""
                    DELETE FROM person WHERE id = 2;
                    UPDATE orders SET note = 'x' WHERE id = 1;
                    """, new TargetCoordinates(HOST, PORT, user, "pw-" + user), DB, Environment.PROD)).statements();

            assertThat(s.get(0).findings()).filteredOn(f -> f.ruleId().equals(ExecutionRules.HIDDEN_COLUMNS))
                    .singleElement().satisfies(f -> {
                        assertThat(f.level()).isEqualTo(RuleLevel.ERROR);
                        assertThat(f.message()).startsWith("The executor refuses this statement: the instance's account"
                                + " cannot read every column of `" + DB + "`.`person`");
                    });
            assertThat(ids(s.get(1))).as("a table it reads whole").doesNotContain(ExecutionRules.HIDDEN_COLUMNS);
            assertThat(ids(reviewer(ReviewProperties.defaults()).review(new ReviewRequest(
                    "DELETE FROM person WHERE id = 2", TARGET, DB, Environment.PROD)).statements().get(0)))
                    .as("root reads every column").doesNotContain(ExecutionRules.HIDDEN_COLUMNS);
        } finally {
            admin("DROP USER IF EXISTS '" + user + "'@'%'", "DROP TABLE `" + DB + "`.person");
        }
    }

    @Test
    void aStatementCallingAStoredFunctionIsAnError() throws SQLException {
        admin("CREATE TABLE `" + DB + "`.f_target (id INT PRIMARY KEY, v INT)",
                "CREATE FUNCTION `" + DB + "`.next_no() RETURNS INT NOT DETERMINISTIC RETURN 7");
        try {
            List<StatementReview> s = reviewer(ReviewProperties.defaults()).review(new ReviewRequest("""
                    UPDATE f_target SET v = next_no() WHERE id = 1;
                    UPDATE f_target SET v = ABS(-7) WHERE id = 1;
                    """, TARGET, DB, Environment.PROD)).statements();

            assertThat(s.get(0).findings()).filteredOn(f -> f.ruleId().equals(ExecutionRules.STORED_FUNCTION))
                    .singleElement().satisfies(f -> {
                        assertThat(f.level()).isEqualTo(RuleLevel.ERROR);
                        assertThat(f.message()).startsWith("This statement calls the stored function next_no()");
                    });
            assertThat(ids(s.get(1))).doesNotContain(ExecutionRules.STORED_FUNCTION);
        } finally {
            admin("DROP FUNCTION `" + DB + "`.next_no", "DROP TABLE `" + DB + "`.f_target");
        }
    }

    @Test
    void existenceChecksFollowTheScript() throws SQLException {
        String before = snapshot();
        String script = """
                CREATE TABLE orders (id BIGINT UNSIGNED NOT NULL PRIMARY KEY COMMENT 'id') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='x';
                CREATE TABLE invoices (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'id', PRIMARY KEY (id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='i';
                ALTER TABLE invoices ADD COLUMN total DECIMAL(12,2) NOT NULL DEFAULT 0 COMMENT 'total';
                ALTER TABLE orders ADD COLUMN status TINYINT NOT NULL DEFAULT 0 COMMENT 's';
                ALTER TABLE orders DROP INDEX idx_missing;
                UPDATE shipments SET state = 1 WHERE id = 1;
                DROP TABLE invoices;
                INSERT INTO invoices (id, total) VALUES (1, 2);
                """;
        ReviewResult result = reviewer(ReviewProperties.defaults()).review(new ReviewRequest(script, TARGET, DB, Environment.PROD));
        List<StatementReview> s = result.statements();
        assertThat(ids(s.get(0))).contains("target.table-exists");
        assertThat(ids(s.get(1))).doesNotContain("target.table-exists");
        assertThat(ids(s.get(2))).doesNotContain("target.table-missing", "target.column-exists");
        assertThat(ids(s.get(3))).contains("target.column-exists");
        assertThat(ids(s.get(4))).contains("target.index-missing");
        assertThat(ids(s.get(5))).contains("target.table-missing");
        assertThat(ids(s.get(7))).contains("target.table-missing");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void rowsAreEstimatedByExplainAndCountedExactlyOnSmallTables() throws SQLException {
        String before = snapshot();
        String script = "UPDATE orders SET note = 'x' WHERE status = 1;\nDELETE FROM orders WHERE id <= 10;\nUPDATE orders SET note = 'y' WHERE nope = 1";
        ReviewResult exact = reviewer(ReviewProperties.defaults()).review(new ReviewRequest(script, TARGET, DB, Environment.PROD));
        assertThat(exact.statements().get(0).rows()).isEqualTo(RowEstimate.exact(500, "COUNT(*)"));
        assertThat(exact.statements().get(1).rows()).isEqualTo(RowEstimate.exact(10, "COUNT(*)"));
        assertThat(ids(exact.statements().get(2))).contains("target.explain-error");
        assertThat(exact.statements().get(2).findings()).anySatisfy(f -> assertThat(f.message()).contains("nope"));

        ReviewProperties estimatesOnly = new ReviewProperties(0, -1, 100, 0, 0, 0, 0, 0, 0, 0, null);
        ReviewResult estimated = reviewer(estimatesOnly).review(new ReviewRequest(script, TARGET, DB, Environment.PROD));
        RowEstimate rows = estimated.statements().get(0).rows();
        assertThat(rows.kind()).isEqualTo(RowEstimate.Kind.ESTIMATE);
        assertThat(rows.source()).isEqualTo("EXPLAIN");
        assertThat(rows.rows()).isPositive();
        assertThat(ids(estimated.statements().get(0))).contains("stmt.max-affected-rows");
        assertThat(estimated.risk()).isEqualTo(RiskLevel.HIGH);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void rowsAreCountedByTheConditionAsWrittenNotAsTheParserPrintsIt() throws SQLException {
        // ADR 0048: Druid printed -"-7" as -'"-7"' (0) and (NOT status) < status as NOT status < status (every row)
        String before = snapshot();
        String script = "DELETE FROM orders WHERE id = -\"-7\";\nUPDATE orders SET note = 'z' WHERE (NOT status) < status;\n"
                + "DELETE FROM orders WHERE id <= 3 -- the first three\n";
        ReviewResult review = reviewer(ReviewProperties.defaults()).review(new ReviewRequest(script, TARGET, DB, Environment.PROD));
        assertThat(review.statements()).extracting(StatementReview::rows).containsExactly(
                RowEstimate.exact(1, "COUNT(*)"), RowEstimate.exact(1500, "COUNT(*)"), RowEstimate.exact(3, "COUNT(*)"));
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anInsertWithoutAColumnListFillsTheVisibleColumnsAsTheExecutorReadsIt() throws SQLException {
        admin("CREATE TABLE `" + DB + "`.acct (audit_note VARCHAR(20) INVISIBLE DEFAULT 'new', id INT PRIMARY KEY,"
                + " balance INT)");
        ReviewResult review = reviewer(ReviewProperties.defaults()).review(new ReviewRequest(
                "INSERT INTO acct VALUES (NULL, 5);\nINSERT INTO acct VALUES (5, NULL)", TARGET, DB, Environment.PROD));
        // the key is the first value, not the second: NULL is refused, 5 runs
        assertThat(ids(review.statements().get(0))).contains("execution.refused");
        assertThat(ids(review.statements().get(1))).doesNotContain("execution.refused");
    }

    @Test
    void unreachableTargetIsAFindingNotAnException() {
        SqlReviewer reviewer = reviewer(new ReviewProperties(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Duration.ofSeconds(1)));
        ReviewResult result = reviewer.review(new ReviewRequest("SELECT id FROM orders WHERE id = 1",
                new TargetCoordinates(HOST, 1, "root", ""), DB, Environment.DEV));
        assertThat(ids(result.statements().get(0))).contains("target.unreachable");
        assertThat(result.statements().get(0).findings().get(0).message()).doesNotContain("password");
    }
}
