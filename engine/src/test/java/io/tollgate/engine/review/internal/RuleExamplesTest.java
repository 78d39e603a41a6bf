package io.tollgate.engine.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.TargetCoordinates;
import io.tollgate.engine.review.internal.rules.Rule;
import io.tollgate.engine.review.internal.rules.RuleRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One violating and one passing example per rule, reviewed against the fixture target (database {@code shop}:
 * a small {@code users} and a large {@code orders} table) with every rule on, in PROD.
 */
class RuleExamplesTest {

    /** A CREATE TABLE that passes every rule; {@code %s} is the table name. */
    static final String GOOD_TABLE = "CREATE TABLE %s (\n"
            + "  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'id',\n"
            + "  name VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'name',\n"
            + "  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'created',\n"
            + "  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP COMMENT 'updated',\n"
            + "  PRIMARY KEY (id),\n"
            + "  KEY idx_name (name)\n"
            + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='good'";
    static final String GOOD = GOOD_TABLE.formatted("t_good");
    static final String SELECT = "SELECT id FROM users WHERE id = 1";
    static final String ADD_AGE = "ALTER TABLE users ADD COLUMN age INT NOT NULL DEFAULT 0 COMMENT 'age'";

    record Example(String bad, String good, TargetCoordinates target) {
    }

    static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();

    private static void ex(String ruleId, String bad, String good) {
        EXAMPLES.put(ruleId, new Example(bad, good, TestReviewers.TARGET));
    }

    private static String goodWith(String from, String to) {
        assertThat(GOOD).contains(from);
        return GOOD.replace(from, to);
    }

