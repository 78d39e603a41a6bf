package io.tollgate.ui.servicetree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tollgate.integrations.servicetree.Impact;
import org.junit.jupiter.api.Test;

class ImpactTextTest {

    @Test
    void oneOfAKindIsSingular() {
        assertThat(ImpactText.of(new Impact(1, List.of("sh-01"), List.of("http://a/health"))))
                .isEqualTo("1 node, 1 server, 1 URL");
        assertThat(ImpactText.of(new Impact(3, List.of(), List.of("http://a/health", "http://b/health"))))
                .isEqualTo("3 nodes, 0 servers, 2 URLs");
    }
}
