package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every malformed request to {@code /api/v1} answers in the one error shape ({@code status}, {@code error},
 * {@code message}, {@code field}, {@code problems}) with a message that says what is wrong and what would be accepted,
 * and the field at fault where there is one. Nothing is recorded for a refused request.
 */
@TollgateAppTest
class ApiErrorsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TICKETS = "/api/v1/tickets";
    private static final String USER = "engineer";
    private static final String PASSWORD = "engineer-demo";

    @LocalServerPort int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private static String submission(String extra) {
        return "{\"title\": \"t\", \"instance\": \"nowhere\", \"database\": \"d\", \"reason\": \"r\","
                + " \"sql\": \"SELECT 1\"" + extra + "}";
    }

    private static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(body.has("field")).isTrue();
        assertThat(body.path("problems").isArray()).isTrue();
        return body;
    }

    /**
     * A body is refused before anything parses it when it is larger than the endpoint reads: a reviewer's 300 MB batch
     * of decisions was read whole into a JSON tree and ran the node out of heap. 4 MiB, or 64 MiB where the body
     * carries SQL; declared or streamed.
     */
    @Test
    void bodiesLargerThanTheEndpointReadsAreRefusedBeforeTheyAreParsed() throws Exception {
        String batch = "{\"taskIds\": [\"" + "a".repeat(4 * 1024 * 1024) + "\"], \"approve\": true}";
        for (HttpResponse<String> refused : List.of(http.postJson("/api/v1/tasks/decisions", "reviewer",
                "reviewer-demo", batch), http.postJsonChunked("/api/v1/tasks/decisions", "reviewer", "reviewer-demo",
                batch))) {
            assertThat(problem(refused, 413).path("message").asText())
                    .isEqualTo("the body of POST /api/v1/tasks/decisions may be at most 4194304 bytes (4 MiB)");
        }
        // a script of 5 MiB is read: the limit for bodies with SQL holds the review's largest (16 MiB)
        String script = "{\"sql\": \"SELECT 1; -- " + "x".repeat(5 * 1024 * 1024) + "\"}";
        assertThat(http.postJsonChunked("/api/v1/review", USER, PASSWORD, script).statusCode()).isEqualTo(200);
        String tooLong = "{\"sql\": \"SELECT 1; -- " + "x".repeat(64 * 1024 * 1024) + "\"}";
        assertThat(problem(http.postJsonChunked(TICKETS, USER, PASSWORD, tooLong), 413).path("message").asText())
                .isEqualTo("the body of POST /api/v1/tickets may be at most 67108864 bytes (64 MiB)");
        assertThat(http.get(TICKETS + "?limit=500", USER, PASSWORD).body()).doesNotContain("SELECT 1; -- xxx");
    }

    @Test
    void jsonThatDoesNotParseSaysWhereItBroke() throws Exception {
        JsonNode body = problem(http.postJson(TICKETS, USER, PASSWORD, "{\"title\": \"t\",\n \"sql\": }"), 400);
        assertThat(body.path("error").asText()).isEqualTo("Bad Request");
        assertThat(body.path("message").asText()).startsWith("the request body is not valid JSON (line 2, column");
        assertThat(body.path("field").isNull()).isTrue();
    }

    @Test
    void anEmptyBodyAsksForOne() throws Exception {
        JsonNode body = problem(http.postJson(TICKETS, USER, PASSWORD, ""), 400);
        assertThat(body.path("message").asText()).isEqualTo("a JSON body is required (Content-Type: application/json)");
    }

    @Test
    void anUnknownModeNamesTheFieldAndTheAcceptedValues() throws Exception {
        JsonNode body = problem(http.postJson(TICKETS, USER, PASSWORD, submission(", \"mode\": \"SOMETIMES\"")), 400);
        assertThat(body.path("field").asText()).isEqualTo("mode");
        assertThat(body.path("message").asText()).startsWith("'mode' must be one of [")
                .contains("AFTER_APPROVAL").endsWith("not 'SOMETIMES'");
    }

    @Test
    void aFieldTheRequestDoesNotTakeIsNamedNotDropped() throws Exception {
        // a mistyped schedule was ignored: the ticket would have run as soon as it was approved
        JsonNode body = problem(http.postJson(TICKETS, USER, PASSWORD,
                submission(", \"mode\": \"SCHEDULED\", \"sheduledAt\": \"2030-01-01T00:00:00Z\"")), 400);
        assertThat(body.path("field").asText()).isEqualTo("sheduledAt");
        assertThat(body.path("message").asText()).startsWith("'sheduledAt' is not a field of this request; it takes ")
                .contains("scheduledAt", "reviewer", "sql");
        // and on the answer to a task, as everywhere on /api/v1
        JsonNode decision = problem(http.postJson(TICKETS + "/T-NONE/decision", USER, PASSWORD,
                "{\"approve\": true, \"comment\": \"ok\", \"approvedBy\": \"someone-else\"}"), 400);
        assertThat(decision.path("field").asText()).isEqualTo("approvedBy");
    }

    @Test
    void aTitleIsOneLine() throws Exception {
        JsonNode body = problem(http.postJson(TICKETS, USER, PASSWORD, "{\"title\": \"fix\\r\\nBcc: evil@example.org\","
                + " \"instance\": \"nowhere\", \"database\": \"d\", \"reason\": \"r\", \"sql\": \"SELECT 1\"}"), 400);
        assertThat(body.path("problems").toString())
                .contains("the title is one line of text: no line breaks, tabs or other control characters");
    }

    /** A reason took a NUL, a bell and a terminal's escape codes, and a title half a character, as stored. */
    @Test
    void aReasonHoldsNoControlCharactersAndNoTextHoldsHalfACharacter() throws Exception {
        JsonNode reason = problem(http.postJson(TICKETS, USER, PASSWORD, "{\"title\": \"fix\","
                + " \"instance\": \"nowhere\", \"database\": \"d\", \"reason\": \"r\\u0007\\u001b[2J\\u0000x\","
                + " \"sql\": \"SELECT 1\"}"), 400);
        assertThat(reason.path("problems").toString()).contains("the reason may hold line breaks and tabs, but no"
                + " other control characters");
        JsonNode title = problem(http.postJson(TICKETS, USER, PASSWORD, "{\"title\": \"\\ud800x\","
                + " \"instance\": \"nowhere\", \"database\": \"d\", \"reason\": \"two\\nlines\\tare fine\","
                + " \"sql\": \"SELECT 1\"}"), 400);
        assertThat(title.path("problems").toString()).contains("the title holds a broken character")
                .doesNotContain("the reason");
    }

    @Test
    void aFieldGivenTwiceIsRefusedNotTakenFromTheLastOne() throws Exception {
        JsonNode body = problem(http.postJson(TICKETS, USER, PASSWORD,
                submission(", \"sql\": \"DROP TABLE customers\"")), 400);
        assertThat(body.path("field").asText()).isEqualTo("sql");
        assertThat(body.path("message").asText()).startsWith("'sql' is given twice (line 1, column")
                .endsWith(": give each field once");
    }

    @Test
    void aScheduleThatIsNotATimeShowsOneThatIs() throws Exception {
        JsonNode body = problem(http.postJson(TICKETS, USER, PASSWORD,
                submission(", \"mode\": \"SCHEDULED\", \"scheduledAt\": \"tomorrow\"")), 400);
        assertThat(body.path("field").asText()).isEqualTo("scheduledAt");
        assertThat(body.path("message").asText())
                .isEqualTo("'scheduledAt' must be an ISO-8601 time with its zone, such as 2026-12-03T14:30:00Z,"
                        + " not 'tomorrow'");
    }

    /**
     * A time to execute at on a ticket that is not scheduled is refused, not dropped: taken as given, the ticket ran
     * right after its approval while its submitter waited for the time they had asked for (a helper's finding).
     */
    @Test
    void aTimeToExecuteAtIsForAScheduledTicketOnly() throws Exception {
        for (String mode : new String[] {"AFTER_APPROVAL", "MANUAL"}) {
            JsonNode body = problem(http.postJson(TICKETS, USER, PASSWORD, submission(", \"mode\": \"" + mode
                    + "\", \"scheduledAt\": \"2030-01-01T00:00:00Z\"")), 400);
            assertThat(body.path("problems").toString()).as(mode)
                    .contains("a time to execute at (2030-01-01T00:00:00Z) is for mode SCHEDULED only, and this"
                            + " ticket's mode is " + mode);
        }
        JsonNode noMode = problem(http.postJson(TICKETS, USER, PASSWORD,
                submission(", \"scheduledAt\": \"2030-01-01T00:00:00Z\"")), 400);
        assertThat(noMode.path("problems").toString()).contains("this ticket's mode is AFTER_APPROVAL");
    }

    /**
     * A query parameter means what it says, as a body field does: one the endpoint does not take, one given twice where
     * it takes one value, or one the container could not decode (and so left out) is a 400 naming it. Each answered
     * with the unfiltered default before (a helper's finding): {@code ?form=} for {@code from}, {@code actor=a&actor=b}
     * searched for "a,b", {@code kind=%ZZ} returned the whole trail, and a POST's stray parameter was dropped.
     */
    @Test
    void aParameterTheEndpointDoesNotTakeOrTakesOnceIsRefusedNotDropped() throws Exception {
        JsonNode unknown = problem(http.get(TICKETS + "?foo=1", USER, PASSWORD), 400);
        assertThat(unknown.path("field").asText()).isEqualTo("foo");
        assertThat(unknown.path("message").asText()).startsWith("unknown parameter foo: the parameters are ")
                .contains("status", "instance", "limit");
        assertThat(problem(http.get("/api/v1/statistics?form=2026-11-01", "auditor", "auditor-demo"), 400)
                .path("field").asText()).isEqualTo("form");
        JsonNode twice = problem(http.get("/api/v1/audit?actor=system&actor=nobody", "auditor", "auditor-demo"), 400);
        assertThat(twice.path("field").asText()).isEqualTo("actor");
        assertThat(twice.path("message").asText()).isEqualTo("'actor' is given 2 times: give it once");
        assertThat(http.get(TICKETS + "?status=EXECUTED&status=REJECTED", USER, PASSWORD).statusCode())
                .as("a parameter that takes several values").isEqualTo(200);
        // sent as written: Java's HTTP client will not send a broken escape
        String broken = raw("GET /api/v1/audit?limit=1&kind=%ZZ HTTP/1.1\r\n" + basic("auditor", "auditor-demo"));
        assertThat(broken).as(broken).startsWith("HTTP/1.1 400").contains("application/json")
                .contains("a query parameter cannot be read (a broken %-escape");
        // bytes that are not UTF-8: searched for as replacement characters before (a helper's finding)
        for (String bytes : new String[] {"%FF", "%C3%28", "%FF%FE"}) {
            String notUtf8 = raw("GET " + TICKETS + "?q=" + bytes + " HTTP/1.1\r\n" + basic(USER, PASSWORD));
            assertThat(notUtf8).as(bytes).startsWith("HTTP/1.1 400").contains("bytes that are not UTF-8");
        }
        // a write with a stray parameter writes nothing
        int before = tickets(USER).size();
        JsonNode stray = problem(http.postJson(TICKETS + "?waitWhileStatus=REVIEWING&foo=1", USER, PASSWORD,
                "{\"title\": \"t\", \"instance\": \"sandbox\", \"database\": \"demo\", \"reason\": \"r\","
                        + " \"sql\": \"SELECT 1\"}"), 400);
        assertThat(stray.path("field").asText()).isEqualTo("foo");
        assertThat(tickets(USER)).hasSize(before);
    }

    /**
     * A body sent where the endpoint reads none is refused: the reason sent with a withdrawal was read by nothing and
     * recorded nowhere. An empty JSON object, what a client sends to mark a write as its own, is still taken.
     */
    @Test
    void aBodyWhereTheEndpointReadsNoneIsRefused() throws Exception {
        JsonNode reason = problem(http.postJson(TICKETS + "/T-NOPE/withdraw", USER, PASSWORD,
                "{\"reason\": \"not needed\"}"), 400);
        assertThat(reason.path("field").asText()).isEqualTo("reason");
        assertThat(reason.path("message").asText()).startsWith("'reason' is not a field of this request: it reads"
                + " no body");
        assertThat(http.postJson(TICKETS + "/T-NOPE/withdraw", USER, PASSWORD, "{}").statusCode())
                .as("an empty object: on to the endpoint, which does not know the ticket").isEqualTo(404);
    }

    /**
     * What the container itself refuses or lets through before Tollgate reads the request: a quote or brace in a
     * query is read as itself (an auditor's search for a "quoted" word was Tomcat's HTML page), and headers larger
     * than it reads are said to be that, in JSON (they were called an unreadable path).
     */
    @Test
    void whatTheContainerReadsFirstIsAnsweredInJson() throws Exception {
        String search = raw("GET " + TICKETS + "?q=a\"b{c}|d HTTP/1.1\r\n" + basic(USER, PASSWORD));
        assertThat(search).as(search).startsWith("HTTP/1.1 200").contains("application/json");
        String headers = raw("GET " + TICKETS + " HTTP/1.1\r\nX-Padding: " + "x".repeat(20_000) + "\r\n"
                + basic(USER, PASSWORD));
        assertThat(headers).as(headers).startsWith("HTTP/1.1 400").contains("application/json")
                .contains("the request's headers are larger than Tollgate reads");
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    /** Sends {@code head} (request line and headers) as written, with Host and Connection: close; the whole answer. */
    private String raw(String head) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            String request = head + "Host: localhost\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<JsonNode> tickets(String user) throws Exception {
        List<JsonNode> all = new java.util.ArrayList<>();
        JSON.readTree(http.get(TICKETS + "?limit=1000", user, PASSWORD).body()).forEach(all::add);
        return all;
    }

    @Test
    void bytesThatAreNotUtf8AreCalledSo() throws Exception {
        byte[] start = "{\"title\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] end = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + 2 + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        body[start.length] = (byte) 0xff;
        body[start.length + 1] = (byte) 0xfe;
        System.arraycopy(end, 0, body, start.length + 2, end.length);
        JsonNode problem = problem(http.postBytes(TICKETS, USER, PASSWORD, "application/json", body), 400);
        assertThat(problem.path("message").asText()).startsWith("the request body is not valid UTF-8")
                .endsWith("send JSON encoded in UTF-8");
    }

    /** A mistyped task id was a 409 "no longer open", as if someone had decided it already. */
    @Test
    void aTaskIdTheEngineNeverHadIsNotFound() throws Exception {
        JsonNode task = problem(http.postJson("/api/v1/tasks/no-such-task/decision", "reviewer", "reviewer-demo",
                "{\"approve\": true, \"comment\": \"ok\"}"), 404);
        assertThat(task.path("message").asText()).isEqualTo("no task no-such-task");
        JsonNode approval = problem(http.postJson("/api/v1/service-tree/approvals/no-such-task/decision", "sre",
                "sre-demo", "{\"approve\": true, \"comment\": \"ok\"}"), 404);
        assertThat(approval.path("message").asText()).isEqualTo("no task no-such-task");
    }

    @Test
    void aValueOfTheWrongKindNamesTheKindExpected() throws Exception {
        JsonNode approve = problem(http.postJson("/api/v1/tasks/no-such-task/decision", "reviewer", "reviewer-demo",
                "{\"approve\": \"maybe\"}"), 400);
        assertThat(approve.path("field").asText()).isEqualTo("approve");
        assertThat(approve.path("message").asText()).startsWith("'approve' must be true or false");

        JsonNode title = problem(http.postJson(TICKETS, USER, PASSWORD, "{\"title\": [\"a\"]}"), 400);
        assertThat(title.path("field").asText()).isEqualTo("title");
        assertThat(title.path("message").asText()).isEqualTo("'title' must be a string");

        JsonNode array = problem(http.postJson(TICKETS, USER, PASSWORD, "[1, 2]"), 400);
        assertThat(array.path("message").asText())
                .isEqualTo("the request body must be a JSON object with the request's fields");
    }

    /**
     * A value of another kind is refused, not converted (found by trying it): "true" and 1 approved a ticket where
     * "yes" was refused, a mode of 1 meant SCHEDULED, a number became a title, and what followed the object was
     * dropped.
     */
    @Test
    void aValueIsNotConvertedFromAnotherKind() throws Exception {
        for (String approve : new String[] {"\"true\"", "1", "1.0"}) {
            JsonNode body = problem(http.postJson("/api/v1/tickets/no-such-ticket/decision", "reviewer",
                    "reviewer-demo", "{\"approve\": " + approve + ", \"comment\": \"c\"}"), 400);
            assertThat(body.path("field").asText()).as(approve).isEqualTo("approve");
        }
        JsonNode mode = problem(http.postJson(TICKETS, USER, PASSWORD, submission(", \"mode\": 1")), 400);
        assertThat(mode.path("field").asText()).isEqualTo("mode");
        JsonNode title = problem(http.postJson(TICKETS, USER, PASSWORD,
                "{\"title\": 5, \"instance\": \"nowhere\", \"database\": \"d\", \"reason\": \"r\","
                        + " \"sql\": \"SELECT 1\", \"mode\": \"MANUAL\"}"), 400);
        assertThat(title.path("field").asText()).isEqualTo("title");
        problem(http.postJson(TICKETS, USER, PASSWORD, submission(", \"mode\": \"MANUAL\"") + "{"), 400);
    }

    /** A tree change of the wrong shape names the field, never Java's types (they were in the message). */
    @Test
    void aTreeChangeOfTheWrongShapeNamesTheFieldNotJavasTypes() throws Exception {
        String changes = "/api/v1/service-tree/changes";
        for (String[] wrong : new String[][] {
                {"{\"kind\": \"setOwners\", \"nodeId\": 4, \"owners\": {\"a\": 1}, \"reason\": \"r\"}", "'owners'"},
                {"{\"kind\": \"bindServers\", \"nodeId\": 4, \"servers\": [5], \"reason\": \"r\"}", "'servers[0]'"}}) {
            JsonNode body = problem(http.postJson(changes, "sre", "sre-demo", wrong[0]), 400);
            assertThat(body.path("message").asText()).as(wrong[0]).startsWith("not a service-tree change: ")
                    .contains(wrong[1]).doesNotContain("java.", "`", "io.tollgate");
        }
    }

    /** A review's database is a plain name, as a ticket's is (any text was taken, a backtick or 100,000 characters). */
    @Test
    void aReviewsDatabaseIsAPlainName() throws Exception {
        for (String database : new String[] {"a`b", "x".repeat(65), "demo; DROP"}) {
            JsonNode body = problem(http.postJson("/api/v1/review", USER, PASSWORD, JSON.writeValueAsString(
                    java.util.Map.of("sql", "SELECT 1;", "database", database))), 400);
            assertThat(body.path("field").asText()).as(database).isEqualTo("database");
            assertThat(body.path("message").asText()).isEqualTo("the database must be a plain name (letters, digits,"
                    + " _ and $, at most 64)");
        }
        assertThat(http.postJson("/api/v1/review", USER, PASSWORD, "{\"sql\": \"SELECT 1;\", \"database\": \"demo_1\"}")
                .statusCode()).isEqualTo(200);
    }

    /** A Content-Type that does not parse, or names a charset nobody knows, is the write guard's 415, not a 500. */
    @Test
    void aContentTypeThatDoesNotParseIsA415() throws Exception {
        for (String type : new String[] {"foo", "/", "application/json;charset=bogus"}) {
            JsonNode body = problem(http.postBytes(TICKETS, USER, PASSWORD, type,
                    submission(", \"mode\": \"MANUAL\"").getBytes(StandardCharsets.UTF_8)), 415);
            assertThat(body.path("message").asText()).as(type).contains("application/json");
        }
    }

    /**
     * Days outside what Tollgate records (and its arithmetic holds) are the request's error, on the audit trail, its
     * export (which is not recorded as an export then) and the statistics: 2300 or 1600 overflowed into a 500, and
     * each failed export was written to the trail as one delivered.
     */
    @Test
    void daysOutsideWhatTollgateRecordsAreRefused() throws Exception {
        int exportsBefore = JSON.readTree(http.get("/api/v1/audit?kind=audit.exported&limit=1000", "auditor",
                "auditor-demo").body()).size();
        for (String query : new String[] {"/api/v1/audit?from=%2B10000-01-01T00:00:00Z", "/api/v1/audit?to=1600-01-01",
                "/api/v1/audit?from=%2B999999999-12-31T23:59:59Z", "/api/v1/audit/export?to=1600-01-01",
                "/api/v1/audit/export?from=-999999999-01-01T00:00:00Z", TICKETS + "?from=0000-01-01"}) {
            JsonNode body = problem(http.get(query, "auditor", "auditor-demo"), 400);
            assertThat(body.path("message").asText()).as(query).contains("must lie between 1970-01-01 and 9999-12-31");
        }
        for (String query : new String[] {"/api/v1/statistics?from=%2B999999999-12-31",
                "/api/v1/statistics?to=-999999999-01-01", "/api/v1/statistics?from=1600-01-01"}) {
            JsonNode body = problem(http.get(query, "auditor", "auditor-demo"), 400);
            assertThat(body.path("message").asText()).as(query).contains("must lie between 1970-01-01 and 9999-12-31");
        }
        assertThat(http.get("/api/v1/audit?from=2300-01-01", "auditor", "auditor-demo").statusCode())
                .as("past the year 2262, where the microseconds overflowed").isEqualTo(200);
        assertThat(JSON.readTree(http.get("/api/v1/audit?kind=audit.exported&limit=1000", "auditor", "auditor-demo")
                .body()).size()).as("no export recorded").isEqualTo(exportsBefore);
    }

    /** Every action on a ticket that is not there is a 404 naming it, as reading it is (it was a 409, or an empty list). */
    @Test
    void actionsOnATicketThatIsNotThereAre404() throws Exception {
        String missing = TICKETS + "/T-NOT-THERE";
        for (String[] action : new String[][] {{"/withdraw", USER}, {"/execute", USER}, {"/execution/pause", "dba"},
                {"/execution/resume", "dba"}, {"/execution/abort", "dba"}, {"/stuck-step/retry", "dba"},
                {"/rollback", USER}, {"/resubmit", USER}}) {
            JsonNode body = problem(http.postJson(missing + action[0], action[1], action[1] + "-demo",
                    action[0].equals("/resubmit") ? "{\"sql\": \"SELECT 1\"}" : "{}"), 404);
            assertThat(body.path("message").asText()).as(action[0]).isEqualTo("no ticket T-NOT-THERE");
        }
        problem(http.get(missing + "/tasks", USER, PASSWORD), 404);
    }

    @Test
    void anUnknownResolutionListsTheResolutions() throws Exception {
        JsonNode body = problem(http.postJson("/api/v1/tasks/no-such-task/resolution", "dba", "dba-demo",
                "{\"resolution\": \"IGNORE\", \"comment\": \"c\"}"), 400);
        assertThat(body.path("field").asText()).isEqualTo("resolution");
        assertThat(body.path("message").asText()).startsWith("'resolution' must be one of [").contains("RETRY");
    }

    @Test
    void aParameterOfTheWrongTypeNamesIt() throws Exception {
        JsonNode limit = problem(http.get(TICKETS + "?limit=many", USER, PASSWORD), 400);
        assertThat(limit.path("field").asText()).isEqualTo("limit");
        assertThat(limit.path("message").asText()).isEqualTo("'limit' must be a whole number, not 'many'");
        JsonNode from = problem(http.get(TICKETS + "?from=yesterday", USER, PASSWORD), 400);
        assertThat(from.path("field").asText()).isEqualTo("from");
        assertThat(from.path("message").asText()).startsWith("from must be a day (2026-12-01) or an instant");
        JsonNode status = problem(http.get(TICKETS + "?status=DONE", USER, PASSWORD), 400);
        assertThat(status.path("field").asText()).isEqualTo("status");
        assertThat(status.path("message").asText()).startsWith("'status' must be one of [").contains("AWAITING_APPROVAL")
                .endsWith("(the parameter may be repeated), not 'DONE'");
        // the tree-change controller has a handler of its own for IllegalArgumentException, which Spring matched on
        // the parameter's NumberFormatException: "For input string: \"abc\""
        JsonNode changes = problem(http.get("/api/v1/service-tree/changes?limit=abc", USER, PASSWORD), 400);
        assertThat(changes.path("field").asText()).isEqualTo("limit");
        assertThat(changes.path("message").asText()).isEqualTo("'limit' must be a whole number, not 'abc'");
    }

    @Test
    void refusalsFromUseCasesAndFiltersHaveTheSameShape() throws Exception {
        JsonNode limit = problem(http.get(TICKETS + "?limit=0", USER, PASSWORD), 400);
        assertThat(limit.path("field").asText()).isEqualTo("limit");
        assertThat(limit.path("message").asText()).isEqualTo("limit must be between 1 and 1000, not 0");
        JsonNode unsigned = problem(http.get(TICKETS, null, null), 401);
        assertThat(unsigned.path("error").asText()).isEqualTo("Unauthorized");
        JsonNode forbidden = problem(http.get("/api/v1/deployments", USER, PASSWORD), 403);
        assertThat(forbidden.path("error").asText()).isEqualTo("Forbidden");
        JsonNode wrongPassword = problem(http.get(TICKETS, USER, "not-the-password"), 401);
        assertThat(wrongPassword.path("message").asText()).contains("Sign in");
        JsonNode missing = problem(http.get(TICKETS + "/no-such-ticket", USER, PASSWORD), 404);
        assertThat(missing.path("message").asText()).isEqualTo("no ticket no-such-ticket");
        JsonNode offset = problem(http.get(TICKETS + "/no-such-ticket/findings?offset=-5", USER, PASSWORD), 400);
        assertThat(offset.path("field").asText()).isEqualTo("offset");
        assertThat(offset.path("message").asText()).isEqualTo("offset must not be negative, not -5");
        JsonNode pageLimit = problem(http.get(TICKETS + "/no-such-ticket/execution?limit=5000", USER, PASSWORD), 400);
        assertThat(pageLimit.path("field").asText()).isEqualTo("limit");
        JsonNode missingPage = problem(http.get(TICKETS + "/no-such-ticket/findings", USER, PASSWORD), 404);
        assertThat(missingPage.path("error").asText()).isEqualTo("Not Found");
        JsonNode text = problem(http.postBytes(TICKETS, USER, PASSWORD, "text/plain",
                "hello".getBytes(StandardCharsets.UTF_8)), 415);
        assertThat(text.path("message").asText()).contains("application/json");
    }

    /**
     * A client that asks for something other than JSON (a browser's text/html, XML, CSV) still gets the refusal in the
     * one JSON shape with the refusal's own status: not a 500, not an empty 406, not Spring Boot's HTML error page.
     */
    @Test
    void refusalsAnswerJsonWhateverTheClientAccepts() throws Exception {
        for (String accept : new String[] {"application/xml", "text/html", "text/csv"}) {
            JsonNode missing = problem(http.send("GET", TICKETS + "/no-such-ticket", USER, PASSWORD, null,
                    "Accept", accept), 404);
            assertThat(missing.path("message").asText()).as(accept).isEqualTo("no ticket no-such-ticket");
            JsonNode limit = problem(http.send("GET", TICKETS + "?limit=0", USER, PASSWORD, null, "Accept", accept),
                    400);
            assertThat(limit.path("field").asText()).as(accept).isEqualTo("limit");
            JsonNode forbidden = problem(http.send("GET", "/api/v1/deployments", USER, PASSWORD, null,
                    "Accept", accept), 403);
            assertThat(forbidden.path("error").asText()).as(accept).isEqualTo("Forbidden");
            JsonNode unsigned = problem(http.send("GET", TICKETS, null, null, null, "Accept", accept), 401);
            assertThat(unsigned.path("error").asText()).as(accept).isEqualTo("Unauthorized");
            JsonNode notJson = problem(http.send("GET", TICKETS, USER, PASSWORD, null, "Accept", accept), 406);
            assertThat(notJson.path("message").asText()).as(accept).contains("application/json");
        }
    }

    /**
     * A method no endpoint takes at a path is a 405 naming the methods that are (Allow), whatever the request's media
     * type; the write guard's 415 is for endpoints that exist. A write to no endpoint at all is a 404.
     */
    @Test
    void aMethodNoEndpointTakesIsA405WithAllowNotA415() throws Exception {
        HttpResponse<String> delete = http.delete(TICKETS, USER, PASSWORD);
        // the message names what the path takes too (it said only "Method 'DELETE' is not supported.")
        assertThat(problem(delete, 405).path("message").asText())
                .isEqualTo("DELETE is not a method of " + TICKETS + "; it takes GET, POST");
        assertThat(delete.headers().firstValue("Allow")).hasValueSatisfying(allow ->
                assertThat(allow).contains("GET").contains("POST"));
        problem(http.send("PUT", TICKETS + "/T-1/withdraw", USER, PASSWORD, null), 405);
        problem(http.postBytes("/api/v1/no-such-thing", USER, PASSWORD, "text/plain",
                "hello".getBytes(StandardCharsets.UTF_8)), 404);
        // an endpoint that takes POST still refuses a form or text/plain body
        problem(http.postBytes(TICKETS + "/T-1/withdraw", USER, PASSWORD, "application/x-www-form-urlencoded",
                "a=b".getBytes(StandardCharsets.UTF_8)), 415);
    }

    @Test
    void anUnknownEndpointIsNamedAsSuch() throws Exception {
        JsonNode body = problem(http.get("/api/v1/no-such-thing", USER, PASSWORD), 404);
        assertThat(body.path("message").asText()).isEqualTo("no API endpoint GET /api/v1/no-such-thing");
    }

    /** A single query parameter at fault is named in {@code field}, as the request spells it, on every API. */
    @Test
    void aParameterAtFaultIsNamedInField() throws Exception {
        String[][] cases = {
                {"/api/v1/audit/export?format=pdf", "format"},
                {"/api/v1/audit?kind=NOT%20A%20KIND", "kind"},
                {"/api/v1/audit?environment=MOON", "environment"},
                {"/api/v1/audit?outcome=maybe", "outcome"},
                {"/api/v1/audit?limit=0", "limit"},
                {"/api/v1/audit?from=yesterday", "from"},
        };
        for (String[] c : cases) {
            JsonNode body = problem(http.get(c[0], "auditor", "auditor-demo"), 400);
            assertThat(body.path("field").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(body.path("message").asText()).as(c[0]).startsWith(c[1] + " ");
        }
        JsonNode statistics = problem(http.get("/api/v1/statistics?from=yesterday", "auditor", "auditor-demo"), 400);
        assertThat(statistics.path("field").asText()).isEqualTo("from");
    }

    /** Too much SQL is refused with how much there is and what a ticket takes, and nothing is submitted. */
    @Test
    void tooMuchSqlSaysHowMuchIsTaken() throws Exception {
        String sql = "SELECT 1;\n".repeat(5 * 1024 * 1024 / 10 + 1);
        JsonNode ticket = problem(http.postJson(TICKETS, USER, PASSWORD, submission("").replace("\"SELECT 1\"",
                JSON.writeValueAsString(sql))), 400);
        assertThat(ticket.path("problems").toString()).contains(String.format(java.util.Locale.ROOT,
                "the SQL has %,d characters; a ticket takes at most 5,242,880: split it into several tickets",
                sql.length()));
        // beyond what the API reads in one JSON value at all: the same shape, without the parser's internals
        String huge = "x".repeat(20_000_001);
        JsonNode value = problem(http.postJson(TICKETS, USER, PASSWORD, submission("").replace("\"SELECT 1\"",
                "\"" + huge + "\"")), 400);
        assertThat(value.path("field").asText()).isEqualTo("sql");
        assertThat(value.path("message").asText())
                .isEqualTo("'sql' is longer than the API reads in one value (at most 20,000,000 characters)");
    }

    /** A range's ends are named the same way on every API: a day (UTC) or an instant; anything else names the field. */
    @Test
    void ticketListsTakeDaysAsTheAuditTrailDoes() throws Exception {
        HttpResponse<String> days = http.get(TICKETS + "?from=2026-12-01&to=2026-12-01", USER, PASSWORD);
        assertThat(days.statusCode()).as(days.body()).isEqualTo(200);
        HttpResponse<String> instants = http.get(TICKETS + "?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z", USER,
                PASSWORD);
        assertThat(instants.statusCode()).as(instants.body()).isEqualTo(200);
        for (String bad : new String[] {"from=yesterday", "to=2026-13-01"}) {
            JsonNode body = problem(http.get(TICKETS + "?" + bad, USER, PASSWORD), 400);
            String field = bad.substring(0, bad.indexOf('='));
            assertThat(body.path("field").asText()).as(bad).isEqualTo(field);
            assertThat(body.path("message").asText()).as(bad).startsWith(field
                    + " must be a day (2026-12-01) or an instant (2026-12-01T10:00:00Z)");
        }
        // a range that holds nothing is refused as the audit trail refuses it (it answered an empty list), named as
        // written: the audit named the end of the day 'to' stands for, so the two looked equal
        for (String path : new String[] {TICKETS, "/api/v1/audit"}) {
            JsonNode empty = problem(http.get(path + "?from=2026-12-07&to=2026-12-06", "auditor", "auditor-demo"), 400);
            assertThat(empty.path("field").asText()).as(path).isEqualTo("from");
            assertThat(empty.path("message").asText()).as(path)
                    .startsWith("the range from 2026-12-07 to 2026-12-06 holds nothing");
        }
    }

    /**
     * Paths Tomcat refuses itself, before any filter or controller (an encoded slash, backslash or NUL): the API still
     * answers in its JSON shape, not with Tomcat's HTML page; the UI's paths keep a plain page without Tomcat's version.
     */
    @Test
    void pathsTheContainerRefusesAreAnsweredInJsonOnTheApis() throws Exception {
        for (String path : new String[] {TICKETS + "/a%2Fb", TICKETS + "/a%5Cb", TICKETS + "/a%00b",
                "/engine-rest/task/a%2Fb"}) {
            JsonNode body = problem(http.get(path, USER, PASSWORD), 400);
            assertThat(body.path("message").asText()).as(path).startsWith("the request's path cannot be read");
        }
        HttpResponse<String> page = http.get("/tickets/a%2Fb", USER, PASSWORD);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).doesNotContain("\"status\"").doesNotContain("Apache Tomcat/");
    }
}
