package io.tollgate.engine;

/**
 * Which characters of a name or sentence someone supplied show otherwise than written, or not at all, where Tollgate
 * quotes them for other people (a ticket's trail quoting a deployment's name): controls, format characters (such as a
 * right-to-left override, which turns the rest of a line around), line and paragraph separators, half a UTF-16 pair,
 * private-use and unassigned code points. One definition for what refuses such text and what quotes it.
 */
public final class PrintableText {

    private PrintableText() {
    }

    /**
     * Whether the text shows nothing to a reader: missing, or only spaces and characters that {@linkplain
     * #showsOtherwise show otherwise}. What a comment, a reason or a rejection's why must not be (a helper rejected a
     * ticket with the comment U+0000 alone, which read as a rejection with no reason).
     */
    public static boolean saysNothing(String text) {
        return text == null || text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || showsOtherwise(c));
    }

    /** Whether {@code codePoint} shows otherwise than written, or not at all. */
    public static boolean showsOtherwise(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }
}
