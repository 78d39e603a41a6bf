package io.tollgate.integrations.goinception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import io.tollgate.integrations.goinception.GoInceptionStandIn.Fixture;
import io.tollgate.integrations.goinception.GoInceptionStandIn.Mode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a MySQL-protocol stand-in replaying goInception's recorded answers (see the fixtures' README). */
class GoInceptionClientTest {

    private static final String SECRET = "s3cret-Target-pw";
    private static final GoInceptionTarget TARGET = new GoInceptionTarget("db1.internal", 3307, "reviewer", SECRET, "shop");
    private static final String SCRIPT = """
            CREATE TABLE t1 (id INT PRIMARY KEY, c1 INT);
            INSERT INTO t1 (id, c1) VALUES (1, 1);
            UPDATE t1
               SET c1 = 2;
            """;

    private static GoInceptionStandIn standIn;
    private GoInceptionClient client;

    @BeforeAll
    static void start() {
        standIn = new GoInceptionStandIn(q -> Fixture.load("check-normal.json")).start();
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @BeforeEach
    void reset() {
        standIn.mode(Mode.ANSWER);
        standIn.answers(q -> Fixture.load("check-normal.json"));
        // a loaded build machine can take seconds to answer; only the silence test waits for the short timeout
        client = new GoInceptionClient(new GoInceptionProperties(standIn.url(), "tollgate", "gi-pw", Duration.ofSeconds(10)));
    }

    @Test
    void sendsOneCheckQueryWithTheTargetsCoordinatesAndReadsTheTwelveColumns() {
        List<GoInceptionRow> rows = client.check(TARGET, SCRIPT);

        String check = standIn.checks().get(standIn.checks().size() - 1);
        assertThat(check).startsWith("/*--user=reviewer;--password=" + SECRET + ";--host=db1.internal;--port=3307;--check=1;*/")
                .contains("inception_magic_start;\nuse `shop`;\nCREATE TABLE t1")
                .endsWith("SET c1 = 2;\ninception_magic_commit;")
                .doesNotContain("--execute");
        assertThat(standIn.users()).contains("tollgate");
        assertThat(rows).hasSize(4);
        GoInceptionRow create = rows.get(1);
        assertThat(create.orderId()).isEqualTo(2);
        assertThat(create.stage()).isEqualTo("CHECKED");
        assertThat(create.stageStatus()).isEqualTo("Audit Completed");
        assertThat(create.errorLevel()).isEqualTo(1);
        assertThat(create.errorMessage()).isEqualTo("Set engine to innodb for table 't1'.\nSet comments for table 't1'.");
        assertThat(create.sql()).isEqualTo("CREATE TABLE t1 (id INT PRIMARY KEY, c1 INT)");
        assertThat(create.sequence()).isEqualTo("'0_0_00000001'");
        assertThat(create.backupDbname()).isNull();
        assertThat(create.executeTime()).isEqualTo("0");
        assertThat(create.sqlsha1()).isNull();
        assertThat(create.backupTime()).isEqualTo("0");
        assertThat(rows).extracting(GoInceptionRow::errorLevel).containsExactly(0, 1, 0, 2);
        assertThat(rows).extracting(GoInceptionRow::affectedRows).containsExactly(0L, 0L, 1L, 3L);
        assertThat(rows.get(2).errorMessage()).isNull();
        assertThat(rows.get(3).sql()).isEqualTo("UPDATE t1\n   SET c1 = 2");
    }

    @Test
    void aScriptGoInceptionSplitsDifferentlyComesBackAsItsRows() {
        standIn.answers(q -> Fixture.load("check-syntax-error.json"));

        List<GoInceptionRow> rows = client.check(TARGET, "INSERT INTO t1 (id, c1) VALUES (2, 2);\n"
                + "UPDATE t1 SETT c1 = 3 WHERE id = 2;\nDELETE FROM t1 WHERE id = 2;");

        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).errorLevel()).isEqualTo(2);
        assertThat(rows.get(2).sql()).contains("UPDATE t1 SETT").contains("DELETE FROM t1");
    }

    @Test
    void aConnectionDroppedMidResultIsUnavailableNeverAShortPassingResult() {
        standIn.mode(Mode.DROP_MID_RESULT);

        assertThatThrownBy(() -> client.check(TARGET, SCRIPT))
                .isInstanceOf(GoInceptionUnavailableException.class)
                .hasMessage("goInception at " + standIn.url() + " dropped the connection before its answer was complete");
    }

    @Test
    void silenceEndsInTheTimeoutSentence() {
        standIn.mode(Mode.SILENT);
        GoInceptionClient impatient = new GoInceptionClient(new GoInceptionProperties(standIn.url(), "tollgate", "gi-pw",
                Duration.ofSeconds(1)));

        assertThatThrownBy(() -> impatient.check(TARGET, SCRIPT))
                .isInstanceOf(GoInceptionUnavailableException.class)
                .hasMessage("goInception at " + standIn.url() + " did not answer in 1 s");
    }

    @Test
    void anAnswerThatIsNotACheckResultIsRefused() {
        standIn.mode(Mode.GARBAGE);

        assertThatThrownBy(() -> client.check(TARGET, SCRIPT))
                .isInstanceOf(GoInceptionUnavailableException.class)
                .hasMessageStartingWith("goInception at " + standIn.url() + " answered something that is not a check result");
    }

    @Test
    void aLevelOutsideZeroToTwoIsGarbage() {
        Fixture normal = Fixture.load("check-normal.json");
        List<List<Object>> rows = new java.util.ArrayList<>(normal.rows());
        List<Object> odd = new java.util.ArrayList<>(rows.get(1));
        odd.set(2, 7L);
        rows.set(1, odd);
        standIn.answers(q -> new Fixture(normal.source(), normal.types(), rows));

        assertThatThrownBy(() -> client.check(TARGET, SCRIPT))
                .isInstanceOf(GoInceptionUnavailableException.class)
                .hasMessageContaining("error_level 7 is not 0, 1 or 2");
    }

    @Test
    void unreachableAndUnconfiguredAreUnavailableAndNoMessageCarriesThePassword() {
        int port = standIn.port();
        GoInceptionClient nowhere = new GoInceptionClient(new GoInceptionProperties("127.0.0.1:1", null, null, Duration.ofSeconds(1)));
        assertThatThrownBy(() -> nowhere.check(TARGET, SCRIPT))
                .isInstanceOf(GoInceptionUnavailableException.class)
                .hasMessageStartingWith("goInception at 127.0.0.1:1 is unreachable")
                .message().doesNotContain(SECRET);
        assertThat(nowhere.health()).startsWith("goInception at 127.0.0.1:1 is unreachable");

        GoInceptionClient unset = new GoInceptionClient(new GoInceptionProperties(" ", null, null, null));
        assertThatThrownBy(() -> unset.check(TARGET, SCRIPT)).isInstanceOf(GoInceptionUnavailableException.class)
                .hasMessageContaining("not configured");
        assertThat(client.health()).isNull();
        assertThat(port).isPositive();
    }

    @Test
    void optionValuesThatWouldBreakGoInceptionsCommentAreRefusedWithoutEchoingThem() {
        GoInceptionTarget sneaky = new GoInceptionTarget("db1", 3306, "u", "pw;--execute=1;", "shop");

        assertThatThrownBy(() -> client.check(sneaky, SCRIPT))
                .isInstanceOf(GoInceptionUnavailableException.class)
                .message().doesNotContain("pw;--execute");
        assertThat(standIn.checks()).noneMatch(c -> c.contains("--execute"));
    }
}
