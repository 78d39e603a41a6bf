package io.tollgate.integrations.servicetree;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tollgate.integrations.servicetree.TreeFixture.idOf;
import static io.tollgate.integrations.servicetree.TreeFixture.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A corrupted tree (written straight into ZooKeeper, as a bug or a hand edit could) must not hang any walk: a node
 * whose parent chain loops. Each walk runs with a bound and ends, with an answer or a clear refusal.
 */
class ServiceTreeCycleIT {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @RegisterExtension
    static final ZooKeeperServer zooKeeper = new ZooKeeperServer();

    private String root;
    private TreeStore store;
    private ServiceTreeView view;
    private long line;
    private long api;
    private long bj;

    /** /online/loki/api becomes a child of its own child bj: api → bj → api → ... */
    @BeforeEach
    void corruptTheTree() throws Exception {
        root = zooKeeper.sampleTree();
        store = new TreeStore(zooKeeper.client(), root);
        line = idOf(store, "/online/loki");
        api = idOf(store, "/online/loki/api");
        bj = idOf(store, "/online/loki/api/bj");
        TreeNode loops = store.read(api).orElseThrow().node().withParentId(bj);
        zooKeeper.client().setData().forPath(store.nodePath(api), Json.write(loops));
        zooKeeper.client().create().forPath(store.namePath(bj, "api"),
                Long.toString(api).getBytes(StandardCharsets.UTF_8));
        view = new ServiceTreeView(zooKeeper.client(), root);
        view.start();
        assertThat(view.awaitLoaded(Duration.ofSeconds(20))).isTrue();
    }

    @AfterEach
    void closeView() {
        view.close();
    }

    @Test
    void validatingAChangeOnALoopingChainIsRefusedAsCorrupted() {
        ServiceTreeChanges changes = new ServiceTreeChanges(zooKeeper.client(), root);

        ChangePlan plan = assertTimeoutPreemptively(BOUND, () -> changes.validate(
                new ServiceTreeChange.SetAttributes(meta("bob"), bj, Map.of("rack", "r1"))));

        assertThat(plan.valid()).isFalse();
        assertThat(plan.violations()).singleElement().asString().contains("corrupted").contains("loops");
    }

    @Test
    void theImpactOfASubtreeWithALoopEndsWhetherWalkedInZooKeeperOrInTheCache() {
        ServiceTreeChanges walking = new ServiceTreeChanges(zooKeeper.client(), root);
        ServiceTreeChanges cached = new ServiceTreeChanges(zooKeeper.client(), root, view);

        // the product line's own chain is sound; its subtree holds the loop
        for (ServiceTreeChanges changes : List.of(walking, cached)) {
            ChangePlan plan = assertTimeoutPreemptively(BOUND, () -> changes.validate(
                    new ServiceTreeChange.SetAttributes(meta("bob"), line, Map.of("cost-center", "x"))));
            assertThat(plan.impact().nodes()).isBetween(1, 10);
        }
        Impact impact = assertTimeoutPreemptively(BOUND, () -> view.impact(api));
        assertThat(impact.nodes()).isEqualTo(3); // api, bj and sh, each once
        assertThat(assertTimeoutPreemptively(BOUND, () -> store.subtree(store.read(api).orElseThrow().node()))
                .ids()).containsOnlyOnce(api, bj);
    }

    @Test
    void theChainEndsWithAClearRefusal() {
        assertThatThrownBy(() -> assertTimeoutPreemptively(BOUND, () -> store.chain(bj)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("corrupted").hasMessageContaining("node " + bj);
    }

    @Test
    void theCacheStillAnswersPathsSearchesAndChildren() {
        NodeView node = assertTimeoutPreemptively(BOUND, () -> view.node(bj).orElseThrow());
        assertThat(node.path()).contains("bj");
        assertTimeoutPreemptively(BOUND, () -> view.search("", 100));
        assertTimeoutPreemptively(BOUND, () -> view.children(bj));
        assertTimeoutPreemptively(BOUND, () -> view.children(api));
    }

    @Test
    void verifyingAPlanOnALoopingChainEndsAndSaysItDoesNotMatch() {
        ServiceTreeChanges changes = new ServiceTreeChanges(zooKeeper.client(), root);
        long sh = idOf(store, "/online/loki/api/sh");
        ChangePlan plan = changes.validate(new ServiceTreeChange.SetAttributes(meta("bob"), line,
                Map.of("cost-center", "y")));
        assertThat(plan.valid()).isTrue();
        NodeView shAsPlanned = new NodeView(store.read(sh).orElseThrow().node(), "/online/loki/api/sh", Level.IDC);
        ChangePlan onTheLoop = new ChangePlan(plan.change(), List.of(), List.of(shAsPlanned), List.of(shAsPlanned),
                "", List.of(), List.of(), false, Impact.none());

        Verification verification = assertTimeoutPreemptively(BOUND, () -> changes.verify(onTheLoop));

        assertThat(verification.matchesPlan()).isFalse();
    }
}
