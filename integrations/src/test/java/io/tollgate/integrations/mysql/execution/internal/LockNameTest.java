package io.tollgate.integrations.mysql.execution.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LockNameTest {

    @Test
    void namesTheDatabaseAndStaysWithinMysqlsSixtyFourCharacters() {
        assertThat(RunLocks.lockName("shop")).isEqualTo("tollgate:shop");
        String longest = "d".repeat(64);
        assertThat(RunLocks.lockName(longest)).hasSizeLessThanOrEqualTo(64)
                .isEqualTo(RunLocks.lockName(longest))
                .isNotEqualTo(RunLocks.lockName("e".repeat(64)));
    }

    @Test
    void aLongNameIsTheOneEarlierVersionsTook() {
        // nodes of two versions during a rolling upgrade must take the same lock for the same database
        assertThat(RunLocks.lockName("d".repeat(64)))
                .isEqualTo("tollgate:sha256:d91323a5298f3b9f814db29efaa271f24fbdccedfdd06249");
    }
}
