package io.tollgate.integrations.servicetree;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.tollgate.integrations.servicetree.TreeFixture.idOf;
import static io.tollgate.integrations.servicetree.TreeFixture.meta;
import static io.tollgate.integrations.servicetree.TreeFixture.server;
import static org.assertj.core.api.Assertions.assertThat;

/** The change cycle against a real ZooKeeper server; every test works in a tree of its own. */
class ServiceTreeChangesIT {

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

    private long id(String path) {
        return idOf(store, path);
    }

    @Test
    void createdNodeIsSnapshottedAppliedAndVerified() {
        long api = id("/online/loki/api");
        ChangePlan plan = changes.validate(new ServiceTreeChange.Create(meta("bob"), api, "gz",
                List.of("user:frank"), Map.of("tier", "2")));

        assertThat(plan.violations()).isEmpty();
        assertThat(plan.before()).isEmpty();
        assertThat(plan.after()).singleElement().satisfies(after -> {
            assertThat(after.path()).isEqualTo("/online/loki/api/gz");
            assertThat(after.level()).isEqualTo(Level.IDC);
        });
        assertThat(plan.approvers()).containsExactly("user:alice", "group:sre");
        assertThat(plan.critical()).isFalse();
        assertThat(plan.diff()).contains("+  path: /online/loki/api/gz");
        assertThat(plan.reads()).extracting(ZnodeVersion::path)
                .containsExactly(store.nodePath(api), store.nodePath(id("/online/loki")), store.nodePath(id("/online")));

        ApplyResult result = changes.apply(plan);
        Verification verification = changes.verify(plan);

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
        assertThat(result.replayed()).isFalse();
        assertThat(verification.matchesPlan()).isTrue();
        assertThat(verification.after()).isEqualTo(plan.after());
        assertThat(verification.versions()).singleElement().extracting(ZnodeVersion::version).isEqualTo(0);
        assertThat(id("/online/loki/api/gz")).isEqualTo(plan.after().get(0).node().id());
    }

    @Test
    void aNameLongerThanTheLimitIsRefusedOnCreateAndRename() {
        long api = id("/online/loki/api");
        String longName = "n".repeat(1200);

        ChangePlan create = changes.validate(new ServiceTreeChange.Create(meta("bob"), api, longName, null, null));
        ChangePlan rename = changes.validate(new ServiceTreeChange.Rename(meta("bob"), api, longName));

        for (ChangePlan plan : List.of(create, rename)) {
            assertThat(plan.valid()).isFalse();
            assertThat(plan.violations()).singleElement().asString()
                    .contains("at most " + TreeNode.MAX_NAME_LENGTH + " characters");
        }
    }

    @Test
    void applyingTheSameChangeTwiceAppliesItOnce() {
        long bj = id("/online/loki/api/bj");
        int versionBefore = store.read(bj).orElseThrow().version();
        ChangePlan plan = changes.validate(new ServiceTreeChange.SetTrafficRatios(meta("bob"), bj,
                Map.of("h1", new BigDecimal("0.25"))));

        ApplyResult first = changes.apply(plan);
        ApplyResult second = changes.apply(plan);

        assertThat(first.applied()).isTrue();
        assertThat(first.replayed()).isFalse();
        assertThat(second.applied()).isTrue();
        assertThat(second.replayed()).isTrue();
        assertThat(second.appliedAt()).isEqualTo(first.appliedAt());
        TreeStore.Stored now = store.read(bj).orElseThrow();
        assertThat(now.version()).isEqualTo(versionBefore + 1);
        assertThat(now.node().servers()).extracting(Server::trafficRatio)
                .containsExactly(new BigDecimal("0.25"), new BigDecimal("0.5"));
    }

    @Test
    void markersOlderThanTheRetryWindowCanBeForgotten() {
        long bj = id("/online/loki/api/bj");
        ChangePlan plan = changes.validate(new ServiceTreeChange.SetAttributes(meta("bob"), bj, Map.of("k", "v")));
        assertThat(changes.apply(plan).applied()).isTrue();

        assertThat(changes.forgetAppliedBefore(Instant.now().minus(Duration.ofDays(30)))).isZero();
        assertThat(changes.apply(plan).replayed()).isTrue();
        assertThat(changes.forgetAppliedBefore(Instant.now().plusSeconds(60))).isEqualTo(1);
        assertThat(changes.apply(plan).outcome()).as("the plan's versions are stale now")
                .isEqualTo(ApplyResult.Outcome.CONFLICT);
    }

