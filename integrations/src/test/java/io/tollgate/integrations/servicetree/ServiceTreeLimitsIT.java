package io.tollgate.integrations.servicetree;

import static io.tollgate.integrations.servicetree.TreeFixture.idOf;
import static io.tollgate.integrations.servicetree.TreeFixture.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tollgate.integrations.zookeeper.ZooKeeperReplies;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.retry.RetryNTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ZooKeeper's 1 MB reply limit (issue 13): a listing Tollgate relies on never outgrows what its client accepts. The
 * client is given room for the largest listing the tree's limits allow, and the tree refuses, with the limit in the
 * message, to grow beyond them.
 */
class ServiceTreeLimitsIT {

    @RegisterExtension
    static final ZooKeeperServer zooKeeper = new ZooKeeperServer();

    /** About 1.3 MB of names: beyond the 1 MB a ZooKeeper client accepts by default, as the flat nodes znode was. */
    private static final int WIDE = 120_000;

    @Test
    void aListingBeyondTheDefaultReplyLimitIsReadByTollgatesClient() throws Exception {
        String parent = TreeFixture.uniqueRoot() + "/nodes";
        zooKeeper.client().create().creatingParentsIfNeeded().forPath(parent);
        createChildren(parent, WIDE);

        try (CuratorFramework plain = client(false); CuratorFramework tollgates = client(true)) {
            Throwable refused = catchThrowable(() -> plain.getChildren().forPath(parent));
            assertThat(refused).as("a default client cannot read a reply over 1 MB").isNotNull();

            assertThat(tollgates.getChildren().forPath(parent)).hasSize(WIDE);
        }
    }

    @Test
    void aNodeWithTheMostChildrenTakesNoNewChildNorAMovedOne() throws Exception {
        String root = zooKeeper.sampleTree();
        TreeStore store = new TreeStore(zooKeeper.client(), root);
        long full = idOf(store, "/online/empty1");
        // the limit is counted from the name index, which is what a listing would return
        createChildren(store.childrenPath(full), TreeLimits.MAX_CHILDREN);
        ServiceTreeChanges changes = new ServiceTreeChanges(zooKeeper.client(), root);

        ChangePlan create = changes.validate(new ServiceTreeChange.Create(meta("alice"), full, "one-more",
                List.of(), Map.of()));
        ChangePlan move = changes.validate(new ServiceTreeChange.Move(meta("alice"),
                idOf(store, "/online/loki/web"), full));

        assertThat(create.violations()).containsExactly("/online/empty1 has " + TreeLimits.MAX_CHILDREN
                + " children, the most one node may have (" + TreeLimits.MAX_CHILDREN
                + "): group them under new nodes first");
        assertThat(move.violations()).anySatisfy(v -> assertThat(v).contains("the most one node may have"));
        assertThat(changes.validate(new ServiceTreeChange.Create(meta("alice"), idOf(store, "/online/empty2"),
                "fits", List.of(), Map.of())).violations()).isEmpty();
    }

    @Test
    void aDocumentWithANodeOfTooManyChildrenIsRefusedBeforeAnythingIsWritten() {
        List<TreeSpec> idcs = new ArrayList<>();
        for (int i = 0; i <= TreeLimits.MAX_CHILDREN; i++) {
            idcs.add(TreeFixture.idc("idc-" + i, List.of()));
        }
        TreeSpec tree = TreeFixture.node("online", List.of("group:sre"), TreeFixture.node("line", List.of(),
                new TreeSpec("wide", List.of(), List.of(), List.of(), Map.of(), idcs)));
        String root = TreeFixture.uniqueRoot();
        ServiceTreeImporter importer = new ServiceTreeImporter(zooKeeper.client(), root);

        assertThatThrownBy(() -> importer.importIfEmpty(tree)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/online/line/wide has more than " + TreeLimits.MAX_CHILDREN
                        + " children, the most one node may have");
        assertThat(importer.isEmpty()).isTrue();
    }

