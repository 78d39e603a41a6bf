package io.tollgate.integrations.mysql.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cutting a statement's WHERE out as written, and locking the query blocks inside it (ADR 0048, ADR 0040). */
class WhereClauseTest {

    @Test
    void theConditionIsTheTextAfterTheTopLevelWhereUpToTheEndOrOrderByLimitOrReturning() {
        assertThat(WhereClause.of("UPDATE t SET a = (SELECT x FROM o WHERE y = 1) WHERE id = -\"-2\"").orElseThrow()
                .text()).isEqualTo(" id = -\"-2\"");
        assertThat(WhereClause.of("DELETE FROM t WHERE (NOT n) < n ORDER BY id LIMIT 1").orElseThrow().text())
                .isEqualTo(" (NOT n) < n ");
        assertThat(WhereClause.of("DELETE FROM t WHERE id = 2 RETURNING id").orElseThrow().text())
                .isEqualTo(" id = 2 ");
        assertThat(WhereClause.of("UPDATE t SET a = 1 -- set\r\nwhere/*c*/id = 2 # the row\r\n").orElseThrow()
                .asWritten()).isEqualTo("(/*c*/id = 2 # the row\r\n\n)");
        assertThat(WhereClause.of("UPDATE t SET a = 'WHERE x' WHERE `where` = 1").orElseThrow().text())
                .isEqualTo(" `where` = 1");
    }

    @Test
    void aStatementWithoutAWhereHasNone() {
        assertThat(WhereClause.of("UPDATE t SET a = (SELECT x FROM o WHERE y = 1)")).isEmpty();
        assertThat(WhereClause.of("DELETE FROM t")).isEmpty();
        assertThat(WhereClause.of("DELETE FROM t WHERE (id = 1")).as("unbalanced").isEmpty();
    }

    @Test
    void aTrailingLineCommentEndsBeforeWhatFollowsTheCondition() {
        assertThat(WhereClause.of("DELETE FROM t WHERE id = 2 -- the row").orElseThrow().asWritten())
                .isEqualTo("( id = 2 -- the row\n)");
    }

    @Test
    void everyQueryBlockWithoutALockOfItsOwnIsReadInShareMode() {
        WhereClause where = WhereClause.of("UPDATE t SET a = 1 WHERE id IN (SELECT x FROM o WHERE x > (SELECT MIN(y)"
                + " FROM p)) AND EXISTS (SELECT 1 FROM q WHERE q.id = t.id FOR UPDATE) AND f(2) = 1").orElseThrow();
        assertThat(where.subqueries()).isEqualTo(3);
        assertThat(where.withSubqueriesLocked()).isEqualTo("( id IN (SELECT x FROM o WHERE x > (SELECT MIN(y) FROM p"
                + " LOCK IN SHARE MODE ) LOCK IN SHARE MODE ) AND EXISTS (SELECT 1 FROM q WHERE q.id = t.id FOR UPDATE)"
                + " AND f(2) = 1\n)");
        assertThat(where.asWritten()).doesNotContain("LOCK IN SHARE MODE");
    }

    @Test
    void aUnionsBlocksShareOneLockAtItsEndAndParenthesizedBlocksHaveTheirOwn() {
        assertThat(WhereClause.of("DELETE FROM t WHERE id IN (SELECT x FROM o UNION SELECT y FROM p -- c\n)")
                .orElseThrow().withSubqueriesLocked())
                .isEqualTo("( id IN (SELECT x FROM o UNION SELECT y FROM p -- c\n LOCK IN SHARE MODE )\n)");
        assertThat(WhereClause.of("DELETE FROM t WHERE id IN ((SELECT x FROM o) UNION (SELECT y FROM p LOCK IN SHARE"
                + " MODE))").orElseThrow().withSubqueriesLocked())
                .isEqualTo("( id IN ((SELECT x FROM o LOCK IN SHARE MODE ) UNION (SELECT y FROM p LOCK IN SHARE MODE))\n)");
    }

    @Test
    void theOrderByIsCutAsWrittenAtTopLevelOnly() {
        assertThat(WhereClause.orderBy("UPDATE t SET u = u - 1 ORDER BY u")).hasValue("ORDER BY u\n");
        assertThat(WhereClause.orderBy("DELETE FROM t WHERE id IN (SELECT id FROM o ORDER BY x) ORDER BY parent IS NULL,"
                + " id DESC LIMIT 3")).hasValue("ORDER BY parent IS NULL, id DESC \n");
        assertThat(WhereClause.orderBy("UPDATE t SET v = 'ORDER BY' WHERE id = 1 ORDER BY u -- last\n"))
                .hasValue("ORDER BY u -- last\n\n");
        assertThat(WhereClause.orderBy("UPDATE t SET v = 1 WHERE id IN (SELECT id FROM o ORDER BY x)")).isEmpty();
        assertThat(WhereClause.orderBy("UPDATE t SET v = 1 /* ORDER BY x */")).isEmpty();
    }
}
