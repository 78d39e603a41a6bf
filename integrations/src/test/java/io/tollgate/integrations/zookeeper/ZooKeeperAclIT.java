package io.tollgate.integrations.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.tollgate.integrations.servicetree.ApplyResult;
import io.tollgate.integrations.servicetree.ChangeMeta;
import io.tollgate.integrations.servicetree.NodeView;
import io.tollgate.integrations.servicetree.ServiceTreeChange;
import io.tollgate.integrations.servicetree.ServiceTreeChanges;
import io.tollgate.integrations.servicetree.ServiceTreeImporter;
import io.tollgate.integrations.servicetree.ServiceTreeView;
import io.tollgate.integrations.servicetree.TreeSpec;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Tollgate's znodes answer to Tollgate's credential only (issue 12), against a real ZooKeeper server: what Tollgate
 * creates carries its digest ACL, a tree created before (world ACLs) is protected at start, and a client without the
 * credential can neither read, write, delete, create nor change ACLs there.
 */
class ZooKeeperAclIT {

    private static final String AUTH = "tollgate:correct-horse-battery-staple";

    private static TestingServer server;
    private static CuratorFramework anonymous;

    @TempDir
    Path dataDir;

    /** A fresh top-level znode per test, so that no test inherits another one's ACLs. */
    private String top;
    private String root;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer();
        anonymous = client(null);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        anonymous.close();
        server.close();
    }

    @BeforeEach
    void freshRoot() {
        top = "/acl-it-" + UUID.randomUUID();
        root = top + "/service-tree";
    }

    private ApplicationContextRunner tollgate(String... properties) {
        return new ApplicationContextRunner()
                .withUserConfiguration(ZooKeeperConfiguration.class)
                .withPropertyValues(
                        "tollgate.zookeeper.connect-string=" + server.getConnectString(),
                        "tollgate.zookeeper.connection-timeout=5s",
                        "tollgate.zookeeper.owned-paths=" + root)
                .withPropertyValues(properties);
    }

    private static CuratorFramework client(String auth) throws InterruptedException {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(server.getConnectString())
                .retryPolicy(new RetryNTimes(2, 100))
                .connectionTimeoutMs(2_000)
                .sessionTimeoutMs(30_000);
        if (auth != null) {
            builder.authorization("digest", auth.getBytes(StandardCharsets.UTF_8));
        }
        CuratorFramework client = builder.build();
        client.start();
        assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        return client;
    }

    private static List<ACL> tollgatesAcl(String auth) throws Exception {
        return List.of(new ACL(ZooDefs.Perms.ALL,
                new Id("digest", DigestAuthenticationProvider.generateDigest(auth))));
    }

    /**
     * <pre>
     * online (group:sre)
     *   loki (user:alice)
     *     api (user:bob)
     *       bj
     *   pay (user:carol)
     * </pre>
     */
    private static TreeSpec sampleTree() {
        TreeSpec bj = new TreeSpec("bj", null, null, null, null, null);
        TreeSpec api = new TreeSpec("api", List.of("user:bob"), null, null, null, List.of(bj));
        TreeSpec loki = new TreeSpec("loki", List.of("user:alice"), null, null, null, List.of(api));
        TreeSpec pay = new TreeSpec("pay", List.of("user:carol"), null, null, null, null);
        return new TreeSpec("online", List.of("group:sre"), null, null, null, List.of(loki, pay));
    }

    /** Every znode at and under {@code path}, parents first, read with a client allowed to list them. */
    private static List<String> subtree(CuratorFramework client, String path) throws Exception {
        List<String> paths = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>(List.of(path));
        while (!pending.isEmpty()) {
            String next = pending.poll();
            paths.add(next);
            for (String child : client.getChildren().forPath(next)) {
                pending.add(next + "/" + child);
            }
        }
        return paths;
    }

    private static NodeView rootNode(CuratorFramework client, String root) throws Exception {
        try (ServiceTreeView view = new ServiceTreeView(client, root)) {
            view.start();
            assertThat(view.awaitLoaded(Duration.ofSeconds(10))).isTrue();
            return view.root().orElseThrow();
        }
    }

    private static ChangeMeta meta(String requester) {
        return new ChangeMeta(UUID.randomUUID().toString(), requester, "issue 12");
    }

    @Test
    void everythingTollgateCreatesAnswersToItsCredentialAlone() {
        tollgate("tollgate.zookeeper.auth=" + AUTH).run(context -> {
            CuratorFramework tollgate = context.getBean(CuratorFramework.class);
            assertThat(new ServiceTreeImporter(tollgate, root).importIfEmpty(sampleTree())).isEqualTo(5);
            NodeView online = rootNode(tollgate, root);
            ServiceTreeChanges changes = new ServiceTreeChanges(tollgate, root);
            ApplyResult created = changes.apply(changes.validate(
                    new ServiceTreeChange.Create(meta("alice"), online.node().id(), "search", null, null)));
            ApplyResult owners = changes.apply(changes.validate(
                    new ServiceTreeChange.SetOwners(meta("alice"), online.node().id(), List.of("group:ops"))));
            assertThat(created.applied()).isTrue();
            assertThat(owners.applied()).isTrue();

            // the parent Tollgate created for the root, the layout, nodes, name index, id counter, change markers
            List<String> znodes = subtree(tollgate, top);
            assertThat(znodes).contains(top, root, root + "/nodes", root + "/children", root + "/ids",
                    root + "/changes", root + "/changes/" + created.changeId());
            for (String znode : znodes) {
                assertThat(tollgate.getACL().forPath(znode)).as(znode).isEqualTo(tollgatesAcl(AUTH));
            }
        });
    }

    @Test
    void aClientWithoutTheCredentialCanNeitherReadWriteDeleteCreateNorChangeAcls() {
        tollgate("tollgate.zookeeper.auth=" + AUTH).run(context -> {
            CuratorFramework tollgate = context.getBean(CuratorFramework.class);
            new ServiceTreeImporter(tollgate, root).importIfEmpty(sampleTree());
            long online = rootNode(tollgate, root).node().id();
            String node = root + "/nodes/" + online;
            String nameIndexEntry = root + "/children/0/online";
            Stat before = tollgate.checkExists().forPath(node);
            byte[] data = tollgate.getData().forPath(node);

            try (CuratorFramework wrongPassword = client("tollgate:guess")) {
                for (CuratorFramework outsider : List.of(anonymous, wrongPassword)) {
                    assertRefused(() -> outsider.getData().forPath(node));
                    assertRefused(() -> outsider.checkExists().forPath(node)); // its stat: since ZooKeeper 3.9.2
                    assertRefused(() -> outsider.getChildren().forPath(root + "/nodes"));
                    assertRefused(() -> outsider.getACL().forPath(node));
                    assertRefused(() -> outsider.setData().withVersion(before.getVersion())
                            .forPath(node, "{\"name\":\"hijacked\"}".getBytes(StandardCharsets.UTF_8)));
                    assertRefused(() -> outsider.setData().forPath(root + "/ids", "0".getBytes(StandardCharsets.UTF_8)));
                    assertRefused(() -> outsider.delete().forPath(nameIndexEntry));
                    assertRefused(() -> outsider.delete().forPath(root + "/ids"));
                    assertRefused(() -> outsider.create().forPath(root + "/nodes/999", new byte[0]));
                    assertRefused(() -> outsider.create().forPath(root + "/children/0/rogue", "999".getBytes()));
                    assertRefused(() -> outsider.create().forPath(root + "/rogue", new byte[0]));
                    assertRefused(() -> outsider.setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath(root));
                    assertRefused(() -> outsider.setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath(node));
                }
            }

            Stat after = tollgate.checkExists().forPath(node);
            assertThat(after.getVersion()).isEqualTo(before.getVersion());
            assertThat(after.getAversion()).isEqualTo(before.getAversion());
            assertThat(tollgate.getData().forPath(node)).isEqualTo(data);
            assertThat(tollgate.checkExists().forPath(nameIndexEntry)).isNotNull();
            assertThat(tollgate.checkExists().forPath(root + "/nodes/999")).isNull();
        });
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(KeeperException.NoAuthException.class);
    }

    @Test
    void aTreeCreatedWithWorldAclsBeforeTheUpgradeIsProtectedAtStart() throws Exception {
        new ServiceTreeImporter(anonymous, root).importIfEmpty(sampleTree());
        List<String> upgraded = subtree(anonymous, root);
        assertThat(anonymous.getACL().forPath(root + "/ids")).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
        // a node protected by an earlier, interrupted start
        try (CuratorFramework earlier = client(AUTH)) {
            earlier.setACL().withACL(tollgatesAcl(AUTH)).forPath(root + "/nodes");
        }

        tollgate("tollgate.zookeeper.auth=" + AUTH).run(context -> {
            assertThat(context).hasNotFailed();
            CuratorFramework tollgate = context.getBean(CuratorFramework.class);
            assertThat(subtree(tollgate, root)).containsExactlyInAnyOrderElementsOf(upgraded);
            for (String znode : upgraded) {
                assertThat(tollgate.getACL().forPath(znode)).as(znode).isEqualTo(tollgatesAcl(AUTH));
            }
            assertRefused(() -> anonymous.getData().forPath(root + "/ids"));
            assertRefused(() -> anonymous.delete().forPath(root + "/children/0/online"));
            assertThat(rootNode(tollgate, root).node().name()).isEqualTo("online");
        });
    }

    @Test
    void startingAgainRewritesNoAcl() throws Exception {
        new ServiceTreeImporter(anonymous, root).importIfEmpty(sampleTree());
        Map<String, Integer> aclVersions = new HashMap<>();
        tollgate("tollgate.zookeeper.auth=" + AUTH).run(context -> {
            CuratorFramework tollgate = context.getBean(CuratorFramework.class);
            for (String znode : subtree(tollgate, root)) {
                aclVersions.put(znode, tollgate.checkExists().forPath(znode).getAversion());
            }
        });
        assertThat(aclVersions).isNotEmpty().allSatisfy((znode, version) -> assertThat(version).isEqualTo(1));

        tollgate("tollgate.zookeeper.auth=" + AUTH).run(context -> {
            assertThat(context).hasNotFailed();
            CuratorFramework tollgate = context.getBean(CuratorFramework.class);
            for (String znode : subtree(tollgate, root)) {
                assertThat(tollgate.checkExists().forPath(znode).getAversion()).as(znode)
                        .isEqualTo(aclVersions.get(znode));
            }
        });
    }

    @Test
    void oncePassedTheNextPassReadsOneAclAndWritesNone() throws Exception {
        assertThat(new ZnodeProtection(anonymous, ZooKeeperCredential.parse(AUTH, "test")).protect(root))
                .isEqualTo(new ZnodeProtection.Outcome(0, 0)); // nothing there yet: created with the ACL later
        new ServiceTreeImporter(anonymous, root).importIfEmpty(sampleTree());
        int znodes = subtree(anonymous, root).size();

        try (CuratorFramework tollgate = client(AUTH)) {
            ZnodeProtection protection = new ZnodeProtection(tollgate, ZooKeeperCredential.parse(AUTH, "test"));
            assertThat(protection.protect(root).changed()).isEqualTo(znodes);
            assertThat(protection.protect(root)).isEqualTo(new ZnodeProtection.Outcome(1, 0));
        }
    }

    @Test
    void aTreeProtectedWithAnotherCredentialStopsStartUp() {
        tollgate("tollgate.zookeeper.auth=" + AUTH).run(context ->
                new ServiceTreeImporter(context.getBean(CuratorFramework.class), root).importIfEmpty(sampleTree()));

        tollgate("tollgate.zookeeper.auth=tollgate:another-password").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining(root)
                    .hasMessageContaining("TOLLGATE_ZOOKEEPER_AUTH")
                    .message().doesNotContain("another-password");
        });
    }

    @Test
    void withoutACredentialOutsideTheEmbeddedProfileStartUpIsRefused() {
        tollgate().run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("TOLLGATE_ZOOKEEPER_AUTH");
        });
        tollgate("tollgate.zookeeper.auth= ").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aCredentialThatIsNotUserColonPasswordIsRefused() {
        for (String malformed : List.of("only-a-secret-word", ":no-user", "no-password:")) {
            tollgate("tollgate.zookeeper.auth=" + malformed).run(context -> {
                assertThat(context).as(malformed).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("TOLLGATE_ZOOKEEPER_AUTH")
                        .hasMessageContaining("user:password")
                        .message().doesNotContain(malformed);
            });
        }
    }

    @Test
    void theEmbeddedProfileGeneratesItsCredentialOnceAndKeepsItInTheDataFolder() throws Exception {
        Path file = dataDir.resolve("zookeeper.auth");
        ApplicationContextRunner embedded = tollgate("tollgate.zookeeper.generate-auth-file=true",
                "tollgate.zookeeper.auth-file=" + file);
        embedded.run(context -> {
            assertThat(context).hasNotFailed();
            new ServiceTreeImporter(context.getBean(CuratorFramework.class), root).importIfEmpty(sampleTree());
        });
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String credential = Files.readString(file).strip();
        assertThat(credential).matches("tollgate:[A-Za-z0-9_-]{40,}");
        try (CuratorFramework withIt = client(credential)) {
            assertThat(withIt.getACL().forPath(root + "/ids")).isEqualTo(tollgatesAcl(credential));
        }

        embedded.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(rootNode(context.getBean(CuratorFramework.class), root).node().name()).isEqualTo("online");
        });
        assertThat(Files.readString(file).strip()).isEqualTo(credential);
    }
}