    /**
     * ZooKeeper closes the connection on a request over its {@code jute.maxbuffer} (1 MB): a change that large would
     * never apply and would cut every node off ZooKeeper at each retry. Such a change is refused at validation, with
     * the limit; one just under the node limit applies.
     */
    @Test
    void aNodeTooLargeForZooKeeperIsRefusedAtValidation() throws Exception {
        String root = zooKeeper.sampleTree();
        TreeStore store = new TreeStore(zooKeeper.client(), root);
        ServiceTreeChanges changes = new ServiceTreeChanges(zooKeeper.client(), root);
        long sh = idOf(store, "/online/loki/api/sh");

        ChangePlan huge = changes.validate(new ServiceTreeChange.SetAttributes(meta("alice"), sh,
                Map.of("blob", "v".repeat(2_000_000))));
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            owners.add("user:u" + i);
        }
        ChangePlan many = changes.validate(new ServiceTreeChange.SetOwners(meta("alice"), sh, owners));

        assertThat(huge.valid()).isFalse();
        assertThat(huge.violations()).anySatisfy(v -> assertThat(v).startsWith("/online/loki/api/sh would hold 1954 KiB")
                .contains("more than a node may (256 KiB)"));
        assertThat(many.violations()).anySatisfy(v -> assertThat(v).contains("more than a node may"));

        ChangePlan fits = changes.validate(new ServiceTreeChange.SetAttributes(meta("alice"), sh,
                Map.of("blob", "v".repeat(200_000))));
        assertThat(fits.violations()).isEmpty();
        assertThat(changes.apply(fits).outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    }

    /**
     * A plan recorded before these limits (validated by an older Tollgate) is not sent: its apply answers a conflict
     * the requester sees and can withdraw, and ZooKeeper stays connected.
     */
    @Test
    void aPlanTooLargeForOneTransactionIsNotSentToZooKeeper() throws Exception {
        String root = zooKeeper.sampleTree();
        TreeStore store = new TreeStore(zooKeeper.client(), root);
        ServiceTreeChanges changes = new ServiceTreeChanges(zooKeeper.client(), root);
        long sh = idOf(store, "/online/loki/api/sh");
        ChangePlan fits = changes.validate(new ServiceTreeChange.SetAttributes(meta("alice"), sh,
                Map.of("note", "small")));
        NodeView after = fits.after().get(0);
        NodeView oversized = new NodeView(after.node().withAttributes(Map.of("blob", "v".repeat(1_500_000))),
                after.path(), after.level());
        ChangePlan old = new ChangePlan(fits.change(), List.of(), fits.before(), List.of(oversized), fits.diff(),
                fits.reads(), fits.approvers(), fits.critical(), fits.impact());

        ApplyResult result = changes.apply(old);

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONFLICT);
        assertThat(result.message()).contains("more than one change may (512 KiB)").contains("withdraw it");
        assertThat(zooKeeper.client().getZookeeperClient().isConnected()).isTrue();
        assertThat(changes.apply(fits).outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    }

    private static CuratorFramework client(boolean tollgates) throws InterruptedException {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(zooKeeper.server().getConnectString())
                .retryPolicy(new RetryNTimes(1, 100)).connectionTimeoutMs(2_000).sessionTimeoutMs(30_000);
        if (tollgates) {
            builder.zkClientConfig(ZooKeeperReplies.clientConfig());
        }
        CuratorFramework client = builder.build();
        client.start();
        assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        return client;
    }

    /** {@code count} children named by 7-digit numbers, a thousand to a transaction. */
    private static void createChildren(String parent, int count) throws Exception {
        CuratorFramework client = zooKeeper.client();
        for (int from = 0; from < count; from += 1_000) {
            List<CuratorOp> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 1_000); i++) {
                batch.add(client.transactionOp().create().forPath(parent + "/" + (1_000_000 + i)));
            }
            client.transaction().forOperations(batch);
        }
    }
}
