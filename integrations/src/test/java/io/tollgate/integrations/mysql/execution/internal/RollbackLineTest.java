package io.tollgate.integrations.mysql.execution.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RollbackLineTest {

    @Test
    void aGuardsLiteralReadsAsWrittenAlsoWhenItIsBytesInACharacterSet() {
        // the second guard is as lines written before guards compared bytes have it
        RollbackLine line = RollbackLine.parse("UPDATE `d`.`t` SET `v` = _latin1 X'81', `w` = 'caf\u00e9' WHERE `k` = 7"
                + " AND `v` <=> CAST(CONVERT(_latin1 X'9d' USING latin1) AS BINARY)"
                + " AND `w` <=> CONVERT('it''s, USING' USING latin1) COLLATE latin1_bin AND `j` <=> CAST('{}' AS JSON);");

        assertThat(line.values()).extracting(RollbackLine.Part::literal).containsExactly("_latin1 X'81'", "'caf\u00e9'");
        assertThat(line.keys()).extracting(RollbackLine.Part::sql).containsExactly("7");
        assertThat(line.guards()).extracting(RollbackLine.Part::literal)
                .containsExactly("_latin1 X'9d'", "'it''s, USING'", "'{}'");
    }
}
