package io.tollgate.engine.review.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which column type changes can cut, round or reject what a column holds ({@link ColumnRules#lossy}), as the column's
 * type is read from the server ({@code COLUMN_TYPE}) and as the parser writes the new one. The changes a helper found
 * passing review as reversible, which the server makes without an error even in strict mode (fractional seconds,
 * floating-point digits) or silently without strict mode (ENUM and SET values, bits, unsigned), are lossy; widening
 * stays harmless.
 */
class LossyTypeChangeTest {

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource(delimiter = '|', value = {
            "datetime(6)     | datetime",
            "datetime(6)     | datetime(3)",
            "timestamp(6)    | timestamp",
            "time(3)         | time",
            "double          | double(10, 2)",
            "double          | double(10,2)",
            "double(10,4)    | double(10,2)",
            "double(12,2)    | double(10,2)",
            "float           | float(5, 1)",
            "real            | double(8,2)",
            "double          | float",
            "double          | double unsigned",
            "decimal(10,2)   | decimal(10,2) unsigned",
            "bit(8)          | bit(4)",
            "bit(2)          | bit",
            "enum('a','b')   | enum('a')",
            "enum('a','b')   | set('a','b')",
            "set('x','y','z') | set('x', 'z')",
            "varchar(20)     | varchar(10)",
            "decimal(10,4)   | decimal(20,2)",
            "int             | smallint",
            "varchar(20)     | char(20)",
            "varchar(20)     | binary(10)",
            "varchar(20)     | varbinary(80)",
            "blob            | text",
            "text            | text(50)",
            "varchar(255)    | tinytext",
            "text            | varchar(20000)",
            "int             | bigint unsigned",
            "int             | int zerofill",
            "int             | int2",
            "int             | decimal(5,2)",
            "enum('Active','Paused') | enum('ACTIVE','PAUSED')",
            "enum('new','paid') | varchar(3)",
            "enum('new','paid') | int",
    })
    void changesThatCanLoseDataAreLossy(String from, String to) {
        assertThat(ColumnRules.lossy(from, to)).isTrue();
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource(delimiter = '|', value = {
            "datetime        | datetime(6)",
            "datetime(3)     | datetime(3)",
            "timestamp       | timestamp(3)",
            "time(3)         | time(6)",
            "double(10,2)    | double",
            "double(10,2)    | double(12, 2)",
            "float           | double",
            "float(5,1)      | float",
            "double          | double",
            "bit(4)          | bit(8)",
            "bit             | bit(1)",
            "enum('a')       | enum('a', 'b')",
            "enum('a','b')   | enum('b','a','c')",
            "set('x')        | set('x','y')",
            "enum('it''s')   | enum('it''s', 'b')",
            "varchar(10)     | varchar(20)",
            "decimal(10,2)   | decimal(12,2)",
            "int unsigned    | bigint",
            "tinyint(1)      | boolean",
            "decimal(10,2)   | numeric(10,2)",
            "int             | decimal(15,2)",
            "bigint          | decimal(22,2)",
            "date            | datetime",
            "enum('new','paid') | varchar(50)",
            "varchar(100)    | text",
            "char(10)        | varchar(10)",
            "tinytext        | varchar(255)",
            "text            | varchar(65535)",
            "int8            | bigint",
    })
    void wideningLosesNothing(String from, String to) {
        assertThat(ColumnRules.lossy(from, to)).isFalse();
    }
}
