package io.tollgate.integrations.servicetree;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Plans and results travel as JSON (process variables, the idempotency marker): they must come back equal. */
class ChangeJsonTest {

    @Test
    void planRoundTripsWithItsChangeKind() {
        ServiceTreeChange change = new ServiceTreeChange.SetTrafficRatios(
                new ChangeMeta("c-1", "alice", "rebalance"), 7, Map.of("h1", new BigDecimal("0.3")));
        NodeView node = new NodeView(new TreeNode(7, "bj", 3L, List.of("user:bob"),
                List.of(new Server("h1", true, new BigDecimal("0.30"))), List.of(), Map.of()),
                "/online/a/b/bj", Level.IDC);
        ChangePlan plan = new ChangePlan(change, List.of(), List.of(node), List.of(node), "diff",
                List.of(new ZnodeVersion("/t/nodes/7", 3)), List.of("user:bob"), false,
                new Impact(1, List.of("h1"), List.of()));

        ChangePlan back = Json.read(Json.write(plan), ChangePlan.class);

        assertThat(back).isEqualTo(plan);
        assertThat(back.change()).isInstanceOf(ServiceTreeChange.SetTrafficRatios.class);
        assertThat(new String(Json.write(plan))).contains("\"kind\":\"setTrafficRatios\"");
    }

    @Test
    void applyResultRoundTrips() {
        ApplyResult result = new ApplyResult("c-1", ApplyResult.Outcome.APPLIED, false,
                Instant.parse("2026-01-02T03:04:05Z"), "");
        assertThat(Json.read(Json.write(result), ApplyResult.class)).isEqualTo(result);
    }
}
