package io.tollgate.integrations.servicetree;

import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The beans build from a CuratorFramework bean, and the embedded default starts with the demo tree. */
class ServiceTreeConfigurationIT {

    @RegisterExtension
    static final ZooKeeperServer zooKeeper = new ZooKeeperServer();


    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withBean(CuratorFramework.class, () -> zooKeeper.client(), bean -> bean.setDestroyMethodName(""))
                .withUserConfiguration(ServiceTreeConfiguration.class)
                .withPropertyValues("tollgate.service-tree.root-path=" + TreeFixture.uniqueRoot());
    }

    @Test
    void loadsTheDemoTreeIntoAnEmptyTree() {
        runner().withPropertyValues("tollgate.service-tree.bootstrap=" + ServiceTreeProperties.DEMO_TREE).run(context -> {
            context.getBean(ApplicationRunner.class).run(new DefaultApplicationArguments());

            ServiceTreeView view = context.getBean(ServiceTreeView.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(view.size()).isEqualTo(13));
            assertThat(view.root()).get().extracting(NodeView::path).isEqualTo("/online");
            assertThat(context).hasSingleBean(ServiceTreeChanges.class);
        });
    }

    @Test
    void noBootstrapLeavesTheTreeEmpty() {
        runner().run(context -> {
            context.getBean(ApplicationRunner.class).run(new DefaultApplicationArguments());

            assertThat(context.getBean(ServiceTreeImporter.class).isEmpty()).isTrue();
            assertThat(context.getBean(ServiceTreeProperties.class).rootPath()).startsWith("/it/");
        });
    }
}
