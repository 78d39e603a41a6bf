package io.tollgate.integrations.servicetree;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tollgate.integrations.servicetree.TreeFixture.idOf;
import static io.tollgate.integrations.servicetree.TreeFixture.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ZooKeeper going away around an apply: the retried job applies the change exactly once. */
class ServiceTreeRestartIT {

    private static TestingServer server;
    private static CuratorFramework client;

    private TreeStore store;
    private ServiceTreeChanges changes;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer();
        client = TreeFixture.client(server);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        client.close();
        server.close();
    }

    @BeforeEach
    void importSampleTree() throws Exception {
        server.restart(); // a test that failed half-way must not leave the next one without a server
        assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        String root = TreeFixture.uniqueRoot();
        new ServiceTreeImporter(client, root).importIfEmpty(TreeFixture.sampleTree());
        store = new TreeStore(client, root);
        changes = new ServiceTreeChanges(client, root);
    }

    @Test
    void zooKeeperDownAtApplyIsARetryableFailureAndTheRetryAppliesOnce() throws Exception {
        long api = idOf(store, "/online/loki/api");
        int version = store.read(api).orElseThrow().version();
        ChangePlan plan = changes.validate(new ServiceTreeChange.SetOwners(meta("alice"), api, List.of("user:zoe")));

        server.stop();
        assertThatThrownBy(() -> changes.apply(plan))
                .isInstanceOf(ServiceTreeUnavailableException.class)
                .hasMessageContaining("safe to retry");
        server.restart();
        assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();

        ApplyResult retry = changes.apply(plan);
        ApplyResult again = changes.apply(plan);

        assertThat(retry.applied()).isTrue();
        assertThat(retry.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(store.read(api).orElseThrow()).satisfies(now -> {
            assertThat(now.version()).isEqualTo(version + 1);
            assertThat(now.node().owners()).containsExactly("user:zoe");
        });
    }

    @Test
    void aJobRerunAfterZooKeeperRestartedPastTheCommitDoesNotApplyAgain() throws Exception {
        long api = idOf(store, "/online/loki/api");
        ChangePlan plan = changes.validate(new ServiceTreeChange.Create(meta("bob"), api, "gz", null, null));

        ApplyResult first = changes.apply(plan); // committed, but the job's completion is lost with the restart
        server.restart();
        assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        ApplyResult rerun = changes.apply(plan);

        assertThat(first.applied()).isTrue();
        assertThat(rerun.applied()).isTrue();
        assertThat(rerun.replayed()).isTrue();
        assertThat(rerun.appliedAt()).isEqualTo(first.appliedAt());
        assertThat(store.childIds(api)).hasSize(3);
        assertThat(changes.verify(plan).matchesPlan()).isTrue();
    }

    @Test
    void validationWhileZooKeeperIsDownIsARetryableFailure() throws Exception {
        long api = idOf(store, "/online/loki/api");
        server.stop();

        assertThatThrownBy(() -> changes.validate(new ServiceTreeChange.Rename(meta("bob"), api, "api2")))
                .isInstanceOf(ServiceTreeUnavailableException.class)
                .hasMessageStartingWith("ZooKeeper is unavailable, could not read node " + api);
    }
}
