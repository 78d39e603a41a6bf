package io.tollgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTextTest {

    @Test
    void textOfSpacesAndCharactersNobodySeesSaysNothing() {
        for (String nothing : new String[] {null, "", "  \t\n", "\u0000", "\u0007 \u200b", "\u202e\u2066", "\u3000",
                "\u00a0", "\u3164", "\u115f\u1160", "\uffa0", "\u2800", "\u034f\ufe0f", "\u17b4", "\u180e\u034f\u115f\u3164",
                "\u20dd"}) {
            assertThat(PrintableText.saysNothing(nothing)).as("%s", nothing == null ? null : nothing.codePoints()
                    .mapToObj(Integer::toHexString).toList()).isTrue();
        }
        for (String something : new String[] {"why", " .", "\u0000no", "不行", "\u202eok", "e\u0301", "한글",
                "\u2801"}) {
            assertThat(PrintableText.saysNothing(something)).as(something).isFalse();
        }
    }
}
