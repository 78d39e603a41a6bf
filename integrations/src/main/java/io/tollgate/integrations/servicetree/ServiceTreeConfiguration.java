package io.tollgate.integrations.servicetree;

import io.tollgate.integrations.zookeeper.ZooKeeperCacheSession;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** The service tree's beans, built on the application's {@link CuratorFramework}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceTreeProperties.class)
public class ServiceTreeConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    ServiceTreeView serviceTreeView(CuratorFramework client, ObjectProvider<ZooKeeperCacheSession> cacheSession,
                                    ServiceTreeProperties properties) {
        // the cache loads on a session of its own where there is one, so reads are not queued behind its load
        ZooKeeperCacheSession own = cacheSession.getIfAvailable();
        return new ServiceTreeView(own == null ? client : own.client(), client, properties.rootPath());
    }

    @Bean
    ServiceTreeChanges serviceTreeChanges(CuratorFramework client, ServiceTreeProperties properties,
                                          ServiceTreeView view) {
        return new ServiceTreeChanges(client, properties.rootPath(), view);
    }

    @Bean
    ServiceTreeImporter serviceTreeImporter(CuratorFramework client, ServiceTreeProperties properties,
                                            ServiceTreeView view) {
        return new ServiceTreeImporter(client, properties.rootPath(), view);
    }

    @Bean
    ApplicationRunner serviceTreeBootstrap(ServiceTreeImporter importer, ServiceTreeProperties properties,
                                           ResourceLoader resources) {
        return new ServiceTreeBootstrap(importer, properties.bootstrap(), resources);
    }
}
