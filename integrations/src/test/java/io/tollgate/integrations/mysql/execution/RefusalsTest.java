package io.tollgate.integrations.mysql.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What the executor refuses is known before a target is touched, so a review can say so while the SQL can change. */
class RefusalsTest {

    @Test
    void statementsThatCannotBeUndoneExactlyAreRefusedUpFrontAndTheRestPass() {
        List<StatementRefusal> refusals = MysqlTicketExecutor.refusals(List.of(
                "UPDATE t SET a = 1 WHERE id = 1",
                "UPDATE t SET a = 1 WHERE id > 0 LIMIT 10",
                "REPLACE INTO t (id, a) VALUES (1, 2)",
                "INSERT INTO t (id, a) SELECT id, a FROM u",
                "SELECT * FROM t",
                "ALTER TABLE t ADD COLUMN b INT NULL",
                "DELETE FROM t WHERE id = 3",
                "this is not sql"));

        assertThat(refusals).extracting(StatementRefusal::index).containsExactly(2, 3, 4, 5, 8);
        assertThat(refusals).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
        assertThat(refusals.get(4).reason()).startsWith("cannot parse");
    }
}
