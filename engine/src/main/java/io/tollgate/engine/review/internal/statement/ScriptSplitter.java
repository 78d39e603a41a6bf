package io.tollgate.engine.review.internal.statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a MySQL script into statements the way the mysql command-line client does, keeping each
 * statement's position (1-based line and column) in the original text. Not a parser: it only knows
 * comments ({@code --}, {@code #}, {@code /* *&#47;}, and {@code /*! *&#47;} which stays part of the
 * statement), quoted strings and identifiers (which may contain the delimiter) and the {@code DELIMITER}
 * command. An unterminated string, identifier or comment ends the script and is reported on the
 * statement it started in.
 */
public final class ScriptSplitter {

    private ScriptSplitter() {
    }

    /**
     * One statement of the script; {@code error} is set when the scanner itself could not close it, and
     * {@code errorLine}/{@code errorColumn} then point at the unclosed quote or comment.
     */
    public record Piece(String sql, int offset, int line, int column, String error, int errorLine, int errorColumn) {
    }

    public static List<Piece> split(String script) {
        return new Scanner(script).run();
    }

    private static final class Scanner {
        private final String s;
        private final int n;
        private final List<Piece> out = new ArrayList<>();
        private int pos;
        private int line = 1;
        private int col = 1;
        private String delimiter = ";";

        Scanner(String s) {
            this.s = s;
            this.n = s.length();
        }

        private void advance() {
            if (s.charAt(pos) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            pos++;
        }

        List<Piece> run() {
            while (true) {
                skipBlankAndComments();
                if (pos >= n) {
                    return out;
                }
                if (atDelimiterCommand()) {
                    readDelimiterCommand();
                    continue;
                }
                readStatement();
            }
        }

        /** Skips whitespace and plain comments between statements (not {@code /*!}, which MySQL executes). */
        private void skipBlankAndComments() {
            while (pos < n) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c)) {
                    advance();
                } else if (startsLineComment()) {
                    skipToEndOfLine();
                } else if (c == '/' && pos + 2 < n && s.charAt(pos + 1) == '*' && s.charAt(pos + 2) != '!') {
                    int startLine = line;
                    int startCol = col;
                    int start = pos;
                    if (!skipBlockComment()) {
                        out.add(new Piece(s.substring(start, n), start, startLine, startCol,
                                "unterminated comment: '/*' at line " + startLine + ", column " + startCol + " is never closed by '*/'",
                                startLine, startCol));
                        return;
                    }
                } else {
                    return;
                }
            }
        }

        private boolean startsLineComment() {
            char c = s.charAt(pos);
            if (c == '#') {
                return true;
            }
            // MySQL needs "--" followed by an ASCII space or control character (or the end) for a comment
            return c == '-' && pos + 1 < n && s.charAt(pos + 1) == '-'
                    && (pos + 2 >= n || s.charAt(pos + 2) <= ' ' || s.charAt(pos + 2) == 0x7f);
        }

        private void skipToEndOfLine() {
            while (pos < n && s.charAt(pos) != '\n') {
                advance();
            }
        }

        /** At "/*": skips to after the closing "*&#47;"; false when the comment is never closed. */
        private boolean skipBlockComment() {
            advance();
            advance();
            while (pos < n) {
                if (s.charAt(pos) == '*' && pos + 1 < n && s.charAt(pos + 1) == '/') {
                    advance();
                    advance();
                    return true;
                }
                advance();
            }
            return false;
        }

        private boolean atDelimiterCommand() {
            return s.regionMatches(true, pos, "DELIMITER", 0, 9) && pos + 9 < n && (s.charAt(pos + 9) == ' ' || s.charAt(pos + 9) == '\t');
        }

        private void readDelimiterCommand() {
            int startLine = line;
            int startCol = col;
            int start = pos;
            skipToEndOfLine();
            String value = s.substring(start + 9, pos).strip();
            int space = indexOfWhitespace(value);
            if (space >= 0) {
                value = value.substring(0, space);
            }
            if (value.isEmpty() || value.indexOf('\\') >= 0) {
                out.add(new Piece(s.substring(start, pos), start, startLine, startCol,
                        "DELIMITER needs a delimiter string without backslash, for example DELIMITER $$", startLine, startCol));
                return;
            }
            delimiter = value;
        }

        private static int indexOfWhitespace(String v) {
            for (int i = 0; i < v.length(); i++) {
                if (Character.isWhitespace(v.charAt(i))) {
                    return i;
                }
            }
            return -1;
        }

        private void readStatement() {
            int start = pos;
            int startLine = line;
            int startCol = col;
            int end = -1;
            String error = null;
            int errorLine = 0;
            int errorCol = 0;
            char first = delimiter.charAt(0);
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == first && s.startsWith(delimiter, pos)) {
                    end = pos;
                    for (int i = 0; i < delimiter.length(); i++) {
                        advance();
                    }
                    break;
                }
                if (c == '\'' || c == '"' || c == '`') {
                    int qLine = line;
                    int qCol = col;
                    if (!skipQuoted(c)) {
                        errorLine = qLine;
                        errorCol = qCol;
                        error = "unterminated " + (c == '`' ? "quoted identifier" : "string") + ": " + c + " at line " + qLine
                                + ", column " + qCol + " is never closed";
                    }
                } else if (c == '/' && pos + 1 < n && s.charAt(pos + 1) == '*') {
                    int cLine = line;
                    int cCol = col;
                    if (!skipBlockComment()) {
                        errorLine = cLine;
                        errorCol = cCol;
                        error = "unterminated comment: '/*' at line " + cLine + ", column " + cCol + " is never closed by '*/'";
                    }
                } else if (startsLineComment()) {
                    skipToEndOfLine();
                } else {
                    advance();
                }
            }
            if (end < 0) {
                end = n;
            }
            String sql = s.substring(start, end).stripTrailing();
            if (!sql.isEmpty() || error != null) {
                out.add(new Piece(sql, start, startLine, startCol, error, errorLine, errorCol));
            }
        }

        /** At an opening quote: skips to after the closing one (doubled quotes and backslash escapes stay inside). */
        private boolean skipQuoted(char quote) {
            advance();
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == '\\' && quote != '`' && pos + 1 < n) {
                    advance();
                    advance();
                } else if (c == quote) {
                    advance();
                    if (pos < n && s.charAt(pos) == quote) {
                        advance();
                    } else {
                        return true;
                    }
                } else {
                    advance();
                }
            }
            return false;
        }
    }
}
