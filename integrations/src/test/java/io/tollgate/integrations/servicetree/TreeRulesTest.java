package io.tollgate.integrations.servicetree;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TreeRulesTest {

    private static NodeView view(long id, Long parentId, String path, Level level, List<Server> servers) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return new NodeView(new TreeNode(id, name, parentId, List.of(), servers, List.of(), null), path, level);
    }

    private static Server server(String host, String ratio) {
        return new Server(host, false, new BigDecimal(ratio));
    }

    @Test
    void namesMayHoldLettersDigitsUnderscoresDashesAndChinese() {
        assertThat(TreeRules.name("loki-api_2")).isEmpty();
        assertThat(TreeRules.name("支付")).isEmpty();
        assertThat(TreeRules.name("a b")).get().asString().contains("'a b'");
        assertThat(TreeRules.name("a/b")).isPresent();
        assertThat(TreeRules.name("..")).isPresent();
        assertThat(TreeRules.name("")).contains("a name is required");
        assertThat(TreeRules.name(null)).contains("a name is required");
    }

    @Test
    void namesHaveALengthLimitWithAClearMessage() {
        assertThat(TreeRules.name("n".repeat(TreeNode.MAX_NAME_LENGTH))).isEmpty();
        assertThat(TreeRules.name("支".repeat(TreeNode.MAX_NAME_LENGTH))).isEmpty();
        assertThat(TreeRules.name("n".repeat(1200))).get().asString()
                .contains("1200 characters long").contains("at most " + TreeNode.MAX_NAME_LENGTH)
                .hasSizeLessThan(200);
    }

    @Test
    void ownersAreUsersOrGroups() {
        assertThat(TreeRules.owners(List.of("user:alice", "group:sre", "user:bob.smith@corp"))).isEmpty();
        assertThat(TreeRules.owners(List.of("alice"))).get().asString().contains("'alice'");
        assertThat(TreeRules.owners(List.of("role:admin"))).isPresent();
    }

    @Test
    void changeIdsMustBeUsableAsZnodeNames() {
        assertThat(TreeRules.changeId("6f1c2a9e-1d2b-4c53-8c1a-7a0d2f3b4c5d")).isEmpty();
        assertThat(TreeRules.changeId("ticket:42")).isEmpty();
        assertThat(TreeRules.changeId("a/b")).isPresent();
        assertThat(TreeRules.changeId("..")).isPresent();
        assertThat(TreeRules.changeId("")).isPresent();
    }

    @Test
    void trafficRatiosSumToAtMostOne() {
        assertThat(TreeRules.servers("/online/a/b/bj",
                List.of(server("h1", "0.1"), server("h2", "0.2"), server("h3", "0.7")))).isEmpty();
        assertThat(TreeRules.servers("/online/a/b/bj", List.of(server("h1", "0.6"), server("h2", "0.5"))))
                .contains("traffic ratios of /online/a/b/bj would sum to 1.1; at most 1 is allowed");
    }

    @Test
    void eachRatioLiesBetweenZeroAndOneAndHostsAreUnique() {
        assertThat(TreeRules.servers("/x", List.of(server("h1", "-0.1")))).get().asString().contains("between 0 and 1");
        assertThat(TreeRules.servers("/x", List.of(server("h1", "1.5")))).get().asString().contains("between 0 and 1");
        assertThat(TreeRules.servers("/x", List.of(server("h1", "0.1"), server("h1", "0.1"))))
                .contains("server h1 is bound to /x twice");
        assertThat(TreeRules.servers("/x", List.of(server(" ", "0.1")))).contains("a server needs a host name");
    }

    @Test
    void serversAndUrlsBelongToIdcsOnly() {
        assertThat(TreeRules.leafPayload("/online/a", Level.PRODUCT_LINE, List.of(server("h", "1")), List.of()))
                .get().asString().contains("product line");
        assertThat(TreeRules.leafPayload("/online/a/b", Level.SERVICE, List.of(), List.of("http://x"))).isPresent();
        assertThat(TreeRules.leafPayload("/online/a/b/bj", Level.IDC, List.of(server("h", "1")), List.of("u")))
                .isEmpty();
    }

    @Test
    void idcsHaveNoChildren() {
        assertThat(TreeRules.childLevel("/online/a/b/bj", Level.IDC)).get().asString().contains("lowest level");
        assertThat(TreeRules.childLevel("/online/a/b", Level.SERVICE)).isEmpty();
    }

    @Test
    void onlyAnEmptyLeafWithoutServersMayBeDeleted() {
        NodeView leaf = view(4, 3L, "/online/a/b/bj", Level.IDC, List.of());
        assertThat(TreeRules.deletable(leaf, 0)).isEmpty();
        assertThat(TreeRules.deletable(view(3, 2L, "/online/a/b", Level.SERVICE, List.of()), 2))
                .contains("/online/a/b has 2 child node(s): only an empty leaf can be deleted");
        assertThat(TreeRules.deletable(view(4, 3L, "/online/a/b/bj", Level.IDC, List.of(server("h", "1"))), 0))
                .contains("/online/a/b/bj has 1 server(s) bound: unbind them before deleting it");
        assertThat(TreeRules.deletable(view(1, null, "/online", Level.ROOT, List.of()), 0)).isPresent();
    }

    @Test
    void aNodeCannotMoveUnderItselfOrItsDescendants() {
        NodeView service = view(3, 2L, "/online/a/b", Level.SERVICE, List.of());
        NodeView child = view(4, 3L, "/online/a/b/bj", Level.IDC, List.of());
        assertThat(TreeRules.move(service, child, List.of(4L, 3L, 2L, 1L), 1, false))
                .contains("cannot move /online/a/b under itself or one of its descendants (/online/a/b/bj)");
        assertThat(TreeRules.move(service, service, List.of(3L, 2L, 1L), 1, false)).isPresent();
    }

    @Test
    void aMoveKeepsLevelsConsistent() {
        NodeView service = view(3, 2L, "/online/a/b", Level.SERVICE, List.of());
        NodeView otherLine = view(5, 1L, "/online/c", Level.PRODUCT_LINE, List.of());
        NodeView otherService = view(6, 5L, "/online/c/d", Level.SERVICE, List.of());
        assertThat(TreeRules.move(service, otherLine, List.of(5L, 1L), 1, true)).isEmpty();
        assertThat(TreeRules.move(service, otherService, List.of(6L, 5L, 1L), 1, false))
                .get().asString().contains("below the IDC level");
        assertThat(TreeRules.move(service, otherService, List.of(6L, 5L, 1L), 0, true))
                .get().asString().contains("must stay on IDCs");
        assertThat(TreeRules.move(service, otherService, List.of(6L, 5L, 1L), 0, false)).isEmpty();
        assertThat(TreeRules.move(service, view(2, 1L, "/online/a", Level.PRODUCT_LINE, List.of()),
                List.of(2L, 1L), 1, false)).contains("/online/a/b is already under /online/a");
    }

    /** A newline in a value drew diff lines that looked like context; a right-to-left override showed other text. */
    @Test
    void attributesHoldNoLineBreaksControlOrTextDirectionCharacters() {
        assertThat(TreeRules.attributes(java.util.Map.of("note", "harmless\n   attribute cost-center: ops-101")))
                .hasValueSatisfying(m -> assertThat(m).contains("note").contains("line break"));
        assertThat(TreeRules.attributes(java.util.Map.of("a\nb", "c"))).hasValueSatisfying(m -> assertThat(m)
                .contains("U+000A"));
        assertThat(TreeRules.attributes(java.util.Map.of("owner", "LGTM \u202e.nimda"))).isPresent();
        assertThat(TreeRules.attributes(java.util.Map.of("esc", "\u001b[31m"))).isPresent();
        assertThat(TreeRules.attributes(java.util.Map.of(" ", "x"))).contains("attribute names cannot be blank");
        assertThat(TreeRules.attributes(java.util.Map.of("tier", "2", "注释", "支付网关 \uD83D\uDC68\u200D\uD83D\uDCBB",
                "cost-center", "ops-101"))).as("plain text, Chinese and an emoji with a joiner").isEmpty();
    }
}
