package io.tollgate.integrations.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only reading statements ever reach a target during a review. */
class MysqlStatementGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1", "  select * from t", "SHOW CREATE TABLE `t`", "EXPLAIN SELECT * FROM t", "explain\nselect 1"})
    void readsPass(String sql) {
        assertThat(MysqlMetadataReader.isReadOnly(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE FROM t", "UPDATE t SET a = 1", "INSERT INTO t VALUES (1)", "DROP TABLE t", "SELECTED", "SET GLOBAL x = 1",
            "CALL p()", "SHOWDOWN", ""})
    void everythingElseIsRefused(String sql) {
        assertThat(MysqlMetadataReader.isReadOnly(sql)).isFalse();
    }
}
