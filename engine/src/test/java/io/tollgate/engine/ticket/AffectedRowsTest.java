package io.tollgate.engine.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AffectedRowsTest {

    @Test
    void saysWhetherTheRowsWereCountedOrEstimatedAndWhatWasNot() {
        assertThat(new AffectedRows(1L, true, 0).describe()).isEqualTo("changes exactly 1 row");
        assertThat(new AffectedRows(0L, true, 0).describe()).isEqualTo("changes exactly 0 rows");
        assertThat(new AffectedRows(48_000L, false, 0).describe()).isEqualTo("changes an estimated 48,000 rows");
        assertThat(new AffectedRows(12L, false, 2).describe())
                .isEqualTo("changes an estimated 12 rows (2 statements not estimated)");
        assertThat(new AffectedRows(3L, true, 1).describe()).isEqualTo("changes exactly 3 rows (1 statement not estimated)");
        assertThat(new AffectedRows(null, false, 2).describe()).isEqualTo("rows changed: not estimated (2 statements)");
    }

    @Test
    void refusesWhatNoReviewCanFind() {
        assertThatThrownBy(() -> new AffectedRows(-1L, false, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AffectedRows(1L, false, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AffectedRows(null, true, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AffectedRows(null, false, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyDmlChangesRowsACountTells() {
        assertThat(AffectedRows.changesRows("UPDATE")).isTrue();
        assertThat(AffectedRows.changesRows("delete")).isTrue();
        assertThat(AffectedRows.changesRows("INSERT")).isTrue();
        assertThat(AffectedRows.changesRows("REPLACE")).isTrue();
        assertThat(AffectedRows.changesRows("ALTER_TABLE")).isFalse();
        assertThat(AffectedRows.changesRows("SET")).isFalse();
        assertThat(AffectedRows.changesRows(null)).isFalse();
    }
}
