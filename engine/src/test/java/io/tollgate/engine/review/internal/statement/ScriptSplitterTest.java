package io.tollgate.engine.review.internal.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptSplitterTest {

    private static List<String> sqls(String script) {
        return ScriptSplitter.split(script).stream().map(ScriptSplitter.Piece::sql).toList();
    }

    @Test
    void delimitersInsideStringsQuotedIdentifiersAndCommentsDoNotSplit() {
        String script = "INSERT INTO t (a) VALUES ('x;y');\n"
                + "SELECT `we;ird` FROM t -- a comment; still a comment\n;\n"
                + "SELECT \"dq;\" # hash comment; here\n;\n"
                + "SELECT 1 /* block ; comment */ + 2;\n"
                + "SELECT 'it''s;' , 'back\\';slash';";
        assertThat(sqls(script)).containsExactly(
                "INSERT INTO t (a) VALUES ('x;y')",
                "SELECT `we;ird` FROM t -- a comment; still a comment",
                "SELECT \"dq;\" # hash comment; here",
                "SELECT 1 /* block ; comment */ + 2",
                "SELECT 'it''s;' , 'back\\';slash'");
    }

    @Test
    void leadingCommentsAreSkippedButVersionedCommentsAreStatements() {
        String script = "-- header\n# another\n/* block */\n/*!40101 SET NAMES utf8mb4 */;\nSELECT 1;";
        assertThat(sqls(script)).containsExactly("/*!40101 SET NAMES utf8mb4 */", "SELECT 1");
    }

    @Test
    void doubleDashWithoutSpaceIsNotAComment() {
        assertThat(sqls("SELECT 1--1;SELECT 2")).containsExactly("SELECT 1--1", "SELECT 2");
    }

    @Test
    void doubleDashIsACommentBeforeWhatTheServerCountsAsSpaceOrControlAndNothingElse() {
        // the server: "--" followed by an ASCII space or control character; a Unicode space is not one
        assertThat(sqls("SELECT 1 --\u0001;x\nSELECT 2;")).containsExactly("SELECT 1 --\u0001;x\nSELECT 2");
        assertThat(sqls("SELECT 1 --\u2000;SELECT 2")).containsExactly("SELECT 1 --", "SELECT 2"); // the space stripped as trailing
    }

    @Test
    void delimiterBlocksKeepProcedureBodiesTogether() {
        String script = "DELIMITER $$\n"
                + "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND$$\n"
                + "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END $$\n"
                + "DELIMITER ;\n"
                + "SELECT 3;";
        List<ScriptSplitter.Piece> pieces = ScriptSplitter.split(script);
        assertThat(pieces).extracting(ScriptSplitter.Piece::sql).containsExactly(
                "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND",
                "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END",
                "SELECT 3");
        assertThat(pieces.get(2).line()).isEqualTo(9);
    }

    @Test
    void positionsAreLineAndColumnOfTheFirstToken() {
        List<ScriptSplitter.Piece> pieces = ScriptSplitter.split("SELECT 1;  SELECT 2;\n\n  /* c */ UPDATE t SET a = 1\n WHERE b = 2;");
        assertThat(pieces).extracting(p -> p.line() + ":" + p.column()).containsExactly("1:1", "1:12", "3:11");
    }

    @Test
    void lastStatementNeedsNoDelimiterAndEmptyStatementsVanish() {
        assertThat(sqls(";;\nSELECT 1;;\n  ;SELECT 2  \n")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void unterminatedStringIsReportedAtItsQuote() {
        List<ScriptSplitter.Piece> pieces = ScriptSplitter.split("SELECT 1;\nSELECT 'abc;\nSELECT 2;");
        assertThat(pieces).hasSize(2);
        assertThat(pieces.get(1).error()).contains("unterminated string");
        assertThat(pieces.get(1).errorLine()).isEqualTo(2);
        assertThat(pieces.get(1).errorColumn()).isEqualTo(8);
    }

    @Test
    void unterminatedCommentsAndIdentifiersAreReported() {
        assertThat(ScriptSplitter.split("SELECT 1; /* never closed").get(1).error()).contains("unterminated comment");
        assertThat(ScriptSplitter.split("SELECT 1 /* never closed").get(0).error()).contains("unterminated comment");
        assertThat(ScriptSplitter.split("SELECT `abc FROM t").get(0).error()).contains("unterminated quoted identifier");
    }

    @Test
    void delimiterWithoutValueIsAnError() {
        assertThat(ScriptSplitter.split("DELIMITER  \nSELECT 1").get(0).error()).contains("DELIMITER");
    }
}
