package io.tollgate.integrations.servicetree;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tollgate.integrations.servicetree.TreeFixture.idOf;
import static io.tollgate.integrations.servicetree.TreeFixture.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ZooKeeper going away around an apply: the retried job applies the change exactly once. */
class ServiceTreeRestartIT {

    @RegisterExtension
    static final ZooKeeperServer zooKeeper = new ZooKeeperServer();

    private TreeStore store;
    private ServiceTreeChanges changes;


    @BeforeEach
    void importSampleTree() {
        String root = zooKeeper.sampleTree();
        store = new TreeStore(zooKeeper.client(), root);
        changes = new ServiceTreeChanges(zooKeeper.client(), root);
    }

    private static void restart() throws Exception {
        zooKeeper.server().restart();
        assertThat(zooKeeper.client().blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void zooKeeperDownAtApplyIsARetryableFailureAndTheRetryAppliesOnce() throws Exception {
        long api = idOf(store, "/online/loki/api");
        int version = store.read(api).orElseThrow().version();
        ChangePlan plan = changes.validate(new ServiceTreeChange.SetOwners(meta("alice"), api, List.of("user:zoe")));

        zooKeeper.server().stop();
        try {
            assertThatThrownBy(() -> changes.apply(plan))
                    .isInstanceOf(ServiceTreeUnavailableException.class)
                    .hasMessageContaining("safe to retry");
        } finally {
            restart();
        }

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
        restart();
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
        zooKeeper.server().stop();
        try {
            assertThatThrownBy(() -> changes.validate(new ServiceTreeChange.Rename(meta("bob"), api, "api2")))
                    .isInstanceOf(ServiceTreeUnavailableException.class)
                    .hasMessageStartingWith("ZooKeeper is unavailable, could not read node " + api);
        } finally {
            restart();
        }
    }
}