    @Test
    void crossedMovesApprovedTogetherApplyOnlyOneAndLeaveNoCycle() throws Exception {
        long a = id("/online/empty1");
        long b = id("/online/empty2");
        ChangePlan aUnderB = changes.validate(new ServiceTreeChange.Move(meta("erin"), a, b));
        ChangePlan bUnderA = changes.validate(new ServiceTreeChange.Move(meta("erin"), b, a));
        assertThat(aUnderB.violations()).isEmpty();
        assertThat(bUnderA.violations()).isEmpty();

        List<ApplyResult> results = concurrently(List.of(() -> changes.apply(aUnderB), () -> changes.apply(bUnderA)));

        assertThat(results).extracting(ApplyResult::outcome)
                .containsExactlyInAnyOrder(ApplyResult.Outcome.APPLIED, ApplyResult.Outcome.CONFLICT);
        assertThat(results).filteredOn(r -> !r.applied()).singleElement()
                .extracting(ApplyResult::message).asString()
                .startsWith("the tree changed since the validation: node ")
                .endsWith("validate the change again or withdraw it");
        TreeFixture.assertNoCycle(store);
    }

    @Test
    void aMoveConflictsWhenTheDestinationsAncestorsChangedMeanwhile() {
        long sh = id("/online/loki/api/sh");
        long gateway = id("/online/pay/gateway");
        ChangePlan move = changes.validate(new ServiceTreeChange.Move(meta("bob"), sh, gateway));
        ChangePlan ownersOfPay = changes.validate(new ServiceTreeChange.SetOwners(meta("carol"),
                id("/online/pay"), List.of("user:zoe")));

        assertThat(changes.apply(ownersOfPay).applied()).isTrue();
        ApplyResult result = changes.apply(move);

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONFLICT);
        assertThat(result.message()).contains("node " + id("/online/pay") + " changed");
        ChangePlan again = changes.validate(move.change());
        assertThat(again.approvers()).as("the moved node's owners decide, an SRE too").doesNotContain("user:zoe",
                "user:carol");
        assertThat(again.critical()).isTrue();
        assertThat(changes.apply(again).applied()).isTrue();
        assertThat(id("/online/pay/gateway/sh")).isEqualTo(sh);
    }

    @Test
    void deletingANonEmptyNodeIsRefusedAtValidation() {
        ChangePlan service = changes.validate(new ServiceTreeChange.Delete(meta("bob"), id("/online/loki/api")));
        ChangePlan withServers = changes.validate(new ServiceTreeChange.Delete(meta("bob"), id("/online/loki/api/bj")));

        assertThat(service.valid()).isFalse();
        assertThat(service.violations())
                .containsExactly("/online/loki/api has 2 child node(s): only an empty leaf can be deleted");
        assertThat(withServers.violations())
                .containsExactly("/online/loki/api/bj has 2 server(s) bound: unbind them before deleting it");
        assertThat(service.reads()).isEmpty();
    }

    @Test
    void anEmptyLeafIsDeletedAsACriticalChange() {
        long sh = id("/online/loki/api/sh");
        ChangePlan plan = changes.validate(new ServiceTreeChange.Delete(meta("bob"), sh));

        assertThat(plan.critical()).isTrue();
        assertThat(changes.apply(plan).applied()).isTrue();

        assertThat(store.read(sh)).isEmpty();
        assertThat(store.childIds(id("/online/loki/api"))).containsExactly(id("/online/loki/api/bj"));
        assertThat(changes.verify(plan)).satisfies(v -> {
            assertThat(v.after()).isEmpty();
            assertThat(v.matchesPlan()).isTrue();
        });
    }

    @Test
    void aDeleteConflictsWhenTheLeafGotAChildMeanwhile() {
        long web = id("/online/loki/web");
        ChangePlan delete = changes.validate(new ServiceTreeChange.Delete(meta("alice"), web));
        ChangePlan create = changes.validate(new ServiceTreeChange.Create(meta("alice"), web, "bj", null, null));

        assertThat(changes.apply(create).applied()).isTrue();

        assertThat(changes.apply(delete).outcome()).isEqualTo(ApplyResult.Outcome.CONFLICT);
        assertThat(store.read(web)).isPresent();
    }

    @Test
    void siblingsCreatedWithTheSameNameAtOnceLeaveOneWinner() throws Exception {
        long api = id("/online/loki/api");
        List<ChangePlan> plans = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            plans.add(changes.validate(new ServiceTreeChange.Create(meta("bob"), api, "gz", null, null)));
        }
        assertThat(plans).allMatch(ChangePlan::valid);

        List<ApplyResult> results = concurrently(plans.stream()
                .<Callable<ApplyResult>>map(plan -> () -> changes.apply(plan)).toList());

        assertThat(results).filteredOn(ApplyResult::applied).hasSize(1);
        assertThat(results).filteredOn(r -> !r.applied()).hasSize(3).allSatisfy(r -> assertThat(r.message())
                .contains("a node named gz was created under the same parent meanwhile"));
        assertThat(store.childIds(api)).hasSize(3);
    }

    @Test
    void concurrentIdAllocationYieldsUniqueIds() throws Exception {
        IdAllocator ids = new IdAllocator(store);
        List<Callable<List<Long>>> allocators = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            int block = thread + 1;
            allocators.add(() -> {
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    long first = ids.allocate(block);
                    for (int j = 0; j < block; j++) {
                        mine.add(first + j);
                    }
                }
                return mine;
            });
        }

        List<Long> all = concurrently(allocators).stream().flatMap(List::stream).toList();

        assertThat(all).hasSize(25 * (1 + 2 + 3 + 4)).doesNotHaveDuplicates();
    }

    @Test
    void approversOfAMoveAreTheMovedNodesOwnersUpTheTreeButNeverTheRequester() {
        ChangePlan move = changes.validate(new ServiceTreeChange.Move(meta("alice"), id("/online/loki/api"),
                id("/online/pay")));

        assertThat(move.violations()).isEmpty();
        assertThat(move.approvers()).as("carol, who owns the destination, never approves taking api from bob")
                .containsExactly("user:bob", "group:sre");
        assertThat(move.critical()).as("across product lines").isTrue();
        assertThat(move.impact().servers()).containsExactly("h1", "h2");
        assertThat(move.impact().urls()).containsExactly("http://api.bj/health");
        assertThat(move.after()).singleElement().extracting(NodeView::path).isEqualTo("/online/pay/api");
        assertThat(move.reads()).as("the node's line, then the destination's, the shared root once")
                .extracting(ZnodeVersion::path).containsExactly(store.nodePath(id("/online/loki/api")),
                        store.nodePath(id("/online/loki")), store.nodePath(id("/online")),
                        store.nodePath(id("/online/pay")));
    }

    /**
     * A move into a part of the tree with owners the node's chain does not have needs an SRE too: the destination's
     * owner alone took an IDC from its service before (any approver of either chain was enough).
     */
    @Test
    void aMoveIntoAnotherOwnersServiceIsCriticalAndItsOwnersDoNotApproveIt() {
        long web = id("/online/loki/web");
        assertThat(changes.apply(changes.validate(new ServiceTreeChange.SetOwners(meta("alice"), web,
                List.of("user:dave")))).applied()).isTrue();

        ChangePlan away = changes.validate(new ServiceTreeChange.Move(meta("erin"), id("/online/loki/api/sh"), web));
        assertThat(away.violations()).isEmpty();
        assertThat(away.approvers()).containsExactly("user:bob", "user:alice", "group:sre");
        assertThat(away.critical()).as("into dave's service, within the product line").isTrue();

        ChangePlan within = changes.validate(new ServiceTreeChange.Move(meta("erin"), id("/online/loki/api/sh"),
                id("/online/loki")));
        assertThat(within.violations()).isEmpty();
        assertThat(within.critical()).as("up to alice's line, whose owners the node's chain has").isFalse();
    }

    @Test
    void changesAtTheTopTwoLevelsAreCritical() {
        ChangePlan renameLine = changes.validate(new ServiceTreeChange.Rename(meta("x"), id("/online/loki"), "loki2"));
        ChangePlan renameService = changes.validate(new ServiceTreeChange.Rename(meta("x"), id("/online/loki/api"),
                "api2"));

        assertThat(renameLine.critical()).isTrue();
        assertThat(renameLine.impact().nodes()).isEqualTo(5);
        assertThat(renameService.critical()).isFalse();
        assertThat(renameService.after()).singleElement().extracting(NodeView::path).isEqualTo("/online/loki/api2");
    }

    /**
     * Siblings' names differ in more than letter case: "BJ" beside "bj" was created, and a rename to "INDEXER" beside
     * "indexer" applied, leaving two paths the tree's search (and its readers) take for one. A node may still change
     * the case of its own name.
     */
    @Test
    void siblingsNamesDifferInMoreThanLetterCase() {
        long api = id("/online/loki/api");
        long bj = id("/online/loki/api/bj");
        String caseOnly = " (names of siblings must differ in more than letter case)";
        assertThat(changes.validate(new ServiceTreeChange.Create(meta("bob"), api, "BJ", null, null)).violations())
                .containsExactly("/online/loki/api already has a child named bj" + caseOnly);
        assertThat(changes.validate(new ServiceTreeChange.Create(meta("bob"), api, "Bj", null, null)).violations())
                .containsExactly("/online/loki/api already has a child named bj" + caseOnly);
        assertThat(changes.validate(new ServiceTreeChange.Rename(meta("bob"), id("/online/loki/api/sh"), "BJ"))
                .violations()).containsExactly("/online/loki/api already has a child named bj" + caseOnly);
        assertThat(changes.validate(new ServiceTreeChange.Rename(meta("bob"), bj, "BJ")).violations()).isEmpty();
        assertThat(changes.validate(new ServiceTreeChange.Create(meta("bob"), api, "bj2", null, null)).violations())
                .isEmpty();
    }

    @Test
    void brokenRulesComeBackAsSentences() {
        long api = id("/online/loki/api");
        long bj = id("/online/loki/api/bj");
        assertThat(changes.validate(new ServiceTreeChange.Create(meta("bob"), api, "b j", null, null)).violations())
                .containsExactly("name 'b j' may only contain letters, digits, '_', '-' and Chinese characters");
        assertThat(changes.validate(new ServiceTreeChange.Create(meta("bob"), api, "bj", null, null)).violations())
                .containsExactly("/online/loki/api already has a child named bj");
        assertThat(changes.validate(new ServiceTreeChange.Create(meta("bob"), bj, "x", null, null)).violations())
                .containsExactly("/online/loki/api/bj is an IDC, the lowest level: it cannot have children");
        assertThat(changes.validate(new ServiceTreeChange.BindServers(meta("bob"), api,
                List.of(server("h9", "0.1")))).violations())
                .containsExactly("/online/loki/api is a service: servers can only be bound to an IDC");
        assertThat(changes.validate(new ServiceTreeChange.BindServers(meta("bob"), bj,
                List.of(server("h3", "0.1")))).violations())
                .containsExactly("traffic ratios of /online/loki/api/bj would sum to 1.1; at most 1 is allowed");
        assertThat(changes.validate(new ServiceTreeChange.Move(meta("bob"), id("/online/loki"), api)).violations())
                .containsExactly("cannot move /online/loki under itself or one of its descendants (/online/loki/api)");
        assertThat(changes.validate(new ServiceTreeChange.Move(meta("bob"), api, id("/online/pay/gateway")))
                .violations()).containsExactly("moving /online/loki/api under /online/pay/gateway would put nodes"
                        + " below the IDC level");
        assertThat(changes.validate(new ServiceTreeChange.Rename(meta("bob"), 999_999, "x")).violations())
                .containsExactly("node 999999 does not exist");
        assertThat(changes.validate(new ServiceTreeChange.SetOwners(meta("bob"), api, List.of("user:bob")))
                .violations()).containsExactly("the change would not change anything");
        assertThat(changes.validate(new ServiceTreeChange.BindServers(meta("bob"), bj, null)).violations())
                .containsExactly("the change would not change anything");
        assertThat(changes.validate(new ServiceTreeChange.UnbindServers(new ChangeMeta("a/b", "bob", ""), bj,
                List.of("h7"))).violations()).containsExactly(
                "change id 'a/b' must be 1 to 128 letters, digits or '. _ : -' and not start with '.'",
                "a reason is required",
                "h7 is not bound to /online/loki/api/bj");
    }

    @Test
    void anEmptyProductLineMayBecomeAServiceButServersStayOnIdcs() {
        ChangePlan emptyLine = changes.validate(new ServiceTreeChange.Move(meta("x"), id("/online/empty1"),
                id("/online/loki")));
        ChangePlan idcToService = changes.validate(new ServiceTreeChange.Move(meta("x"), id("/online/loki/api/bj"),
                id("/online/loki")));

        assertThat(emptyLine.violations()).isEmpty();
        assertThat(emptyLine.after()).singleElement().extracting(NodeView::level).isEqualTo(Level.SERVICE);
        assertThat(idcToService.violations()).singleElement().asString().contains("must stay on IDCs");
    }

    private static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
