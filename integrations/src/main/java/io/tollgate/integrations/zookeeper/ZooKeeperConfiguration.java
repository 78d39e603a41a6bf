package io.tollgate.integrations.zookeeper;

import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ZooKeeperProperties.class)
class ZooKeeperConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${tollgate.zookeeper.connect-string:}'.isBlank()")
    EmbeddedZooKeeper embeddedZooKeeper(ZooKeeperProperties properties) throws Exception {
        return new EmbeddedZooKeeper(properties.embeddedDataDir(), properties.embeddedPort());
    }

    @Bean(destroyMethod = "close")
    CuratorFramework curatorFramework(ZooKeeperProperties properties, ObjectProvider<EmbeddedZooKeeper> embedded)
            throws InterruptedException {
        String connectString = properties.embedded()
                ? embedded.getObject().connectString()
                : properties.connectString();
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs((int) properties.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) properties.connectionTimeout().toMillis())
                .retryPolicy(new ExponentialBackoffRetry(200, 5))
                .build();
        client.start();
        if (!client.blockUntilConnected((int) properties.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            client.close();
            throw new IllegalStateException("Could not connect to ZooKeeper at " + connectString + " within "
                    + properties.connectionTimeout() + "; check TOLLGATE_ZOOKEEPER_CONNECT");
        }
        return client;
    }
}
