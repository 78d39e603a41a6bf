package io.tollgate.integrations.mysql.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.alibaba.druid.sql.dialect.mysql.parser.MySqlLexer;
import com.alibaba.druid.sql.parser.Token;

/**
 * The WHERE condition of a single-table UPDATE or DELETE as its author wrote it, for the reads that must pick the rows
 * the statement picks: the executor's before-images and foreign-key checks, the review's counts and EXPLAINs. Druid's
 * printing of a parsed condition is not the condition: it drops the parentheses around a {@code NOT} operand
 * ({@code (NOT a) = b} came back as {@code NOT a = b}), reads {@code !!x} as {@code !x} and quotes {@code -"2"} as the
 * string {@code '"2"'}; the server read the printed and the written condition as other rows, and the before-images
 * missed the rows changed (ADR 0048). The text is cut out of the statement by Druid's lexer, which reads strings,
 * names and comments as the server does (ADR 0047), at the top-level WHERE up to a top-level ORDER BY, LIMIT or
 * RETURNING.
 *
 * @param statement the statement the condition was cut from
 * @param start where the condition begins in {@code statement}, just after the keyword
 * @param end where it ends: a top-level ORDER BY, LIMIT or RETURNING, or the end of the statement
 * @param subqueryEnds where each query block inside the condition ends (its closing parenthesis; a UNION's blocks
 *                     end together, where one locking clause locks the rows of them all), for the blocks without a
 *                     locking clause of their own, in order
 * @param subqueries how many query blocks ({@code SELECT}s) the condition holds
 */
public record WhereClause(String statement, int start, int end, List<Integer> subqueryEnds, int subqueries) {

    /** The condition as written, comments kept. */
    public String text() {
        return statement.substring(start, end);
    }

    /** The condition, parenthesized and ended by a line feed so that a trailing line comment ends before what follows. */
    public String asWritten() {
        return "(" + text() + "\n)";
    }

    /**
     * The condition with every query block inside it read under {@code LOCK IN SHARE MODE} (ADR 0040): the rows its
     * subqueries read cannot change between the before-images and the statement.
     */
    public String withSubqueriesLocked() {
        StringBuilder out = new StringBuilder("(");
        int from = start;
        for (int blockEnd : subqueryEnds) {
            out.append(statement, from, blockEnd).append(" LOCK IN SHARE MODE ");
            from = blockEnd;
        }
        return out.append(statement, from, end).append("\n)").toString();
    }

    /**
     * The top-level WHERE condition of {@code sql}; empty when the statement has none, or cannot be read to its end
     * (the parser refuses such a statement anyway).
     */
    public static Optional<WhereClause> of(String sql) {
        Lexer lexer = new Lexer(sql);
        int depth = 0;
        int start = -1;
        int end = sql.length();
        List<Integer> ends = new ArrayList<>();
        List<Integer> openBlocks = new ArrayList<>(); // per depth: 1 while a query block without a lock is open there
        int subqueries = 0;
        try {
            Token previous = null;
            for (lexer.nextToken(); lexer.token() != Token.EOF; previous = lexer.token(), lexer.nextToken()) {
                Token token = lexer.token();
                if (start < 0) {
                    if (token == Token.LPAREN) {
                        depth++;
                    } else if (token == Token.RPAREN) {
                        depth--;
                    } else if (token == Token.WHERE && depth == 0) {
                        start = lexer.pos(); // just after the keyword (the token's start may be a comment's)
                    }
                    continue;
                }
                if (depth == 0 && (token == Token.ORDER || token == Token.LIMIT || isWord(lexer, "RETURNING"))) {
                    end = lexer.start();
                    break;
                }
                switch (token) {
                    case LPAREN -> depth++;
                    case RPAREN -> {
                        int paren = lexer.pos() - 1;
                        closeBlock(openBlocks, depth, sql.charAt(paren) == ')' ? paren : lexer.start(), ends);
                        depth--;
                    }
                    case SELECT -> {
                        subqueries++;
                        setOpen(openBlocks, depth, true);
                    }
                    default -> {
                        if (previous == Token.FOR && (token == Token.UPDATE || isWord(lexer, "SHARE"))
                                || previous == Token.LOCK && token == Token.IN) {
                            setOpen(openBlocks, depth, false); // the block has its own locking clause
                        }
                    }
                }
            }
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        if (start < 0 || depth != 0) {
            return Optional.empty();
        }
        return Optional.of(new WhereClause(sql, start, end, List.copyOf(ends), subqueries));
    }

    /**
     * The top-level {@code ORDER BY} of a single-table UPDATE or DELETE as written (from the keyword up to a top-level
     * LIMIT or RETURNING, or the end), ended by a line feed; empty when it has none or cannot be read. The server
     * changes the rows in that order, and an UPDATE of a unique column may succeed only in it ({@code SET u = u - 1
     * ORDER BY u}): its before-images are read in the same order, and its rollback undoes them in the reverse.
     */
    public static Optional<String> orderBy(String sql) {
        Lexer lexer = new Lexer(sql);
        int depth = 0;
        int start = -1;
        try {
            for (lexer.nextToken(); lexer.token() != Token.EOF; lexer.nextToken()) {
                Token token = lexer.token();
                if (token == Token.LPAREN) {
                    depth++;
                } else if (token == Token.RPAREN) {
                    depth--;
                } else if (depth == 0 && start < 0 && token == Token.ORDER) {
                    start = lexer.start();
                } else if (depth == 0 && start >= 0 && (token == Token.LIMIT || isWord(lexer, "RETURNING"))) {
                    return Optional.of(sql.substring(start, lexer.start()) + "\n");
                }
            }
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        return start < 0 || depth != 0 ? Optional.empty() : Optional.of(sql.substring(start) + "\n");
    }

    private static boolean isWord(Lexer lexer, String word) {
        return lexer.token() == Token.IDENTIFIER && word.equalsIgnoreCase(lexer.stringVal());
    }

    private static void setOpen(List<Integer> openBlocks, int depth, boolean open) {
        while (openBlocks.size() <= depth) {
            openBlocks.add(0);
        }
        openBlocks.set(depth, open ? 1 : 0);
    }

    private static void closeBlock(List<Integer> openBlocks, int depth, int at, List<Integer> ends) {
        if (depth < openBlocks.size() && openBlocks.get(depth) == 1) {
            ends.add(at);
            openBlocks.set(depth, 0);
        }
    }

    /** Druid's MySQL lexer, with the start of the current token (the lexer keeps it, but does not tell it). */
    private static final class Lexer extends MySqlLexer {

        Lexer(String sql) {
            super(sql);
        }

        int start() {
            return startPos;
        }
    }
}
