package io.tollgate.integrations.servicetree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.tollgate.integrations.servicetree.TreeFixture.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceTreeImporterIT {

    @RegisterExtension
    static final ZooKeeperServer zooKeeper = new ZooKeeperServer();


    @Test
    void importsTheYamlDemoTreeOnceOnly() throws Exception {
        String root = TreeFixture.uniqueRoot();
        ServiceTreeImporter importer = new ServiceTreeImporter(zooKeeper.client(), root);
        TreeSpec demo;
        try (InputStream in = getClass().getResourceAsStream("demo-tree.yaml")) {
            demo = ServiceTreeImporter.read(in);
        }

        assertThat(importer.isEmpty()).isTrue();
        assertThat(importer.importIfEmpty(demo)).isEqualTo(13);
        assertThat(importer.importIfEmpty(demo)).isZero();

        TreeStore store = new TreeStore(zooKeeper.client(), root);
        TreeNode bj = store.read(idOf(store, "/online/loki/api/bj")).orElseThrow().node();
        assertThat(bj.servers()).extracting(Server::hostname).containsExactly("loki-api-bj-01", "loki-api-bj-02");
        assertThat(bj.urls()).containsExactly("http://loki-api.bj.example.com/health");
        assertThat(store.read(idOf(store, "/online/支付/gateway/gz")).orElseThrow().node().servers())
                .containsExactly(new Server("pay-gw-gz-01", false, new BigDecimal("0.7")));
    }

    @Test
    void importsJson() {
        String json = """
                {"name": "online", "owners": ["group:sre"], "children": [
                  {"name": "a", "children": [{"name": "b", "children": [
                    {"name": "c", "servers": [{"hostname": "h", "trafficRatio": 1, "offline": true}]}]}]}]}
                """;
        String root = TreeFixture.uniqueRoot();

        int imported = new ServiceTreeImporter(zooKeeper.client(), root).importIfEmpty(read(json));

        TreeStore store = new TreeStore(zooKeeper.client(), root);
        assertThat(imported).isEqualTo(4);
        assertThat(store.read(idOf(store, "/online/a/b/c")).orElseThrow().node().servers())
                .singleElement().extracting(Server::offline).isEqualTo(true);
    }

    @Test
    void aLargeTreeIsWrittenInSeveralTransactions() {
        List<TreeSpec> services = java.util.stream.IntStream.range(0, 700)
                .mapToObj(i -> TreeFixture.node("s" + i, List.of())).toList();
        TreeSpec tree = new TreeSpec("online", null, null, null, null,
                List.of(new TreeSpec("line", null, null, null, null, services)));
        String root = TreeFixture.uniqueRoot();

        assertThat(new ServiceTreeImporter(zooKeeper.client(), root).importIfEmpty(tree)).isEqualTo(702);
        TreeStore store = new TreeStore(zooKeeper.client(), root);
        assertThat(store.childCount(idOf(store, "/online/line"))).isEqualTo(700);
    }

    @Test
    void refusesADocumentThatBreaksTheRulesAndWritesNothing() {
        String yaml = """
                name: online
                children:
                  - name: bad name
                  - name: a
                    servers: [{hostname: h, trafficRatio: 0.5}]
                  - name: a
                """;
        String root = TreeFixture.uniqueRoot();
        ServiceTreeImporter importer = new ServiceTreeImporter(zooKeeper.client(), root);

        assertThatThrownBy(() -> importer.importIfEmpty(read(yaml)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/online/bad name: name 'bad name' may only contain")
                .hasMessageContaining("/online/a is a product line: servers and URLs can only be bound to an IDC")
                .hasMessageContaining("/online has two children named a");
        assertThat(importer.isEmpty()).isTrue();
    }

    @Test
    void refusesANameLongerThanTheLimit() {
        String yaml = "name: online\nchildren:\n  - name: " + "x".repeat(1200) + "\n";
        String root = TreeFixture.uniqueRoot();
        ServiceTreeImporter importer = new ServiceTreeImporter(zooKeeper.client(), root);

        assertThatThrownBy(() -> importer.importIfEmpty(read(yaml)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is 1200 characters long; at most " + TreeNode.MAX_NAME_LENGTH);
        assertThat(importer.isEmpty()).isTrue();
    }

    private static TreeSpec read(String document) {
        return ServiceTreeImporter.read(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
    }
}
