package io.tollgate.integrations.mysql.execution.internal;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLDataType;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which column type changes keep every value, so that their inverse can put the old type back without loss. */
class DdlInverseTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "varchar(40)            | varchar(40)             | true",
            "varchar(40)            | varchar(41)             | true",
            "varchar(40)            | varchar(39)             | false",
            "char(3)                | varchar(3)              | false",
            "varchar(3)             | char(3)                 | false",
            "int(11)                | bigint                  | true",
            "tinyint(1)             | int                     | true",
            "int                    | smallint                | false",
            "int unsigned           | bigint                  | false",
            "int unsigned           | bigint unsigned         | true",
            "decimal(12,2)          | decimal(16,4)           | true",
            "decimal(12,2)          | decimal(12,3)           | false",
            "decimal(12,2)          | decimal(12,1)           | false",
            "text                   | mediumtext              | true",
            "mediumtext             | text                    | false",
            "blob                   | longblob                | true",
            "datetime(3)            | datetime(6)             | true",
            "datetime(6)            | datetime                | false",
            "enum('a','b')          | enum('a','b','c')       | true",
            "enum('a','b')          | enum('b','a')           | false",
            "int                    | varchar(20)             | false",
            "float                  | double                  | false",
            "char(10)               | varchar(10)             | false",
            "varchar(10)            | char(20)                | false",
            "char(10)               | char(20)                | true",
    })
    void widens(String from, String to, boolean lossless) {
        assertThat(DdlInverse.widens(type(from), type(to))).isEqualTo(lossless);
    }

    /**
     * A TIMESTAMP that allows NULL made to refuse it gets the current time where it held NULL, with no error even in
     * strict mode: no inverse can put the NULLs back. Written NOT NULL, or left to the server's default (NOT NULL
     * where explicit_defaults_for_timestamp is off), alike; other types made NOT NULL fail in strict mode instead.
     */
    @ParameterizedTest(name = "allowed NULL {0}, now {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "true  | TIMESTAMP NOT NULL                           | true",
            "true  | TIMESTAMP                                    | true",
            "true  | TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP | true",
            "true  | TIMESTAMP(3) NOT NULL                        | true",
            "true  | TIMESTAMP NULL                               | false",
            "true  | TIMESTAMP NULL DEFAULT NULL                  | false",
            "false | TIMESTAMP NOT NULL                           | false",
            "true  | DATETIME NOT NULL                            | false",
            "true  | INT NOT NULL                                 | false",
    })
    void aTimestampMadeToRefuseNullReplacesTheNullsItHeld(boolean wasNullable, String now, boolean replaces) {
        assertThat(DdlInverse.replacesNulls(wasNullable, column(now))).isEqualTo(replaces);
        assertThat(DdlInverse.keepsEveryValue("timestamp", false, wasNullable, column(now)))
                .as("an inverse recorded").isEqualTo(!replaces && now.startsWith("TIMESTAMP"));
    }

    private static SQLColumnDefinition column(String sql) {
        SQLCreateTableStatement create = (SQLCreateTableStatement) SQLUtils.parseSingleMysqlStatement(
                "CREATE TABLE t (c " + sql + ")");
        return (SQLColumnDefinition) create.getTableElementList().get(0);
    }

    private static SQLDataType type(String sql) {
        SQLCreateTableStatement create = (SQLCreateTableStatement) SQLUtils.parseSingleMysqlStatement(
                "CREATE TABLE t (c " + sql + ")");
        return ((SQLColumnDefinition) create.getTableElementList().get(0)).getDataType();
    }
}
