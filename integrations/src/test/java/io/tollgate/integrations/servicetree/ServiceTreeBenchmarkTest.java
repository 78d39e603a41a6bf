package io.tollgate.integrations.servicetree;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceTreeBenchmarkTest {

    @Test
    void percentilesTakeTheNearestRank() {
        double[] values = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
        assertThat(ServiceTreeBenchmark.percentile(values, 50)).isEqualTo(5);
        assertThat(ServiceTreeBenchmark.percentile(values, 95)).isEqualTo(10);
    }

    @Test
    void theGeneratedTreeHasTheRequestedSizeAndOneWideService() {
        TreeSpec tree = ServiceTreeBenchmark.tree(100_000, 1_000);
        assertThat(count(tree)).isEqualTo(100_000);
        assertThat(tree.children().get(0).children().get(0).children()).hasSize(1_000);
    }

    private static int count(TreeSpec node) {
        return 1 + node.children().stream().mapToInt(ServiceTreeBenchmarkTest::count).sum();
    }
}
