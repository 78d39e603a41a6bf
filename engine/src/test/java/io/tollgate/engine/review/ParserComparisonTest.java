package io.tollgate.engine.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.druid.sql.dialect.mysql.parser.MySqlStatementParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.junit.jupiter.api.Test;

/**
 * The evidence behind docs/adr/0002-sql-parser.md: real MySQL 5.7/8.0 DDL fed to both candidate parsers.
 * Druid must parse every sample; the JSqlParser failures are pinned so that a parser upgrade that changes
 * them shows up here and the ADR can be revisited.
 */
class ParserComparisonTest {

    static final Map<String, String> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put("alter-several-clauses", "ALTER TABLE orders ADD COLUMN note VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'note' AFTER id,"
                + " DROP COLUMN legacy, MODIFY COLUMN amount DECIMAL(12,2) NOT NULL, ADD INDEX idx_note (note(20)),"
                + " DROP INDEX idx_old, RENAME INDEX idx_a TO idx_b");
        SAMPLES.put("alter-algorithm-lock", "ALTER TABLE orders ADD INDEX idx_created (created_at), ALGORITHM=INPLACE, LOCK=NONE");
        SAMPLES.put("create-partitioned", "CREATE TABLE logs (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, created DATE NOT NULL,"
                + " PRIMARY KEY (id, created)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
                + " PARTITION BY RANGE (YEAR(created)) (PARTITION p2023 VALUES LESS THAN (2024), PARTITION pmax VALUES LESS THAN MAXVALUE)");
        SAMPLES.put("create-generated-json", "CREATE TABLE docs (id INT NOT NULL PRIMARY KEY, body JSON,"
                + " title VARCHAR(100) GENERATED ALWAYS AS (body->>'$.title') VIRTUAL,"
                + " slug VARCHAR(100) AS (LOWER(title)) STORED, INDEX idx_title (title)) ENGINE=InnoDB");
        SAMPLES.put("create-fulltext", "CREATE TABLE articles (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " body TEXT, FULLTEXT KEY ft_body (body) WITH PARSER ngram) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
        SAMPLES.put("create-like", "CREATE TABLE orders_copy LIKE orders");
        SAMPLES.put("alter-partition", "ALTER TABLE logs ADD PARTITION (PARTITION p2024 VALUES LESS THAN (2025))");
        SAMPLES.put("alter-convert-charset", "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        SAMPLES.put("create-index-algorithm", "CREATE UNIQUE INDEX uniq_email ON users (email) ALGORITHM=INPLACE LOCK=NONE");
        SAMPLES.put("create-functional-index", "CREATE TABLE f (id INT PRIMARY KEY, j JSON, INDEX idx_j ((CAST(j->>'$.a' AS CHAR(10)))))");
        SAMPLES.put("alter-change-column", "ALTER TABLE t CHANGE COLUMN old_name new_name INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'c' FIRST");
        SAMPLES.put("update-join-limit", "UPDATE t1 JOIN t2 ON t1.id = t2.id SET t1.a = t2.a WHERE t2.b > 3");
        SAMPLES.put("insert-on-duplicate", "INSERT INTO t (a, b) VALUES (1, 2) ON DUPLICATE KEY UPDATE b = VALUES(b)");
    }

    @Test
    void druidParsesEveryMysqlSample() {
        SAMPLES.forEach((name, sql) -> assertThat(new MySqlStatementParser(sql).parseStatementList())
                .as(name).hasSize(1));
    }

    @Test
    void jsqlParserRejectsSomeRealMysqlDdl() {
        var failures = new TreeSet<String>();
        SAMPLES.forEach((name, sql) -> {
            try {
                CCJSqlParserUtil.parse(sql);
            } catch (Exception | Error e) {
                failures.add(name);
            }
        });
        assertThat(failures).isEqualTo(new TreeSet<>(List.of("create-fulltext", "create-functional-index", "create-index-algorithm", "create-partitioned")));
    }
}
