package io.tollgate.integrations.mysql.execution;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LockNameTest {

    @Test
    void namesTheDatabaseAndStaysWithinMysqlsSixtyFourCharacters() {
        assertThat(MysqlTicketExecutor.lockName("shop")).isEqualTo("tollgate:shop");
        String longest = "d".repeat(64);
        assertThat(MysqlTicketExecutor.lockName(longest)).hasSizeLessThanOrEqualTo(64)
                .isEqualTo(MysqlTicketExecutor.lockName(longest))
                .isNotEqualTo(MysqlTicketExecutor.lockName("e".repeat(64)));
    }
}
