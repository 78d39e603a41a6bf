package io.tollgate.engine.ticket.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.tollgate.integrations.mysql.execution.RowConflict;
import org.junit.jupiter.api.Test;

/** What a ticket's row keeps of a rollback's conflicting rows: bounded, whatever the rows hold. */
class RecordedConflictsTest {

    @Test
    void smallConflictsAreKeptWhole() {
        List<RowConflict> conflicts = List.of(conflict(1, "10", "100", "101"), conflict(2, "20", "200", null));

        assertThat(RecordedConflicts.bounded(conflicts)).isEqualTo(conflicts);
    }

    /** 500 rows of 50 KB texts made a 75 MB row before, read with the ticket everywhere. */
    @Test
    void largeValuesAreClippedAndRowsKeptWithinTheTotal() {
        String big = "x".repeat(50_000);
        List<RowConflict> conflicts = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            conflicts.add(conflict(i, big, big + "y", big + "z"));
        }

        List<RowConflict> kept = RecordedConflicts.bounded(conflicts);

        assertThat(kept).isNotEmpty().hasSizeLessThan(500);
        assertThat(kept.get(0).key()).isEqualTo("id=1");
        RowConflict.Column column = kept.get(0).columns().get(0);
        assertThat(column.before()).startsWith("x".repeat(RecordedConflicts.MAX_VALUE))
                .endsWith("… (50000 characters in all)");
        assertThat(column.after()).endsWith("… (50001 characters in all)");
        long total = kept.stream().flatMap(c -> c.columns().stream())
                .mapToLong(c -> c.before().length() + c.after().length() + c.now().length() + c.column().length())
                .sum();
        assertThat(total).isLessThanOrEqualTo(RecordedConflicts.MAX_TOTAL);
    }

    @Test
    void aCharacterIsNeverCutInHalf() {
        String value = "a".repeat(RecordedConflicts.MAX_VALUE - 1) + "😀" + "b".repeat(10);

        String clipped = RecordedConflicts.clip(value);

        assertThat(clipped).startsWith("a".repeat(RecordedConflicts.MAX_VALUE - 1) + "…");
        assertThat(clipped.codePoints().filter(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)
                .count()).as("lone surrogates").isZero();
    }

    private static RowConflict conflict(int id, String before, String after, String now) {
        return new RowConflict(1, "t", "id=" + id, "changed since",
                List.of(new RowConflict.Column("v", before, after, now)), false);
    }
}
