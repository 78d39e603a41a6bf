package io.tollgate.engine.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.Reversibility;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.RiskLevel;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.StatementReview;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reversibility, risk, positions and script-awareness of the built-in reviewer (fixture target: database shop). */
class ReviewerBehaviourTest {

    private final BuiltInSqlReviewer reviewer = TestReviewers.allRulesOn(FixedTargetMetadata.shop());

    private ReviewResult review(String sql, Environment environment) {
        return reviewer.review(new ReviewRequest(sql, TestReviewers.TARGET, "shop", environment));
    }

    /**
     * A helper's ticket: a WHERE of 20,000 ORs (230 KB) parsed, and a rule walking its condition then overflowed the
     * stack, outside the reviewer's guards: the review job failed at every retry and the ticket stayed REVIEWING. A
     * statement too deep for the review is an error finding, as one nested too deeply to parse is.
     */
    @Test
    void aConditionTooDeepToCheckIsAnErrorNotAStuckReview() {
        String ors = java.util.stream.IntStream.range(1, 20_000).mapToObj(i -> "id = " + i)
                .collect(java.util.stream.Collectors.joining(" OR "));
        ReviewResult result = review("UPDATE users SET name = 'a' WHERE " + ors + ";\nUPDATE users SET name = 'b'"
                + " WHERE id = 1", Environment.PROD);

        assertThat(result.refused()).isFalse();
        assertThat(result.statements()).hasSize(2);
        assertThat(result.statements().get(0).findings()).anySatisfy(f -> {
            assertThat(f.level()).isEqualTo(RuleLevel.ERROR);
            assertThat(f.message()).contains("too deep");
        });
        assertThat(result.errors()).isPositive();
    }

    @Test
    void eachStatementSaysWhetherItsRollbackCanBeGenerated() {
        ReviewResult result = review("""
                INSERT INTO users (id, name) VALUES (9, 'n');
                UPDATE users SET name = 'x' WHERE id = 9;
                DELETE FROM users WHERE id = 9;
                ALTER TABLE users ADD COLUMN age INT NOT NULL DEFAULT 0 COMMENT 'age';
                ALTER TABLE users MODIFY name VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'n';
                ALTER TABLE users MODIFY name VARCHAR(10) NOT NULL DEFAULT '' COMMENT 'n';
                ALTER TABLE users DROP COLUMN bio;
                DROP TABLE orders;
                TRUNCATE TABLE users;
                CREATE INDEX idx_email_name ON users (email, name)
                """, Environment.DEV);
        assertThat(result.statements()).extracting(StatementReview::reversibility).containsExactly(
                Reversibility.REVERSIBLE, Reversibility.REVERSIBLE_WITH_BEFORE_IMAGES, Reversibility.REVERSIBLE_WITH_BEFORE_IMAGES,
                Reversibility.REVERSIBLE, Reversibility.REVERSIBLE, Reversibility.IRREVERSIBLE, Reversibility.IRREVERSIBLE,
                Reversibility.IRREVERSIBLE, Reversibility.IRREVERSIBLE, Reversibility.REVERSIBLE);
        assertThat(result.statements()).allSatisfy(s -> assertThat(s.findings().stream().anyMatch(f -> f.ruleId().equals("stmt.irreversible")))
                .isEqualTo(s.reversibility() == Reversibility.IRREVERSIBLE));
    }

    /** What the executor cannot undo is irreversible here too: table options, items it has no inverse for. */
    @Test
    void anAlterTheExecutorCannotUndoIsIrreversible() {
        ReviewResult result = review("""
                ALTER TABLE users ADD COLUMN age INT NOT NULL DEFAULT 0 COMMENT 'age', ENGINE=MyISAM;
                ALTER TABLE users ENGINE=BLACKHOLE;
                ALTER TABLE users COMMENT='people';
                ALTER TABLE users CONVERT TO CHARACTER SET latin1;
                ALTER TABLE users ADD INDEX (name);
                ALTER TABLE users ADD INDEX idx_bio (bio(10)), ALGORITHM=INPLACE, LOCK=NONE
                """, Environment.DEV);
        assertThat(result.statements()).extracting(StatementReview::reversibility).containsExactly(
                Reversibility.IRREVERSIBLE, Reversibility.IRREVERSIBLE, Reversibility.IRREVERSIBLE,
                Reversibility.IRREVERSIBLE, Reversibility.IRREVERSIBLE, Reversibility.REVERSIBLE);
        assertThat(result.statements()).allSatisfy(s -> assertThat(s.findings().stream()
                .anyMatch(f -> f.ruleId().equals("stmt.irreversible")))
                .isEqualTo(s.reversibility() == Reversibility.IRREVERSIBLE));
    }

