package io.tollgate.integrations.servicetree;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the benchmark command working on a small tree; it asserts what was built and measured, not how fast. */
class ServiceTreeBenchmarkIT {

    @Test
    void benchmarkRunsOnASmallTree() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ServiceTreeBenchmark.Result result = ServiceTreeBenchmark.run(2_000, 5,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(result.nodes()).isEqualTo(2_000);
        assertThat(result.bigChildren()).isEqualTo(500);
        assertThat(result.applyMs()).hasSize(5);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("load it into the cache", "open a node with 500 children", "apply a change");
    }
}