    static {
        ex("stmt.syntax-error", "SELEC id FROM users", SELECT);
        ex("stmt.dml-without-where", "DELETE FROM users", "DELETE FROM users WHERE id = 1");
        ex("stmt.where-always-true", "UPDATE users SET name = 'a' WHERE 1 = 1", "UPDATE users SET name = 'a' WHERE id = 1");
        ex("stmt.dml-with-limit", "DELETE FROM users WHERE id > 1 LIMIT 10", "DELETE FROM users WHERE id > 1");
        ex("stmt.dml-with-order-by", "DELETE FROM users WHERE id > 1 ORDER BY id", "DELETE FROM users WHERE id > 1");
        ex("stmt.multi-table-dml", "UPDATE users u JOIN orders o ON o.user_id = u.id SET u.name = 'x' WHERE o.id = 1",
                "UPDATE users SET name = 'x' WHERE id = 1");
        ex("stmt.insert-without-columns", "INSERT INTO users VALUES (1, 'a', 'b', 'c')", "INSERT INTO users (id, name) VALUES (1, 'a')");
        ex("stmt.insert-select", "INSERT INTO users (id, name) SELECT id, name FROM users WHERE id = 1",
                "INSERT INTO users (id, name) VALUES (1, 'a')");
        ex("stmt.insert-max-rows", "INSERT INTO users (id, name) VALUES "
                        + IntStream.range(0, 1001).mapToObj(i -> "(" + i + ", 'n')").collect(Collectors.joining(", ")),
                "INSERT INTO users (id, name) VALUES (1, 'a'), (2, 'b')");
        ex("stmt.replace-into", "REPLACE INTO users (id, name) VALUES (1, 'a')", "INSERT INTO users (id, name) VALUES (1, 'a')");
        ex("stmt.select-star", "SELECT * FROM users WHERE id = 1", SELECT);
        ex("stmt.order-by-rand", "SELECT id FROM users ORDER BY RAND() LIMIT 1", "SELECT id FROM users ORDER BY id LIMIT 1");
        ex("stmt.leading-wildcard-like", "SELECT id FROM users WHERE name LIKE '%bob'", "SELECT id FROM users WHERE name LIKE 'bob%'");
        ex("stmt.mixed-ddl-dml", ADD_AGE + ";\nUPDATE users SET name = 'a' WHERE id = 1",
                "UPDATE users SET name = 'a' WHERE id = 1;\nUPDATE users SET name = 'b' WHERE id = 2");
        ex("stmt.cross-database", "SELECT id FROM other.users WHERE id = 1", SELECT);
        ex("stmt.lock-tables", "LOCK TABLES users WRITE", SELECT);
        ex("stmt.transaction-control", "START TRANSACTION", SELECT);
        ex("stmt.privilege-change", "GRANT SELECT ON shop.* TO 'bob'@'%'", SELECT);
        ex("stmt.stored-routine", "DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;", SELECT);

        ex("table.require-pk", goodWith("  PRIMARY KEY (id),\n", ""), GOOD);
        ex("table.require-innodb", goodWith("ENGINE=InnoDB", "ENGINE=MyISAM"), GOOD);
        ex("table.require-utf8mb4", goodWith("CHARSET=utf8mb4", "CHARSET=utf8"), GOOD);
        ex("table.require-comment", goodWith(" COMMENT='good'", ""), GOOD);
        ex("table.no-foreign-key", goodWith("KEY idx_name (name)", "KEY idx_name (name), CONSTRAINT fk_user FOREIGN KEY (id) REFERENCES users (id)"), GOOD);
        ex("table.no-partition", GOOD + " PARTITION BY HASH (id) PARTITIONS 4", GOOD);
        ex("table.max-columns", goodWith("  PRIMARY KEY", IntStream.range(0, 50)
                .mapToObj(i -> "  c" + i + " INT NOT NULL DEFAULT 0 COMMENT 'c',\n").collect(Collectors.joining()) + "  PRIMARY KEY"), GOOD);
        ex("table.require-audit-columns", goodWith("created_at", "made_at"), GOOD);
        ex("table.auto-increment-initial", GOOD + " AUTO_INCREMENT=1000", GOOD);
        ex("table.no-create-select", "CREATE TABLE t_copy AS SELECT id FROM users WHERE id = 1", GOOD);
        ex("table.no-temporary", goodWith("CREATE TABLE", "CREATE TEMPORARY TABLE"), GOOD);

        ex("column.require-comment", goodWith(" COMMENT 'name'", ""), GOOD);
        ex("column.not-null-with-default", goodWith("VARCHAR(64) NOT NULL DEFAULT ''", "VARCHAR(64)"), GOOD);
        ex("column.no-enum", ADD_AGE.replace("INT NOT NULL DEFAULT 0", "ENUM('a', 'b') NOT NULL DEFAULT 'a'"), ADD_AGE);
        ex("column.no-set", ADD_AGE.replace("INT NOT NULL DEFAULT 0", "SET('a', 'b') NOT NULL DEFAULT 'a'"), ADD_AGE);
        ex("column.no-float", ADD_AGE.replace("INT NOT NULL DEFAULT 0", "DOUBLE NOT NULL DEFAULT 0"), ADD_AGE);
        ex("column.no-bit", ADD_AGE.replace("INT NOT NULL DEFAULT 0", "BIT(1) NOT NULL DEFAULT 0"), ADD_AGE);
        ex("column.no-blob-text", ADD_AGE.replace("INT NOT NULL DEFAULT 0", "TEXT"), ADD_AGE);
        ex("column.no-zerofill", ADD_AGE.replace("INT NOT NULL", "INT ZEROFILL NOT NULL"), ADD_AGE);
        ex("column.char-max-length", ADD_AGE.replace("INT NOT NULL DEFAULT 0", "CHAR(50) NOT NULL DEFAULT ''"),
                ADD_AGE.replace("INT NOT NULL DEFAULT 0", "CHAR(2) NOT NULL DEFAULT ''"));
        ex("column.varchar-max-length", ADD_AGE.replace("INT NOT NULL DEFAULT 0", "VARCHAR(5000) NOT NULL DEFAULT ''"),
                ADD_AGE.replace("INT NOT NULL DEFAULT 0", "VARCHAR(500) NOT NULL DEFAULT ''"));
        ex("column.auto-increment-unsigned", goodWith("BIGINT UNSIGNED", "BIGINT"), GOOD);
        ex("column.auto-increment-type", goodWith("BIGINT UNSIGNED", "SMALLINT UNSIGNED"), GOOD);
        ex("column.timestamp-default", goodWith("DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'created'",
                "DATETIME NOT NULL COMMENT 'created'"), GOOD);
        ex("column.blob-text-default", ADD_AGE.replace("INT NOT NULL DEFAULT 0", "TEXT NOT NULL DEFAULT 'x'"),
                ADD_AGE.replace("INT NOT NULL DEFAULT 0", "TEXT"));
        ex("column.no-charset", goodWith("VARCHAR(64) NOT NULL", "VARCHAR(64) CHARACTER SET latin1 NOT NULL"), GOOD);
        ex("column.add-not-null-without-default", ADD_AGE.replace(" DEFAULT 0", ""), ADD_AGE);
        ex("column.duplicate-name", goodWith("  PRIMARY KEY", "  name VARCHAR(10) NOT NULL DEFAULT '' COMMENT 'again',\n  PRIMARY KEY"), GOOD);
        ex("column.position-change", ADD_AGE + " AFTER id", ADD_AGE);
        ex("column.rename", "ALTER TABLE users CHANGE name full_name VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'n'",
                "ALTER TABLE users CHANGE name name VARCHAR(100) NOT NULL DEFAULT '' COMMENT 'n'");
        ex("column.lossy-type-change", "ALTER TABLE users MODIFY name VARCHAR(10) NOT NULL DEFAULT '' COMMENT 'n'",
                "ALTER TABLE users MODIFY name VARCHAR(100) NOT NULL DEFAULT '' COMMENT 'n'");

        ex("index.naming", "ALTER TABLE users ADD INDEX by_name_email (name, email)", "ALTER TABLE users ADD INDEX idx_name_email (name, email)");
        ex("index.name-required", "ALTER TABLE users ADD INDEX (email, name)", "ALTER TABLE users ADD INDEX idx_email_name (email, name)");
        ex("index.max-count", goodWith("  KEY idx_name (name)", IntStream.range(0, 9).mapToObj(i -> "  KEY idx_c" + i + " (name, id, created_at)")
                .collect(Collectors.joining(",\n"))), GOOD);
        ex("index.max-key-parts", "ALTER TABLE users ADD INDEX idx_wide (name, email, id, bio(10), name(5), email(5))",
                "ALTER TABLE users ADD INDEX idx_name_email (name, email)");
        ex("index.duplicate", "ALTER TABLE users ADD INDEX idx_name2 (name)", "ALTER TABLE users ADD INDEX idx_name_email (name, email)");
        ex("index.redundant", goodWith("KEY idx_name (name)", "KEY idx_name (name), KEY idx_name_id (name, created_at)"), GOOD);
        ex("index.blob-text-prefix", "ALTER TABLE users ADD INDEX idx_bio (bio)", "ALTER TABLE users ADD INDEX idx_bio (bio(20))");

        ex("naming.lower-case", GOOD_TABLE.formatted("T_Good"), GOOD);
        ex("naming.identifier-chars", GOOD_TABLE.formatted("`t-good`"), GOOD);
        ex("naming.max-length", GOOD_TABLE.formatted("t_" + "x".repeat(63)), GOOD);
        ex("naming.reserved-word", ADD_AGE.replace("age", "`order`"), ADD_AGE);

        ex("danger.drop-database", "DROP DATABASE shop", SELECT);
        ex("danger.drop-table", "DROP TABLE users", SELECT);
        ex("danger.truncate", "TRUNCATE TABLE users", SELECT);
        ex("danger.rename-table", "RENAME TABLE users TO users_old", SELECT);
        ex("danger.drop-column", "ALTER TABLE users DROP COLUMN bio", ADD_AGE);
        ex("danger.drop-primary-key", "ALTER TABLE users DROP PRIMARY KEY", "ALTER TABLE users DROP PRIMARY KEY, ADD PRIMARY KEY (id, name)");
        ex("danger.drop-partition", "ALTER TABLE users DROP PARTITION p1", ADD_AGE);
        ex("danger.drop-index", "ALTER TABLE users DROP INDEX idx_name", ADD_AGE);

        ex("online.large-table-alter", "ALTER TABLE orders ADD COLUMN note VARCHAR(10) NOT NULL DEFAULT '' COMMENT 'n'",
                "ALTER TABLE users ADD COLUMN note VARCHAR(10) NOT NULL DEFAULT '' COMMENT 'n'");
        ex("online.merge-alters", ADD_AGE + ";\n" + ADD_AGE.replace("age", "height"), ADD_AGE);
        ex("online.blocking-algorithm", "ALTER TABLE users ADD INDEX idx_email_name (email, name), ALGORITHM=COPY",
                "ALTER TABLE users ADD INDEX idx_email_name (email, name), ALGORITHM=INPLACE, LOCK=NONE");
        ex("stmt.max-affected-rows", "DELETE FROM orders WHERE status = 1", "DELETE FROM users WHERE name = 'a'");
        ex("execution.max-rows", "DELETE FROM orders WHERE status = 1", "DELETE FROM users WHERE name = 'a'");
        ex("execution.rollback-size", "DELETE FROM documents WHERE title LIKE 'draft%'",
                "DELETE FROM documents WHERE id = 1");
        ex("stmt.irreversible", "ALTER TABLE users DROP COLUMN bio", ADD_AGE);

        EXAMPLES.put("target.unreachable", new Example(SELECT, SELECT, null));
        ex("target.database-missing", "USE nosuch", "USE shop");
        ex("target.database-exists", "CREATE DATABASE shop", "CREATE DATABASE shop_new");
        ex("target.table-exists", GOOD_TABLE.formatted("users"), GOOD);
        ex("target.table-missing", "UPDATE nosuch SET name = 'a' WHERE id = 1", GOOD + ";\nUPDATE t_good SET name = 'a' WHERE id = 1");
        ex("target.column-exists", "ALTER TABLE users ADD COLUMN name VARCHAR(10) NOT NULL DEFAULT '' COMMENT 'n'", ADD_AGE);
        ex("target.column-missing", "ALTER TABLE users MODIFY nosuch INT NOT NULL DEFAULT 0 COMMENT 'n'",
                ADD_AGE + ";\nALTER TABLE users MODIFY age BIGINT NOT NULL DEFAULT 0 COMMENT 'age'");
        ex("target.index-exists", "ALTER TABLE users ADD INDEX idx_name (email)", "ALTER TABLE users ADD INDEX idx_email_name (email, name)");
        ex("target.index-missing", "ALTER TABLE users DROP INDEX idx_nosuch", "ALTER TABLE users DROP INDEX idx_name");
        ex("target.explain-error", "UPDATE users SET name = 'a' WHERE no_such_col = 1", "UPDATE users SET name = 'a' WHERE id = 1");
        EXAMPLES.put("target.sql-mode", new Example("UPDATE users SET name = 'C:\\\\temp' WHERE id = 1",
                "UPDATE users SET name = 'C:/temp' WHERE id = 1", TestReviewers.OTHER_DIALECT));
        ex("execution.refused", "UPDATE users SET name = 'x' WHERE id > 1 LIMIT 1", "UPDATE users SET name = 'x' WHERE id = 1");
        ex("execution.referenced-rows", "DELETE FROM users WHERE id = 1", "DELETE FROM orders WHERE id = 1");
        ex("execution.trigger-changes-rows", "DELETE FROM orders WHERE id = 1", "DELETE FROM users WHERE id = 2");
        ex("execution.stored-function", "UPDATE users SET name = next_order_no() WHERE id = 1",
                "UPDATE users SET name = UPPER(name) WHERE id = 1");
        ex("execution.hidden-columns", "DELETE FROM people WHERE id = 1", "DELETE FROM users WHERE id = 1");
        ex("execution.non-transactional-table", "UPDATE visits SET hits = hits + 1 WHERE id = 1",
                "UPDATE users SET name = 'a' WHERE id = 1");
        ex("execution.trigger-side-effects", "INSERT INTO orders (id, user_id) VALUES (7, 1)",
                "INSERT INTO users (id, name) VALUES (7, 'a')");
    }

