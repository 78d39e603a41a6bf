package io.tollgate.engine.servicetree.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.tollgate.engine.ApiProblem;
import io.tollgate.integrations.servicetree.ServiceTreeImporter;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** The import entry point against a real ZooKeeper server; the background import runs on the caller's thread here. */
class ServiceTreeImportControllerIT {

    private static TestingServer server;
    private static CuratorFramework client;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer();
        client = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryNTimes(2, 100));
        client.start();
        assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void importsADocumentIntoAnEmptyTreeOnceAndReportsItsProgress() throws Exception {
        ServiceTreeImporter importer = new ServiceTreeImporter(client, "/it/" + UUID.randomUUID());
        ServiceTreeImportController controller = new ServiceTreeImportController(importer, Runnable::run);
        String document = """
                {"name": "online", "owners": ["group:sre"], "children": [
                  {"name": "pay", "children": [{"name": "gateway", "children": [
                    {"name": "bj", "servers": [{"hostname": "gw-bj-1", "trafficRatio": 1}]}]}]}]}
                """;

        ResponseEntity<?> started = controller.start(body(document), "admin");

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getHeaders().getLocation()).hasPath(ServiceTreeImportController.IMPORT);
        ServiceTreeImporter.Progress progress = importer.progress();
        assertThat(progress.phase()).isEqualTo(ServiceTreeImporter.Phase.DONE);
        assertThat(progress.done()).isEqualTo(4);
        assertThat(progress.message()).isEqualTo("imported 4 nodes, root 'online'");

        ResponseEntity<?> again = controller.start(body(document), "admin");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(((ApiProblem) again.getBody()).message()).contains("the service tree is not empty");
    }

    @Test
    void aDocumentThatBreaksTheRulesEndsRefusedWithWhatIsWrongAndWritesNothing() throws Exception {
        ServiceTreeImporter importer = new ServiceTreeImporter(client, "/it/" + UUID.randomUUID());
        ServiceTreeImportController controller = new ServiceTreeImportController(importer, Runnable::run);

        ResponseEntity<?> started = controller.start(body("name: online\nchildren:\n  - name: bad name\n"), "admin");

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(importer.progress().phase()).isEqualTo(ServiceTreeImporter.Phase.REFUSED);
        assertThat(importer.progress().message())
                .contains("/online/bad name: name 'bad name' may only contain")
                .endsWith("(nothing was imported)");
        assertThat(importer.isEmpty()).isTrue();
    }

    private static ByteArrayInputStream body(String document) {
        return new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8));
    }
}
