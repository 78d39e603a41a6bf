package io.tollgate.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a free text asks the FULLTEXT index for (ADR 0024): one word, the one most likely rare, as a word or a word's
 * beginning; nothing when no word is one the index holds (then the search is the LIKE scan).
 */
class AuditFreeTextQueryTest {

    @Test
    void anIdentifierOrANumberIsPreferredThenTheLongestWord() {
        assertThat(AuditSearch.booleanQuery("comment 424242")).isEqualTo("+424242*");
        assertThat(AuditSearch.booleanQuery("DELETE FROM secret_ledger")).isEqualTo("+secret_ledger*");
        assertThat(AuditSearch.booleanQuery("set state = 'PAID'")).isEqualTo("+state*");
        assertThat(AuditSearch.booleanQuery("CARTS_100%")).isEqualTo("+carts_100*");
    }

    @Test
    void operatorsStopwordsAndShortWordsNeverReachTheIndex() {
        assertThat(AuditSearch.booleanQuery("+x -y \"ab\" (on) the*")).isNull();
        assertThat(AuditSearch.booleanQuery("a to is")).isNull();
        assertThat(AuditSearch.booleanQuery("-drop* >table<")).isEqualTo("+table*");
        assertThat(AuditSearch.booleanQuery("支付网关 ok")).isEqualTo("+支付网关*");
    }
}