    private final BuiltInSqlReviewer reviewer = TestReviewers.allRulesOn(FixedTargetMetadata.shop());

    static Stream<Arguments> examples() {
        return EXAMPLES.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    private List<String> ruleIds(String sql, TargetCoordinates target) {
        ReviewResult result = reviewer.review(new ReviewRequest(sql, target, "shop", Environment.PROD));
        assertThat(result.refused()).as(result.message()).isFalse();
        List<String> ids = new ArrayList<>();
        result.statements().forEach(s -> s.findings().forEach(f -> ids.add(f.ruleId())));
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void violatingExampleIsReported(String ruleId, Example example) {
        TargetCoordinates target = ruleId.equals("target.unreachable") ? TestReviewers.DOWN : example.target();
        assertThat(ruleIds(example.bad(), target)).contains(ruleId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void findingSaysWhatIsWrongAndHowToFixItAtAPositionInTheScript(String ruleId, Example example) {
        TargetCoordinates target = ruleId.equals("target.unreachable") ? TestReviewers.DOWN : example.target();
        ReviewResult result = reviewer.review(new ReviewRequest(example.bad(), target, "shop", Environment.PROD));
        long lines = example.bad().lines().count();
        Finding finding = result.statements().stream().flatMap(s -> s.findings().stream()).filter(f -> f.ruleId().equals(ruleId))
                .findFirst().orElseThrow();
        Rule rule = RuleRegistry.byId(ruleId);
        assertThat(finding.message()).endsWith(rule.fix()).hasSizeGreaterThan(rule.fix().length() + 10);
        assertThat(finding.level()).isEqualTo(rule.defaultLevel() == RuleLevel.OFF ? RuleLevel.WARNING : rule.defaultLevel());
        assertThat(finding.line()).isBetween(1, (int) lines);
        assertThat(finding.column()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void passingExampleIsNotReported(String ruleId, Example example) {
        assertThat(ruleIds(example.good(), TestReviewers.TARGET)).doesNotContain(ruleId);
    }

    @Test
    void everyRuleHasExamples() {
        assertThat(EXAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(RuleRegistry.ALL.stream().map(Rule::id).toList());
    }

    @Test
    void atLeastSixtyRules() {
        assertThat(RuleRegistry.ALL).hasSizeGreaterThanOrEqualTo(60);
    }
}
