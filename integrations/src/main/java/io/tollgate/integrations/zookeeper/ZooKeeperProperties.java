package io.tollgate.integrations.zookeeper;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where ZooKeeper is.
 *
 * @param connectString the ensemble ({@code zk1:2181,zk2:2181}); blank starts an in-process server instead
 * @param embeddedDataDir where the in-process server keeps its data (survives restarts)
 * @param embeddedPort the in-process server's port; 0 picks a free one
 * @param sessionTimeout ZooKeeper session timeout
 * @param connectionTimeout how long start-up waits for a connection before failing
 */
@ConfigurationProperties("tollgate.zookeeper")
public record ZooKeeperProperties(
        String connectString,
        @DefaultValue("./data/zookeeper") Path embeddedDataDir,
        @DefaultValue("0") int embeddedPort,
        @DefaultValue("30s") Duration sessionTimeout,
        @DefaultValue("15s") Duration connectionTimeout) {

    boolean embedded() {
        return connectString == null || connectString.isBlank();
    }
}
