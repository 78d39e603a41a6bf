package io.tollgate.integrations.servicetree;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.tollgate.integrations.servicetree.TreeFixture.idOf;
import static io.tollgate.integrations.servicetree.TreeFixture.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The UI's cache follows ZooKeeper: applied changes show without a reload. */
class ServiceTreeViewIT {

    @RegisterExtension
    static final ZooKeeperServer zooKeeper = new ZooKeeperServer();

    private TreeStore store;
    private ServiceTreeChanges changes;
    private ServiceTreeView view;


    @BeforeEach
    void loadSampleTree() throws InterruptedException {
        String root = zooKeeper.sampleTree();
        store = new TreeStore(zooKeeper.client(), root);
        view = new ServiceTreeView(zooKeeper.client(), root);
        changes = new ServiceTreeChanges(zooKeeper.client(), root, view);
        view.start();
        assertThat(view.awaitLoaded(Duration.ofSeconds(10))).isTrue();
    }

    @AfterEach
    void closeView() {
        view.close();
    }

    @Test
    void loadsTheTreeWithPathsLevelsAndChildrenByName() {
        NodeView root = view.root().orElseThrow();

        assertThat(view.size()).isEqualTo(11);
        assertThat(root.path()).isEqualTo("/online");
        assertThat(root.level()).isEqualTo(Level.ROOT);
        assertThat(view.children(root.node().id())).extracting(NodeView::path)
                .containsExactly("/online/empty1", "/online/empty2", "/online/loki", "/online/pay");
        assertThat(view.node(idOf(store, "/online/pay/gateway/gz")).orElseThrow().level()).isEqualTo(Level.IDC);
        assertThat(view.childCount(idOf(store, "/online/loki/api"))).isEqualTo(2);
    }

    @Test
    void pagesOfChildrenAreTheSameFromTheIndexAndFromZooKeeperBeforeTheIndexHasLoaded() {
        long root = view.root().orElseThrow().node().id();
        List<String> loaded = view.children(root, 1, 2).stream().map(NodeView::path).toList();
        assertThat(loaded).containsExactly("/online/empty2", "/online/loki");

        // a view that was never started has loaded nothing: it reads ZooKeeper, a page at a time
        try (ServiceTreeView cold = new ServiceTreeView(zooKeeper.client(), store.nodesPath()
                .substring(0, store.nodesPath().length() - "/nodes".length()))) {
            assertThat(cold.isLoaded()).isFalse();
            assertThat(cold.size()).isZero();
            NodeView coldRoot = cold.root().orElseThrow();
            assertThat(coldRoot.path()).isEqualTo("/online");
            assertThat(cold.childCount(root)).isEqualTo(4);
            assertThat(cold.children(root, 1, 2)).extracting(NodeView::path).isEqualTo(loaded);
            assertThat(cold.children(root, 0, 10)).extracting(NodeView::level).containsOnly(Level.PRODUCT_LINE);
            assertThat(cold.children(root, 4, 10)).isEmpty();
            long api = idOf(store, "/online/loki/api");
            assertThat(cold.node(api).orElseThrow().path()).isEqualTo("/online/loki/api");
            assertThat(cold.children(api, 0, 10)).extracting(NodeView::path)
                    .containsExactly("/online/loki/api/bj", "/online/loki/api/sh");
            assertThat(cold.children(api, 0, 10)).extracting(NodeView::level).containsOnly(Level.IDC);
            assertThat(cold.node(987_654_321L)).isEmpty();
        }
    }

    @Test
    void searchesByNameAndSumsUpImpact() {
        assertThat(view.search("EMPTY", 10)).extracting(NodeView::path)
                .containsExactly("/online/empty1", "/online/empty2");
        assertThat(view.search("b", 1)).hasSize(1);
        Impact loki = view.impact(idOf(store, "/online/loki"));
        assertThat(loki.nodes()).isEqualTo(5);
        assertThat(loki.servers()).containsExactlyInAnyOrder("h1", "h2");
        assertThat(loki.urls()).containsExactly("http://api.bj/health");
    }

    @Test
    void appliedChangesShowWithoutReload() throws Exception {
        long api = idOf(store, "/online/loki/api");
        long pay = idOf(store, "/online/pay");
        Set<Long> notified = ConcurrentHashMap.newKeySet();
        try (AutoCloseable subscription = view.onChange(notified::add)) {
            ChangePlan move = changes.validate(new ServiceTreeChange.Move(meta("alice"), api, pay));
            ChangePlan create = changes.validate(new ServiceTreeChange.Create(meta("carol"), pay, "new", null, null));
            assertThat(changes.apply(move).applied()).isTrue();
            assertThat(changes.apply(create).applied()).isTrue();
            long created = create.after().get(0).node().id();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(view.node(api).orElseThrow().path()).isEqualTo("/online/pay/api");
                assertThat(view.children(pay)).extracting(NodeView::path)
                        .containsExactly("/online/pay/api", "/online/pay/gateway", "/online/pay/new");
                assertThat(view.children(idOf(store, "/online/loki"))).extracting(NodeView::path)
                        .containsExactly("/online/loki/web");
                assertThat(notified).contains(api, created);
            });
        }
    }

    @Test
    void deletedNodesDisappear() {
        long sh = idOf(store, "/online/loki/api/sh");
        ChangePlan delete = changes.validate(new ServiceTreeChange.Delete(meta("bob"), sh));
        assertThat(delete.impact()).isEqualTo(new Impact(1, List.of(), List.of()));

        assertThat(changes.apply(delete).applied()).isTrue();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(view.node(sh)).isEmpty();
            assertThat(view.childCount(idOf(store, "/online/loki/api"))).isEqualTo(1);
        });
    }
}