    @Test
    void riskFollowsStatementKindsEnvironmentAndRows() {
        assertThat(review("INSERT INTO users (id, name) VALUES (9, 'n')", Environment.DEV).risk()).isEqualTo(RiskLevel.LOW);
        assertThat(review("SELECT id FROM users WHERE id = 1", Environment.PROD).risk()).isEqualTo(RiskLevel.LOW);
        assertThat(review("INSERT INTO users (id, name) VALUES (9, 'n')", Environment.PROD).risk()).isEqualTo(RiskLevel.MODERATE);
        assertThat(review("UPDATE users SET name = 'x' WHERE id = 9", Environment.DEV).risk()).isEqualTo(RiskLevel.MODERATE);
        assertThat(review("ALTER TABLE users ADD COLUMN age INT NOT NULL DEFAULT 0 COMMENT 'a'", Environment.DEV).risk())
                .isEqualTo(RiskLevel.MODERATE);
        assertThat(review("DELETE FROM orders WHERE status = 1", Environment.DEV).risk()).isEqualTo(RiskLevel.HIGH);
        assertThat(review("DROP TABLE users", Environment.DEV).risk()).isEqualTo(RiskLevel.HIGH);
        assertThat(review("ALTER TABLE orders ADD COLUMN n INT NOT NULL DEFAULT 0 COMMENT 'n'", Environment.DEV).risk())
                .isEqualTo(RiskLevel.MODERATE);
        assertThat(review("ALTER TABLE orders ADD COLUMN n INT NOT NULL DEFAULT 0 COMMENT 'n'", Environment.PROD).risk())
                .isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void findingsPointAtTheOffendingNameInTheScript() {
        ReviewResult result = review("SELECT id FROM users WHERE id = 1;\n\n"
                + "ALTER TABLE users\n  ADD COLUMN `Age` INT NOT NULL DEFAULT 0 COMMENT 'a'", Environment.DEV);
        StatementReview alter = result.statements().get(1);
        assertThat(alter.line()).isEqualTo(3);
        assertThat(alter.column()).isEqualTo(1);
        Finding lowerCase = alter.findings().stream().filter(f -> f.ruleId().equals("naming.lower-case")).findFirst().orElseThrow();
        assertThat(lowerCase.line()).isEqualTo(4);
        assertThat(lowerCase.column()).isEqualTo(15);
        assertThat(lowerCase.message()).contains("Age").contains("lower_snake_case");
    }

    @Test
    void laterStatementsSeeWhatEarlierOnesDidWithoutATarget() {
        ReviewResult result = reviewer.review(ReviewRequest.ofText("""
                USE app;
                CREATE TABLE t (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'id', body TEXT COMMENT 'b') COMMENT='t';
                ALTER TABLE t ADD INDEX idx_body (body);
                ALTER TABLE t MODIFY body VARCHAR(100) NOT NULL DEFAULT '' COMMENT 'b';
                ALTER TABLE t ADD INDEX idx_body2 (body);
                """, Environment.DEV));
        List<StatementReview> s = result.statements();
        assertThat(s.get(2).findings()).extracting(Finding::ruleId).contains("index.blob-text-prefix");
        assertThat(s.get(3).findings()).extracting(Finding::ruleId).contains("column.lossy-type-change");
        assertThat(s.get(4).findings()).extracting(Finding::ruleId).contains("index.duplicate").doesNotContain("index.blob-text-prefix");
        assertThat(result.statements()).allSatisfy(r -> assertThat(r.findings()).extracting(Finding::ruleId)
                .doesNotContain("target.table-missing", "target.unreachable"));
    }

    @Test
    void tablesTheScriptCreatesAreTrackedWithoutATargetEvenWithoutADatabase() {
        ReviewResult result = reviewer.review(ReviewRequest.ofText("""
                CREATE TABLE t (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'id',
                  body VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'b', KEY idx_body (body)) COMMENT='t';
                ALTER TABLE t ADD INDEX idx_body2 (body);
                ALTER TABLE t MODIFY body VARCHAR(10) NOT NULL DEFAULT '' COMMENT 'b';
                CREATE TABLE t (id INT) COMMENT='again';
                CREATE TABLE other.o (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'id',
                  v VARCHAR(20) NOT NULL DEFAULT '' COMMENT 'v') COMMENT='o';
                CREATE INDEX idx_v ON other.o (v);
                CREATE INDEX idx_v2 ON other.o (v);
                ALTER TABLE other.o MODIFY v VARCHAR(5) NOT NULL DEFAULT '' COMMENT 'v';
                """, Environment.DEV));
        List<StatementReview> s = result.statements();
        assertThat(s.get(1).findings()).extracting(Finding::ruleId).contains("index.duplicate");
        assertThat(s.get(2).findings()).extracting(Finding::ruleId).contains("column.lossy-type-change");
        assertThat(s.get(2).reversibility()).isEqualTo(Reversibility.IRREVERSIBLE);
        assertThat(s.get(3).findings()).extracting(Finding::ruleId).contains("target.table-exists");
        assertThat(s.get(6).findings()).extracting(Finding::ruleId).contains("index.duplicate");
        assertThat(s.get(7).findings()).extracting(Finding::ruleId).contains("column.lossy-type-change");
        assertThat(result.statements()).allSatisfy(r -> assertThat(r.findings()).extracting(Finding::ruleId)
                .doesNotContain("target.table-missing", "target.unreachable"));
    }

    @Test
    void switchingOrQualifyingAnotherDatabaseIsCrossDatabase() {
        ReviewResult result = review("ALTER TABLE other.users ADD COLUMN age INT NOT NULL DEFAULT 0 COMMENT 'a';\nUSE shop;\nUSE other",
                Environment.DEV);
        assertThat(result.statements()).extracting(s -> s.findings().stream().anyMatch(f -> f.ruleId().equals("stmt.cross-database")))
                .containsExactly(true, false, true);
    }

    @Test
    void primaryKeyColumnsNeedNoDefault() {
        ReviewResult result = reviewer.review(ReviewRequest.ofText("CREATE TABLE codes (code VARCHAR(10) NOT NULL COMMENT 'c',"
                + " PRIMARY KEY (code)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='codes'", Environment.DEV));
        assertThat(result.statements().get(0).findings()).extracting(Finding::ruleId).doesNotContain("column.not-null-with-default");
    }

    @Test
    void mysqldumpStyleScriptsAndProceduresParse() {
        ReviewResult result = reviewer.review(ReviewRequest.ofText("""
                /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
                /*!40101 SET NAMES utf8mb4 */;
                DROP TABLE IF EXISTS `t`;
                CREATE TABLE `t` (
                  `id` bigint unsigned NOT NULL AUTO_INCREMENT COMMENT 'id',
                  `doc` json DEFAULT NULL COMMENT 'doc',
                  `title` varchar(100) GENERATED ALWAYS AS (json_unquote(json_extract(`doc`,'$.title'))) VIRTUAL COMMENT 't',
                  PRIMARY KEY (`id`),
                  FULLTEXT KEY `idx_title` (`title`)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='docs';
                DELIMITER ;;
                CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.doc = '{}'; END ;;
                DELIMITER ;
                ALTER TABLE t ADD COLUMN n INT NOT NULL DEFAULT 0 COMMENT 'n', ALGORITHM=INPLACE, LOCK=NONE;
                """, Environment.DEV));
        assertThat(result.statements()).hasSize(6);
        assertThat(result.statements()).allSatisfy(s -> assertThat(s.kind()).isNotEqualTo("UNPARSABLE"));
        assertThat(result.statements().get(4).kind()).isEqualTo("CREATE_ROUTINE");
        assertThat(result.statements().get(3).findings()).extracting(Finding::ruleId)
                .doesNotContain("table.require-pk", "table.require-utf8mb4", "table.require-innodb");
    }

    @Test
    void fulltextIndexesOnTextColumnsNeedNoPrefix() {
        ReviewResult result = reviewer.review(ReviewRequest.ofText("""
                CREATE TABLE posts (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'id',
                  body TEXT COMMENT 'b', title TEXT COMMENT 't', FULLTEXT KEY (body), FULLTEXT INDEX ft_title (title))
                  ENGINE=InnoDB COMMENT='posts';
                ALTER TABLE posts ADD FULLTEXT INDEX ft_both (title, body);
                CREATE FULLTEXT INDEX ft_body2 ON posts (body);
                ALTER TABLE posts ADD INDEX idx_body (body);
                """, Environment.DEV));
        List<StatementReview> s = result.statements();
        assertThat(s.subList(0, 3)).allSatisfy(r -> assertThat(r.findings()).extracting(Finding::ruleId)
                .doesNotContain("index.blob-text-prefix"));
        assertThat(s.get(3).findings()).extracting(Finding::ruleId).contains("index.blob-text-prefix");
    }

    @Test
    void aColumnFindingPointsAtTheColumnNotAtATableNameContainingIt() {
        // "user" is inside "users": the finding belongs at the column, col 30
        ReviewResult result = review("ALTER TABLE users ADD COLUMN user INT NOT NULL DEFAULT 0", Environment.DEV);
        Finding comment = result.statements().get(0).findings().stream()
                .filter(f -> f.ruleId().equals("column.require-comment")).findFirst().orElseThrow();
        assertThat(comment.line()).isEqualTo(1);
        assertThat(comment.column()).isEqualTo(30);
    }

    @Test
    void showAndDescribeReadOnlyAndChangeNothing() {
        for (String sql : List.of("SHOW TABLES", "SHOW CREATE TABLE users", "DESC users", "SHOW INDEX FROM users")) {
            ReviewResult result = review(sql, Environment.PROD);
            StatementReview statement = result.statements().get(0);
            assertThat(result.risk()).as(sql).isEqualTo(RiskLevel.LOW);
            assertThat(statement.reversibility()).as(sql).isNotEqualTo(Reversibility.IRREVERSIBLE);
            assertThat(statement.findings()).as(sql).extracting(Finding::ruleId).doesNotContain("stmt.irreversible");
        }
    }
}
