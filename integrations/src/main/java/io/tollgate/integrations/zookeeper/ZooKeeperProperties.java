package io.tollgate.integrations.zookeeper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where ZooKeeper is, and who Tollgate is there.
 *
 * @param connectString the ensemble ({@code zk1:2181,zk2:2181}); blank starts an in-process server instead
 * @param embeddedDataDir where the in-process server keeps its data (survives restarts)
 * @param embeddedPort the in-process server's port; 0 picks a free one
 * @param sessionTimeout ZooKeeper session timeout
 * @param connectionTimeout how long start-up waits for a connection before failing
 * @param auth Tollgate's credential, {@code user:password} ({@code TOLLGATE_ZOOKEEPER_AUTH}), the same on every node:
 *             Tollgate authenticates with it (digest scheme) and its znodes answer to it alone. Required unless
 *             {@code generateAuthFile}
 * @param authFile where the embedded profile keeps a generated credential when {@code auth} is not set
 * @param generateAuthFile whether a missing credential may be generated into {@code authFile} (the embedded profile
 *                         only)
 * @param ownedPaths the znodes Tollgate owns (the service tree's root): at start, each one and everything under it is
 *                   given Tollgate's ACL if it lacks it (trees created before the ACL carry world permissions)
 */
@ConfigurationProperties("tollgate.zookeeper")
public record ZooKeeperProperties(
        String connectString,
        @DefaultValue("./data/zookeeper") Path embeddedDataDir,
        @DefaultValue("0") int embeddedPort,
        @DefaultValue("30s") Duration sessionTimeout,
        @DefaultValue("15s") Duration connectionTimeout,
        String auth,
        @DefaultValue("./data/zookeeper.auth") Path authFile,
        @DefaultValue("false") boolean generateAuthFile,
        @DefaultValue("/tollgate/service-tree") List<String> ownedPaths) {

    boolean embedded() {
        return connectString == null || connectString.isBlank();
    }

    /** Never shows the credential. */
    @Override
    public String toString() {
        return "ZooKeeperProperties[connectString=" + connectString + ", embeddedDataDir=" + embeddedDataDir
                + ", embeddedPort=" + embeddedPort + ", sessionTimeout=" + sessionTimeout
                + ", connectionTimeout=" + connectionTimeout
                + ", auth=" + (auth == null || auth.isBlank() ? "(none)" : "(set)") + ", authFile=" + authFile
                + ", generateAuthFile=" + generateAuthFile + ", ownedPaths=" + ownedPaths + "]";
    }
}
