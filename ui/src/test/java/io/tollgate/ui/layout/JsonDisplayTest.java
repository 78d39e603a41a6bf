package io.tollgate.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** JSON shown on a page: indented when it parses, as it is when it does not, the given text when there is none. */
class JsonDisplayTest {

    @Test
    void indentsAnObject() {
        assertThat(JsonDisplay.pretty("{\"a\":1,\"b\":[\"x\"]}", ""))
                .isEqualTo(String.join(System.lineSeparator(), "{", "  \"a\" : 1,", "  \"b\" : [ \"x\" ]", "}"));
    }

    @Test
    void leavesInvalidJsonAsItIs() {
        assertThat(JsonDisplay.pretty("{not json", "")).isEqualTo("{not json");
    }

    @Test
    void showsTheGivenTextWhenBlank() {
        assertThat(JsonDisplay.pretty(null, "(no payload)")).isEqualTo("(no payload)");
        assertThat(JsonDisplay.pretty("  ", "(no payload)")).isEqualTo("(no payload)");
        assertThat(JsonDisplay.pretty("", "")).isEmpty();
    }
}
