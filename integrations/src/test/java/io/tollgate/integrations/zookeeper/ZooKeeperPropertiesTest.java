package io.tollgate.integrations.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ZooKeeperPropertiesTest {

    @Test
    void theCredentialNeverShowsInToString() {
        ZooKeeperProperties properties = new ZooKeeperProperties("zk1:2181", Path.of("data"), 0, Duration.ofSeconds(30),
                Duration.ofSeconds(15), "tollgate:s3cret-password", Path.of("data/zookeeper.auth"), false,
                List.of("/tollgate/service-tree"));

        assertThat(properties.toString()).contains("zk1:2181", "auth=(set)").doesNotContain("s3cret-password");
        assertThat(ZooKeeperCredential.parse(properties.auth(), "test").toString())
                .isEqualTo("ZooKeeperCredential[digest:tollgate]");
    }
}
