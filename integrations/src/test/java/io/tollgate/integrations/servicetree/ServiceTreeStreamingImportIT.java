package io.tollgate.integrations.servicetree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tollgate.integrations.servicetree.TreeFixture.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Large documents are streamed: checked first, then written in transactions, with progress; failures leave nothing. */
class ServiceTreeStreamingImportIT {

    @RegisterExtension
    static final ZooKeeperServer zooKeeper = new ZooKeeperServer();

    /** SnakeYAML's default limit, which a 17 MB bootstrap file used to hit. */
    private static final int YAML_CODE_POINT_LIMIT = 3 * 1024 * 1024;

    @Test
    void aYamlDocumentBeyondSnakeYamlsLimitIsImportedAndTheFollowingViewShowsIt() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("# a realistic tree; a YAML comment first, so the YAML parser reads it\n"
                .getBytes(StandardCharsets.UTF_8));
        RealisticTree.Shape shape = RealisticTree.write(20_000, out);
        byte[] document = out.toByteArray();
        assertThat(document.length).isGreaterThan(YAML_CODE_POINT_LIMIT);
        String root = TreeFixture.uniqueRoot();
        List<ServiceTreeImporter.Progress> reported = new ArrayList<>();

        try (ServiceTreeView view = new ServiceTreeView(zooKeeper.client(), root)) {
            ServiceTreeImporter importer = new ServiceTreeImporter(zooKeeper.client(), root, view);
            importer.isEmpty();
            view.start();
            assertThat(view.awaitLoaded(Duration.ofSeconds(30))).isTrue();

            int imported = importer.importIfEmpty(() -> new ByteArrayInputStream(document), reported::add);

            assertThat(imported).isEqualTo(20_000);
            assertThat(reported).extracting(ServiceTreeImporter.Progress::phase)
                    .startsWith(ServiceTreeImporter.Phase.CHECKING)
                    .contains(ServiceTreeImporter.Phase.WRITING)
                    .endsWith(ServiceTreeImporter.Phase.DONE);
            assertThat(reported.get(reported.size() - 1).done()).isEqualTo(20_000);
            assertThat(importer.progress().phase()).isEqualTo(ServiceTreeImporter.Phase.DONE);

            TreeStore store = new TreeStore(zooKeeper.client(), root);
            long big = idOf(store, "/online/pl-00-search/big-service");
            assertThat(store.childCount(big)).isEqualTo(1_000);
            assertThat(store.childCount(store.rootId().orElseThrow())).isEqualTo(shape.lines());
            assertThat(zooKeeper.client().getChildren().forPath(root + "/nodes")).hasSize(20_000);
            assertThat(zooKeeper.client().checkExists().forPath(store.importPath())).isNull();
            assertThat(zooKeeper.client().checkExists().forPath(store.importLockPath())).isNull();
            TreeNode idc = store.read(idOf(store, "/online/pl-00-search/big-service/bj-1")).orElseThrow().node();
            assertThat(idc.servers()).isNotEmpty();
            assertThat(idc.attributes()).containsKey("zone");

            assertThat(view.awaitLoaded(Duration.ofSeconds(60))).isTrue();
            assertThat(view.size()).isEqualTo(20_000);
            assertThat(view.children(big)).hasSize(1_000);
            assertThat(view.node(idc.id()).orElseThrow().path()).isEqualTo("/online/pl-00-search/big-service/bj-1");
            assertThat(view.node(idc.id()).orElseThrow().node()).isEqualTo(idc);
            assertThat(view.impact(store.rootId().orElseThrow()).servers()).hasSize(shape.servers());
        }
    }

    @Test
    void aDocumentThatIsNotATreeIsRefusedWithWhatIsWrongAndNothingIsWritten() {
        String root = TreeFixture.uniqueRoot();
        ServiceTreeImporter importer = new ServiceTreeImporter(zooKeeper.client(), root);
        byte[] truncated = "{\"name\": \"online\", \"children\": [{\"name\": \"a\", \"children\": ["
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> importer.importIfEmpty(() -> new ByteArrayInputStream(truncated), p -> {
        }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid service tree document");
        assertThatThrownBy(() -> importer.importIfEmpty(() -> new ByteArrayInputStream(
                "[1, 2]".getBytes(StandardCharsets.UTF_8)), p -> {
        }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it must be one node (an object with a name and its children), not a list");
        assertThat(importer.progress().phase()).isEqualTo(ServiceTreeImporter.Phase.REFUSED);
        assertThat(importer.progress().message()).endsWith("(nothing was imported)");
        assertThat(importer.isEmpty()).isTrue();
    }

    @Test
    void aRuleBrokenDeepInALargeDocumentIsFoundBeforeAnythingIsWritten() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RealisticTree.write(5_000, out);
        // the last IDC of the document gets a second server with the same host name
        String json = out.toString(StandardCharsets.UTF_8);
        int last = json.lastIndexOf("\"servers\":[");
        String broken = json.substring(0, last) + "\"servers\":[{\"hostname\":\"twice\"},{\"hostname\":\"twice\"}],"
                + "\"x\":[" + json.substring(last + "\"servers\":[".length());
        String root = TreeFixture.uniqueRoot();
        ServiceTreeImporter importer = new ServiceTreeImporter(zooKeeper.client(), root);

        assertThatThrownBy(() -> importer.importIfEmpty(
                () -> new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), p -> {
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server twice is bound to /online/");
        assertThat(importer.isEmpty()).isTrue();
        assertThat(zooKeeper.client().getChildren().forPath(root + "/nodes")).isEmpty();
    }

    @Test
    void aFailureWhileWritingRemovesWhatWasWrittenAndSaysHowFarItGot() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RealisticTree.write(3_000, out);
        byte[] document = out.toByteArray();
        // the second read (the writing pass) breaks off after two thirds of the document
        byte[] cut = Arrays.copyOf(document, document.length * 2 / 3);
        AtomicInteger opened = new AtomicInteger();
        ServiceTreeImporter.Source source = () -> new ByteArrayInputStream(
                opened.getAndIncrement() == 0 ? document : cut);
        String root = TreeFixture.uniqueRoot();
        ServiceTreeImporter importer = new ServiceTreeImporter(zooKeeper.client(), root);

        assertThatThrownBy(() -> importer.importIfEmpty(source, p -> {
        }))
                .isInstanceOf(ServiceTreeImporter.ImportFailedException.class)
                .hasMessageStartingWith("the service tree import failed after writing ")
                .hasMessageFindingMatch("after writing [1-9][0-9]* of 3000 nodes: not a valid service tree document")
                .hasMessageContaining("the nodes it wrote were removed, the tree is empty again");
        assertThat(importer.progress().phase()).isEqualTo(ServiceTreeImporter.Phase.FAILED);
        TreeStore store = new TreeStore(zooKeeper.client(), root);
        assertThat(importer.isEmpty()).isTrue();
        assertThat(zooKeeper.client().getChildren().forPath(root + "/nodes")).isEmpty();
        assertThat(zooKeeper.client().getChildren().forPath(root + "/children")).containsExactly("0");
        assertThat(zooKeeper.client().checkExists().forPath(store.importPath())).isNull();

        // and the next import, of the whole document, works
        assertThat(importer.importIfEmpty(() -> new ByteArrayInputStream(document), p -> {
        })).isEqualTo(3_000);
    }

    @Test
    void theNextImportRemovesWhatAnImportThatDiedLeft() throws Exception {
        String root = TreeFixture.uniqueRoot();
        ServiceTreeImporter importer = new ServiceTreeImporter(zooKeeper.client(), root);
        TreeStore store = new TreeStore(zooKeeper.client(), root);
        importer.isEmpty();
        // what a process killed while writing leaves: its record and some nodes, no root
        long first = new IdAllocator(store).allocate(10);
        zooKeeper.client().create().forPath(store.importPath(),
                Json.write(new ServiceTreeImporter.ImportRecord(first, 10, Instant.now())));
        zooKeeper.client().create().forPath(store.childrenPath(first));
        zooKeeper.client().create().forPath(store.childrenPath(first + 1));
        zooKeeper.client().create().forPath(store.namePath(first, "left"), "x".getBytes(StandardCharsets.UTF_8));
        zooKeeper.client().create().forPath(store.nodePath(first + 1), Json.write(
                new TreeNode(first + 1, "left", first, null, null, null, null)));

        int imported;
        try (InputStream demo = getClass().getResourceAsStream("demo-tree.yaml")) {
            imported = importer.importIfEmpty(ServiceTreeImporter.read(demo));
        }

        assertThat(imported).isEqualTo(13);
        assertThat(zooKeeper.client().getChildren().forPath(root + "/nodes")).hasSize(13)
                .doesNotContain(Long.toString(first + 1));
        assertThat(zooKeeper.client().checkExists().forPath(store.childrenPath(first))).isNull();
        assertThat(zooKeeper.client().checkExists().forPath(store.importPath())).isNull();
    }
}
