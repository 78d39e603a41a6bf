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
        return text == null || text.codePoints().allMatch(PrintableText::showsNothing);
    }

    /**
     * Letters that are drawn as nothing: the Hangul fillers and the blank Braille pattern (a helper's rejection of
     * U+3164 alone passed as a reason).
     */
    private static final java.util.Set<Integer> BLANK_LETTERS = java.util.Set.of(0x115F, 0x1160, 0x3164, 0xFFA0,
            0x2800, 0x180E);

    /**
     * Whether the code point shows nothing on its own: a space, a character that {@linkplain #showsOtherwise shows
     * otherwise}, a mark that only changes the character before it (combining marks, variation selectors), or a
     * {@linkplain #BLANK_LETTERS blank letter}.
     */
    private static boolean showsNothing(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || showsOtherwise(c)
                || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || BLANK_LETTERS.contains(c);
    }

    /** Whether {@code codePoint} shows otherwise than written, or not at all. */
    public static boolean showsOtherwise(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }
}
