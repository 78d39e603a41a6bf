package io.tollgate.integrations.mysql.execution.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Literals for text in a column's own character set, exact to the byte. The executor talks to the target in
 * UTF-8; text in another character set reaches it converted, and not every value converts back to the bytes it
 * was: latin1's five undefined bytes and invalid sequences come back as U+FFFD (and the rollback fails on them), big5,
 * sjis and others map several codes to one character (and the rollback writes other bytes without a word). Such
 * columns are read as their bytes, and written back as {@code _charset X'...'}, which the server takes as those
 * bytes in that character set; as readable text only where the bytes decode exactly in a character set Java shares
 * with the server (ASCII text in any character set that keeps ASCII as it is, latin1 as windows-1252).
 */
final class TextLiterals {

    /** UTF-8 round-trips every value a column of it can hold: read and written as text, as before. */
    private static final Set<String> UTF8 = Set.of("utf8mb4", "utf8mb3", "utf8");
    /** Character sets whose bytes 0x00 to 0x7F are not ASCII's, byte for byte: always written as bytes. */
    private static final Set<String> NOT_ASCII = Set.of("swe7", "sjis", "ucs2", "utf16", "utf16le", "utf32");
    /** Java's reading of a server character set, where the two agree byte for byte on what decodes. */
    private static final Map<String, Charset> SAME_IN_JAVA = Map.of("latin1", Charset.forName("windows-1252"));

    private TextLiterals() {
    }

    /** Whether a column of this character set (null: not text) is read as its bytes. */
    static boolean readAsBytes(String charset) {
        return charset != null && !"binary".equalsIgnoreCase(charset)
                && !UTF8.contains(charset.toLowerCase(Locale.ROOT));
    }

    /** The literal that writes exactly these bytes into a column of {@code charset}; NULL for null. */
    static String of(byte[] bytes, String charset) {
        if (bytes == null) {
            return "NULL";
        }
        String name = charset.toLowerCase(Locale.ROOT);
        if (!NOT_ASCII.contains(name)) {
            String text = decoded(bytes, SAME_IN_JAVA.getOrDefault(name, StandardCharsets.US_ASCII));
            if (text != null) {
                return DmlChange.text(text);
            }
        }
        return "_" + name + " X'" + HexFormat.of().formatHex(bytes) + "'";
    }

    /** The bytes as text, or null unless every byte decodes and the text encodes to the same bytes. */
    private static String decoded(byte[] bytes, Charset charset) {
        try {
            CharBuffer chars = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            String text = chars.toString();
            ByteBuffer back = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] again = Arrays.copyOf(back.array(), back.limit());
            return Arrays.equals(again, bytes) ? text : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
