package io.tollgate.ui.layout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON as people read it on a page: indented, and left as it is when it is not JSON. */
public final class JsonDisplay {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonDisplay() {
    }

    /**
     * The JSON indented, or the text unchanged when it does not parse.
     *
     * @param blank what to show for a null or blank text
     */
    public static String pretty(String json, String blank) {
        if (json == null || json.isBlank()) {
            return blank;
        }
        try {
            return PRETTY.writeValueAsString(PRETTY.readTree(json));
        } catch (Exception notJson) {
            return json;
        }
    }
}
