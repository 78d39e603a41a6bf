package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;

import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Camunda's REST API and webapps are served but locked down; Camunda Modeler can deploy as a process owner. */
@TollgateAppTest
class EngineSecurityIT {

    @LocalServerPort int port;
    @Autowired RepositoryService repositoryService;
    @Autowired Accounts accounts;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private static String demo(Role role) {
        return role.groupId() + "-demo";
    }

    private HttpResponse<String> modelerDeploy(String user, String password) throws Exception {
        byte[] bpmn;
        try (InputStream in = getClass().getResourceAsStream("/modeler-deployment.bpmn")) {
            bpmn = in.readAllBytes();
        }
        // each call deploys a changed model (a new name), so deploy-changed-only really deploys it
        String changed = new String(bpmn, java.nio.charset.StandardCharsets.UTF_8)
                .replace("Modeler deployment check", "Modeler deployment check " + java.util.UUID.randomUUID());
        return http.postMultipart("/engine-rest/deployment/create", user, password, new String[][] {
                {"deployment-name", "modeler-check"},
                {"deployment-source", "Camunda Modeler"},
                {"deploy-changed-only", "true"}}, "modeler-deployment.bpmn",
                changed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void engineRestWithoutCredentialsIsUnauthorized() throws Exception {
        HttpResponse<String> response = http.get("/engine-rest/deployment", null, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(http.get("/engine-rest/deployment", "engineer", "wrong-password").statusCode()).isEqualTo(401);
    }

    @Test
    void processOwnerDeploysLikeCamundaModeler() throws Exception {
        String user = Role.PROCESS_OWNER.groupId();
        HttpResponse<String> probe = http.get("/engine-rest/deployment?maxResults=0", user, demo(Role.PROCESS_OWNER));
        assertThat(probe.statusCode()).isEqualTo(200);

        HttpResponse<String> deployed = modelerDeploy(user, demo(Role.PROCESS_OWNER));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        assertThat(deployed.body()).contains("\"name\":\"modeler-check\"").contains("modelerDeploymentCheck");
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("modelerDeploymentCheck").count())
                .isPositive();
    }

    @Test
    void everyoneElseGetsForbiddenOnDeployment() throws Exception {
        for (Role role : EnumSet.of(Role.ENGINEER, Role.REVIEWER, Role.DBA, Role.SRE, Role.AUDITOR)) {
            assertThat(modelerDeploy(role.groupId(), demo(role)).statusCode()).as(role.name()).isEqualTo(403);
        }
        assertThat(modelerDeploy("admin", demo(Role.ADMIN)).statusCode()).isEqualTo(200);
    }

    @Test
    void auditorsReadButChangeNothing() throws Exception {
        String auditor = Role.AUDITOR.groupId();
        assertThat(http.get("/engine-rest/deployment?maxResults=0", auditor, demo(Role.AUDITOR)).statusCode()).isEqualTo(200);
        assertThat(http.get("/engine-rest/history/process-instance/count", auditor, demo(Role.AUDITOR)).statusCode())
                .isEqualTo(200);
        String someDeployment = modelerDeploy("process-owner", demo(Role.PROCESS_OWNER)).body()
                .replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
        assertThat(http.delete("/engine-rest/deployment/" + someDeployment, auditor, demo(Role.AUDITOR)).statusCode())
                .isEqualTo(403);
        assertThat(repositoryService.createDeploymentQuery().deploymentId(someDeployment).count()).isEqualTo(1);
    }

    @Test
    void engineersCannotEvenReadTheEngineApi() throws Exception {
        assertThat(http.get("/engine-rest/task", "engineer", demo(Role.ENGINEER)).statusCode()).isEqualTo(403);
        assertThat(http.get("/engine-rest/deployment", "reviewer", demo(Role.REVIEWER)).statusCode()).isEqualTo(403);
    }

    @Test
    void cockpitIsForProcessOwnersAuditorsAndAdmins() throws Exception {
        assertThat(http.get("/camunda/app/cockpit/default/", "auditor", demo(Role.AUDITOR)).statusCode()).isEqualTo(200);
        assertThat(http.get("/camunda/app/cockpit/default/", "engineer", demo(Role.ENGINEER)).statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = http.get("/camunda/app/cockpit/default/", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void adminWebappSetupAndCamundaOwnLoginAreClosed() throws Exception {
        assertThat(http.post("/camunda/api/admin/setup/default/user/create", "admin", demo(Role.ADMIN)).statusCode())
                .isEqualTo(403);
        assertThat(http.post("/camunda/api/admin/auth/user/default/login/cockpit", "admin", demo(Role.ADMIN)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void ciPipelinesReviewSqlOverTheRestApiWithBasicAuth() throws Exception {
        String body = "{\"sql\": \"DELETE FROM orders;\", \"environment\": \"PROD\"}";
        HttpResponse<String> reviewed = http.postJson("/api/v1/review", "engineer", demo(Role.ENGINEER), body);
        assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
        assertThat(reviewed.body()).contains("stmt.dml-without-where").contains("\"errors\":1");
        assertThat(http.postJson("/api/v1/review", null, null, body).statusCode()).isEqualTo(401);
    }

    /**
     * A refused call on Camunda's APIs is evidence like one on Tollgate's: the auditor finds who tried what and why.
     * Before, only Tollgate's own API recorded its 403s; a reviewer completing a task over {@code /engine-rest} left
     * no trace.
     */
    @Test
    void refusedCallsOnCamundasApisAreInTheTrail() throws Exception {
        String marker = "t" + java.util.UUID.randomUUID().toString().replace("-", "");
        // a reviewer, whose roles do not reach the engine's API at all
        assertThat(http.postJson("/engine-rest/task/" + marker + "/complete", "reviewer", demo(Role.REVIEWER), "{}")
                .statusCode()).isEqualTo(403);
        // a process owner, who reaches it, on a call its allow-list refuses
        assertThat(http.postJson("/engine-rest/task/" + marker + "/complete", "process-owner",
                demo(Role.PROCESS_OWNER), "{}").statusCode()).isEqualTo(403);
        // an engineer on Cockpit's own API
        assertThat(http.get("/camunda/api/engine/engine/default/task/" + marker, "engineer", demo(Role.ENGINEER))
                .statusCode()).isEqualTo(403);

        List<java.util.Map<String, Object>> entries = jdbc.queryForList("SELECT actor, kind, summary, payload"
                + " FROM audit_entry WHERE subject_id LIKE ? ORDER BY id", "%" + marker + "%");
        assertThat(entries).extracting(e -> e.get("actor")).containsExactly("reviewer", "process-owner", "engineer");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get("kind")).isEqualTo("access.forbidden");
            assertThat((String) e.get("summary")).contains("was refused", marker);
        });
        assertThat((String) entries.get(0).get("payload")).contains("/engine-rest/task/" + marker + "/complete",
                "POST", "process owners, auditors and admins");
        assertThat((String) entries.get(1).get("payload")).contains("allow");
    }

    /** A name of thousands of characters typed at sign-in was a 500 (the throttle's key overflowed) and no record. */
    @Test
    void aVeryLongNameIsAPlainRefusalAndRecorded() throws Exception {
        String name = "L".repeat(5000);
        HttpResponse<String> refused = http.get("/api/v1/tickets", name, "x");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE kind = 'sign-in.failed'"
                + " AND actor LIKE 'LLLL%(5000 characters)'", Integer.class)).isPositive();
    }

    @Test
    void repeatedFailedSignInsSlowDownTheirAddressNotTheAccount() throws Exception {
        accounts.createLocal("locky", "correct-horse", "Locky", null, EnumSet.of(Role.PROCESS_OWNER));
        String probe = "/engine-rest/deployment?maxResults=0";
        assertThat(http.get(probe, "locky", "correct-horse").statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(http.get(probe, "locky", "wrong-" + i).statusCode()).isEqualTo(401);
            assertThat(http.get(probe, "nobody-" + i, "wrong").statusCode()).isEqualTo(401);
        }
        // from this address the right password waits too (30 s, then longer), and the answer is the same 401 as for
        // a name that does not exist: nothing tells which names exist
        HttpResponse<String> waiting = http.get(probe, "locky", "correct-horse");
        assertThat(waiting.statusCode()).isEqualTo(401);
        assertThat(waiting.body()).isEqualTo(http.get(probe, "nobody-0", "wrong").body());
        // from another address the owner signs in: nobody can lock someone else out
        assertThat(statusFrom("127.0.0.2", probe, "locky", "correct-horse")).isEqualTo(200);
        assertThat(accounts.find("locky").orElseThrow().locked()).isFalse();
        // an admin's unlock lets this address try again at once
        accounts.unlock("locky");
        assertThat(http.get(probe, "locky", "correct-horse").statusCode()).isEqualTo(200);
    }

    /** A request sent from another loopback address (the JDK's HTTP client cannot choose its own). */
    private int statusFrom(String localAddress, String path, String user, String password) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getByName("127.0.0.1"), port,
                java.net.InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                    + basic + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    /**
     * Another site cannot post a visitor's browser into an account (login CSRF) with a form of its own: Vaadin's
     * login form carries no CSRF token, so a sign-in must come from Tollgate's own host (Origin, Sec-Fetch-Site).
     */
    @Test
    void signInWithoutTheFormsCsrfTokenIsRefused() throws Exception {
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        java.net.URI login = java.net.URI.create("http://localhost:" + port + "/login");
        browser.send(java.net.http.HttpRequest.newBuilder(login).GET().build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> forged = browser.send(java.net.http.HttpRequest.newBuilder(login)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://elsewhere.example")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=admin&password=admin-demo"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).as(forged.headers().map().toString()).isEqualTo(403);
        HttpResponse<String> home = browser.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/tickets")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).as("still signed out").isIn(302, 401);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        HttpResponse<String> crossSite = browser.send(java.net.http.HttpRequest.newBuilder(login)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "cross-site")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=admin&password=admin-demo"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).isEqualTo(403);

        HttpResponse<String> own = browser.send(java.net.http.HttpRequest.newBuilder(login)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://localhost:" + port).header("Sec-Fetch-Site", "same-origin")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=admin&password=admin-demo"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).isEqualTo(302);
        assertThat(own.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    }

    /**
     * Vaadin reads a UI message whole, and the login page takes messages before anyone signs in: one 300 MB message ran
     * the node out of heap, and so did 300 MB of fragments of one message over a push websocket. Before signing in a
     * message may be 1 MiB, after it 64 MiB (the SQL editor sends its script); push runs over HTTP only.
     */
    @Test
    void theUiReadsNoLargeMessageFromSomeoneNotSignedIn() throws Exception {
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        String base = "http://localhost:" + port;
        browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> init = browser.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/?v-r=init&location=login&query=")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(init.statusCode()).isEqualTo(200);
        java.net.URI uidl = java.net.URI.create(base + "/?v-r=uidl&v-uiId=0");
        byte[] big = ("{\"csrfToken\":\"x\",\"rpc\":[],\"syncId\":0,\"clientId\":0,\"pad\":\""
                + "y".repeat(1024 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (java.net.http.HttpRequest.BodyPublisher body : List.of(
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(big),
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))) {
            HttpResponse<String> refused = browser.send(java.net.http.HttpRequest.newBuilder(uidl)
                    .header("Content-Type", "application/json; charset=UTF-8").POST(body).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
            assertThat(refused.body()).contains("may be at most 1048576 bytes (1 MiB)");
        }

        // push goes over HTTP, where the same limit holds; no websocket takes messages put together from fragments
        java.util.regex.Matcher pushId = java.util.regex.Pattern.compile("\"Vaadin-Push-ID\":\"([^\"]+)\"")
                .matcher(init.body());
        assertThat(pushId.find()).as(init.body()).isTrue();
        String push = "/VAADIN/push?v-r=push&v-uiId=0&v-pushId=" + pushId.group(1)
                + "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=3.0.5-javascript";
        HttpResponse<String> pushed = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + push
                        + "&X-Atmosphere-Transport=long-polling"))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(413);
        java.util.concurrent.CompletableFuture<java.net.http.WebSocket> websocket = browser.newWebSocketBuilder()
                .buildAsync(java.net.URI.create("ws://localhost:" + port + push + "&X-Atmosphere-Transport=websocket"),
                        new java.net.http.WebSocket.Listener() { });
        assertThat(websocket).failsWithin(java.time.Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(java.net.http.WebSocketHandshakeException.class);

        HttpResponse<String> signedIn = browser.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", base).header("Sec-Fetch-Site", "same-origin")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=admin&password=admin-demo"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> read = browser.send(java.net.http.HttpRequest.newBuilder(uidl)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as("signed in, the same message is Vaadin's to read").isNotEqualTo(413);
    }
}
