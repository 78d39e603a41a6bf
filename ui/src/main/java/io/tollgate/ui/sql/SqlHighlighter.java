package io.tollgate.ui.sql;

import com.alibaba.druid.sql.dialect.mysql.parser.MySqlLexer;
import com.alibaba.druid.sql.parser.Token;

/**
 * Turns a SQL script into HTML with its MySQL keywords, strings, numbers, quoted identifiers and comments in spans of
 * their own class, using Druid's MySQL lexer (the parser the reviewer uses). Every piece of the script is escaped, so
 * a script can never inject markup. Past {@link #MAX_HIGHLIGHTED_CHARS}, or from a point the lexer cannot read (an
 * unclosed string, say), the rest is shown as escaped plain text.
 */
final class SqlHighlighter {

    static final int MAX_HIGHLIGHTED_CHARS = 200_000;
    static final String KEYWORD = "sql-kw";
    static final String STRING = "sql-str";
    static final String NUMBER = "sql-num";
    static final String IDENTIFIER = "sql-id";
    static final String COMMENT = "sql-cmt";

    private SqlHighlighter() {
    }

    static String html(String sql) {
        if (sql == null || sql.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder(sql.length() * 2);
        if (sql.length() > MAX_HIGHLIGHTED_CHARS) {
            return escape(html, sql, 0, sql.length()).toString();
        }
        PositionedLexer lexer = new PositionedLexer(sql);
        int done = 0;
        try {
            for (lexer.nextToken(); lexer.token() != Token.EOF; lexer.nextToken()) {
                int end = trimEnd(sql, Math.max(done, lexer.start()), Math.min(sql.length(), lexer.pos()));
                int start = trimStart(sql, Math.max(done, lexer.start()), end);
                if (start >= end) {
                    continue;
                }
                gap(html, sql, done, start);
                String kind = kind(lexer.token(), sql.charAt(start));
                if (kind == null) {
                    escape(html, sql, start, end);
                } else {
                    html.append("<span class=\"").append(kind).append("\">");
                    escape(html, sql, start, end).append("</span>");
                }
                done = end;
            }
        } catch (RuntimeException unreadable) {
            // Druid stops at what it cannot lex: the rest stays plain text
        }
        gap(html, sql, done, sql.length());
        return html.toString();
    }

    /**
     * Druid's token spans may begin with the line comment before the token and end with the blank after it: both
     * belong to the gap between tokens instead.
     */
    private static int trimStart(String sql, int start, int end) {
        int at = start;
        while (at < end) {
            if (Character.isWhitespace(sql.charAt(at))) {
                at++;
            } else if (sql.startsWith("--", at) || sql.charAt(at) == '#') {
                int newline = sql.indexOf('\n', at);
                at = newline < 0 || newline >= end ? end : newline + 1;
            } else {
                return at;
            }
        }
        return start;
    }

    private static int trimEnd(String sql, int start, int end) {
        int at = end;
        while (at > start && Character.isWhitespace(sql.charAt(at - 1))) {
            at--;
        }
        return at;
    }

    /** What lies between two tokens is whitespace or a comment (the lexer skips both). */
    private static void gap(StringBuilder html, String sql, int from, int to) {
        if (from >= to) {
            return;
        }
        if (sql.substring(from, to).isBlank()) {
            escape(html, sql, from, to);
            return;
        }
        html.append("<span class=\"").append(COMMENT).append("\">");
        escape(html, sql, from, to).append("</span>");
    }

    private static String kind(Token token, char first) {
        String name = token.name();
        if (token == Token.IDENTIFIER) {
            return first == '`' ? IDENTIFIER : null;
        }
        if (name.startsWith("LITERAL_")) {
            return name.contains("INT") || name.contains("FLOAT") || name.contains("DECIMAL") ? NUMBER
                    : name.equals("LITERAL_ALIAS") ? IDENTIFIER : STRING;
        }
        if (token.name != null && Character.isLetter(first)
                && token.name.chars().allMatch(c -> Character.isLetter(c) || c == '_')) {
            return KEYWORD;
        }
        return null;
    }

    private static StringBuilder escape(StringBuilder html, String sql, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = sql.charAt(i);
            switch (c) {
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '&' -> html.append("&amp;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
        return html;
    }

    /** Druid's MySQL lexer, telling where the current token starts. */
    private static final class PositionedLexer extends MySqlLexer {

        PositionedLexer(String sql) {
            super(sql);
            setKeepComments(false);
        }

        int start() {
            return startPos;
        }
    }
}
