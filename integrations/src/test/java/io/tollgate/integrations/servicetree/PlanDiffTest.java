package io.tollgate.integrations.servicetree;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlanDiffTest {

    private static NodeView idc(List<Server> servers) {
        return new NodeView(new TreeNode(7, "bj", 3L, List.of("user:bob"), servers, List.of("http://x/health"),
                Map.of("tier", "1")), "/online/loki/api/bj", Level.IDC);
    }

    @Test
    void showsChangedPropertiesAsUnifiedDiff() {
        NodeView before = idc(List.of(new Server("h1", false, new BigDecimal("0.5"))));
        NodeView after = idc(List.of(new Server("h1", false, new BigDecimal("0.25"))));

        String diff = PlanDiff.unified(List.of(before), List.of(after));

        assertThat(diff).startsWith("--- before\n+++ after\n")
                .contains("-  server h1: ratio 0.5\n")
                .contains("+  server h1: ratio 0.25\n")
                .contains("   path: /online/loki/api/bj\n");
    }

    @Test
    void createdAndDeletedNodesAreAllAdditionsOrRemovals() {
        NodeView node = idc(List.of());
        assertThat(PlanDiff.unified(List.of(), List.of(node))).contains("+node 7 (IDC)\n", "+  attribute tier: 1\n");
        assertThat(PlanDiff.unified(List.of(node), List.of())).contains("-node 7 (IDC)\n", "-  url http://x/health\n");
    }

    @Test
    void noDifferenceNoDiff() {
        assertThat(PlanDiff.unified(List.of(idc(List.of())), List.of(idc(List.of())))).isEmpty();
    }
}
