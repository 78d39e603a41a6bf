package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.instance.InstanceForm;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.review.Environment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/v1/instances/{instance}/databases...} over a real MariaDB: databases without the system schemas,
 * a table's columns (defaults, keys, comments) and indexes (composite, prefix, unique) in order; 403 for a person who
 * may neither submit tickets nor self-check; 404 with a sentence for unknown or hostile names (bound, never run);
 * 502 when the instance cannot be reached.
 */
@TollgateAppTest
class InstanceSchemaApiIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_schema_");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired TargetInstances instances;
    Http http;

    @BeforeAll
    static void tables() throws Exception {
        TARGET.sql("CREATE TABLE articles (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'row id',"
                + " author VARCHAR(64) NOT NULL COMMENT 'who wrote it', slug VARCHAR(190) NOT NULL,"
                + " title VARCHAR(255) NOT NULL DEFAULT 'untitled', created_at DATETIME NULL,"
                + " PRIMARY KEY (id), UNIQUE KEY uk_slug (slug), KEY idx_author_created (author, created_at),"
                + " KEY idx_title_prefix (title(20))) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='blog articles'");
        TARGET.sql("CREATE TABLE tags (id INT NOT NULL PRIMARY KEY)");
    }

    @BeforeEach
    void client() {
        http = new Http(port);
        TARGET.register(instances);
    }

    private String base() {
        return "/api/v1/instances/" + TARGET.instance + "/databases";
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    @Test
    void listsTheDatabasesWithoutSystemSchemas() throws Exception {
        JsonNode body = json(http.get(base(), "engineer", "engineer-demo"), 200);
        List<String> names = new ArrayList<>();
        body.path("databases").forEach(n -> names.add(n.asText()));
        assertThat(names).contains(TARGET.name)
                .doesNotContain("information_schema", "performance_schema", "mysql", "sys");
        assertThat(body.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void listsTheTablesOfADatabase() throws Exception {
        JsonNode body = json(http.get(base() + "/" + TARGET.name + "/tables", "reviewer", "reviewer-demo"), 200);
        List<String> names = new ArrayList<>();
        body.path("tables").forEach(n -> names.add(n.path("name").asText()));
        assertThat(names).containsExactly("articles", "tags");
        assertThat(body.path("tables").get(0).path("comment").asText()).isEqualTo("blog articles");
    }

    @Test
    void describesColumnsAndIndexesInOrder() throws Exception {
        JsonNode table = json(http.get(base() + "/" + TARGET.name + "/tables/articles", "engineer", "engineer-demo"),
                200);
        assertThat(table.path("comment").asText()).isEqualTo("blog articles");
        JsonNode columns = table.path("columns");
        assertThat(columns).hasSize(5);
        assertThat(columns.get(0).path("name").asText()).isEqualTo("id");
        assertThat(columns.get(0).path("key").asText()).isEqualTo("PRI");
        assertThat(columns.get(0).path("comment").asText()).isEqualTo("row id");
        assertThat(columns.get(0).path("extra").asText()).contains("auto_increment");
        assertThat(columns.get(1).path("comment").asText()).isEqualTo("who wrote it");
        assertThat(columns.get(1).path("nullable").asBoolean()).isFalse();
        assertThat(columns.get(2).path("key").asText()).isEqualTo("UNI");
        assertThat(columns.get(3).path("defaultValue").asText()).contains("untitled");
        assertThat(columns.get(4).path("nullable").asBoolean()).isTrue();

        JsonNode indexes = table.path("indexes");
        List<String> names = new ArrayList<>();
        indexes.forEach(i -> names.add(i.path("name").asText()));
        assertThat(names).containsExactly("PRIMARY", "idx_author_created", "idx_title_prefix", "uk_slug");
        JsonNode composite = indexes.get(1);
        assertThat(composite.path("unique").asBoolean()).isFalse();
        assertThat(composite.path("parts").get(0).path("column").asText()).isEqualTo("author");
        assertThat(composite.path("parts").get(1).path("column").asText()).isEqualTo("created_at");
        assertThat(composite.path("parts").get(0).path("prefixLength").isNull()).isTrue();
        JsonNode prefix = indexes.get(2);
        assertThat(prefix.path("parts").get(0).path("column").asText()).isEqualTo("title");
        assertThat(prefix.path("parts").get(0).path("prefixLength").asInt()).isEqualTo(20);
        assertThat(indexes.get(3).path("unique").asBoolean()).isTrue();
        assertThat(indexes.get(0).path("unique").asBoolean()).isTrue();
    }

    @Test
    void aPersonWhoMayNeitherSubmitNorSelfCheckIsRefused() throws Exception {
        for (String who : List.of("auditor", "sre")) {
            JsonNode problem = json(http.get(base(), who, who + "-demo"), 403);
            assertThat(problem.path("status").asInt()).isEqualTo(403);
            assertThat(problem.path("message").asText()).contains(who).contains("may not read the schemas");
            json(http.get(base() + "/" + TARGET.name + "/tables/articles", who, who + "-demo"), 403);
        }
    }

    @Test
    void unknownAndHostileNamesAreNotFoundAndNothingIsRun() throws Exception {
        JsonNode noInstance = json(http.get("/api/v1/instances/no-such-instance/databases", "engineer",
                "engineer-demo"), 404);
        assertThat(noInstance.path("message").asText()).isEqualTo("no instance named 'no-such-instance' is registered");

        // a semicolon in a path is refused by the firewall before any controller sees it, in the one error shape
        JsonNode semicolon = json(http.get(base() + "/" + encode("`; DROP DATABASE " + TARGET.name) + "/tables",
                "engineer", "engineer-demo"), 400);
        assertThat(semicolon.path("message").asText()).contains("refused");
        String hostile = "` OR 1=1 UNION SELECT 1 -- ";
        JsonNode badDb = json(http.get(base() + "/" + encode(hostile) + "/tables", "engineer", "engineer-demo"), 404);
        assertThat(badDb.path("message").asText()).isEqualTo("no database '" + hostile + "' on instance '"
                + TARGET.instance + "' (system schemas are not offered)");
        JsonNode badTable = json(http.get(base() + "/" + TARGET.name + "/tables/" + encode("articles` WHERE 1=1 -- ")
                , "engineer", "engineer-demo"), 404);
        assertThat(badTable.path("message").asText()).startsWith("no table 'articles` WHERE 1=1 -- ' in database");
        JsonNode system = json(http.get(base() + "/mysql/tables", "engineer", "engineer-demo"), 404);
        assertThat(system.path("message").asText()).contains("system schemas are not offered");
        JsonNode tooLong = json(http.get(base() + "/" + "d".repeat(65) + "/tables", "engineer", "engineer-demo"), 400);
        assertThat(tooLong.path("field").asText()).isEqualTo("database");
        // the hostile names were bound, never run: both tables and the database are still there
        assertThat(TARGET.query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                + TARGET.name + "'")).isEqualTo("2");
    }

    @Test
    void anUnreachableInstanceAnswersBadGatewayWithTheReason() throws Exception {
        if (instances.find("schema-unreachable").isEmpty()) {
            instances.register(new InstanceForm("schema-unreachable", "127.0.0.1", 1, "nobody", "pw", Environment.DEV,
                    false, Role.REVIEWER.groupId()), "admin");
        }
        JsonNode problem = json(http.get("/api/v1/instances/schema-unreachable/databases", "engineer",
                "engineer-demo"), 502);
        assertThat(problem.path("error").asText()).isEqualTo("Bad Gateway");
        assertThat(problem.path("message").asText()).startsWith("Instance 'schema-unreachable' cannot be read now:");
    }
}
