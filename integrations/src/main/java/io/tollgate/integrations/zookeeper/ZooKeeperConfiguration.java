package io.tollgate.integrations.zookeeper;

import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ZooKeeperProperties.class)
class ZooKeeperConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${tollgate.zookeeper.connect-string:}'.isBlank()")
    EmbeddedZooKeeper embeddedZooKeeper(ZooKeeperProperties properties) throws Exception {
        return new EmbeddedZooKeeper(properties.embeddedDataDir(), properties.embeddedPort());
    }

    /**
     * Tollgate's session, authenticated with its credential; every znode it creates carries its ACL, and the owned
     * paths are protected before anything else gets the client.
     */
    @Bean(destroyMethod = "close")
    CuratorFramework curatorFramework(ZooKeeperProperties properties, ObjectProvider<EmbeddedZooKeeper> embedded)
            throws Exception {
        ZooKeeperCredential credential = ZooKeeperCredential.load(properties);
        String connectString = properties.embedded()
                ? embedded.getObject().connectString()
                : properties.connectString();
        CuratorFramework client = connect(properties, connectString, credential);
        try {
            protectOwnedPaths(client, credential, properties);
        } catch (Exception | Error e) {
            client.close();
            throw e;
        }
        return client;
    }

    /**
     * A second session for the service tree view's cache: its load sends a read per node at once, and ZooKeeper
     * answers a session's requests in order, so on the main session every other read would wait behind it (ADR 0017).
     * Made after the main client, which has protected the owned paths.
     */
    @Bean(destroyMethod = "close")
    ZooKeeperCacheSession zooKeeperCacheSession(CuratorFramework main, ZooKeeperProperties properties,
                                                ObjectProvider<EmbeddedZooKeeper> embedded) throws Exception {
        String connectString = properties.embedded()
                ? embedded.getObject().connectString()
                : properties.connectString();
        return new ZooKeeperCacheSession(connect(properties, connectString, ZooKeeperCredential.load(properties)));
    }

    private static CuratorFramework connect(ZooKeeperProperties properties, String connectString,
                                            ZooKeeperCredential credential) throws Exception {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs((int) properties.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) properties.connectionTimeout().toMillis())
                .retryPolicy(new ExponentialBackoffRetry(200, 5))
                .authorization(ZooKeeperCredential.SCHEME, credential.authBytes())
                .aclProvider(credential.aclProvider())
                .zkClientConfig(ZooKeeperReplies.clientConfig())
                .build();
        client.start();
        try {
            if (!client.blockUntilConnected((int) properties.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Could not connect to ZooKeeper at " + connectString + " within "
                        + properties.connectionTimeout() + "; check TOLLGATE_ZOOKEEPER_CONNECT");
            }
        } catch (Exception | Error e) {
            client.close();
            throw e;
        }
        return client;
    }

    private static void protectOwnedPaths(CuratorFramework client, ZooKeeperCredential credential,
                                          ZooKeeperProperties properties) throws Exception {
        ZnodeProtection protection = new ZnodeProtection(client, credential);
        for (String path : properties.ownedPaths()) {
            ZnodeProtection.Outcome outcome = protection.protect(path);
            if (outcome.changed() > 0) {
                log.info("Gave {} of {} znodes at and under {} Tollgate's ZooKeeper ACL (digest user '{}'; nobody "
                        + "else may read or change them)", outcome.changed(), outcome.checked(), path,
                        credential.user());
            } else {
                log.debug("{} already carries Tollgate's ZooKeeper ACL ({} znodes checked)", path, outcome.checked());
            }
        }
    }
}
