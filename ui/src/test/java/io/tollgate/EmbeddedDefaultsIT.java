package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;

import javax.sql.DataSource;

import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import io.tollgate.integrations.servicetree.NodeView;
import io.tollgate.integrations.servicetree.ServiceTreeView;
import org.apache.curator.framework.CuratorFramework;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Tollgate starts on its embedded defaults with nothing installed. */
@TollgateAppTest
class EmbeddedDefaultsIT {

    @Autowired DataSource dataSource;
    @Autowired Flyway flyway;
    @Autowired ProcessEngine processEngine;
    @Autowired CuratorFramework curator;
    @Autowired Accounts accounts;
    @Autowired ServiceTreeView serviceTree;
    @LocalServerPort int port;

    @Test
    void runsOnAnH2FileDatabaseWithFlywayOwningTollgatesSchema() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getURL()).startsWith("jdbc:h2:file:").contains("target/test-data");
        }
        assertThat(flyway.info().applied()).isNotEmpty();
        assertThat(flyway.info().pending()).isEmpty();
    }

    @Test
    void engineHasFullHistoryAuthorizationAndAHistoryTimeToLiveDefault() {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        assertThat(config.isAuthorizationEnabled()).isTrue();
        assertThat(config.getHistoryLevel()).isEqualTo(HistoryLevel.HISTORY_LEVEL_FULL);
        assertThat(config.getHistoryTimeToLive()).isEqualTo("P180D");
        assertThat(config.getJobExecutor().isActive()).isTrue();
        assertThat(processEngine.getIdentityService().createGroupQuery().groupId(Role.PROCESS_OWNER.groupId()).count())
                .isEqualTo(1);
    }

    @Test
    void talksToAnInProcessZooKeeper() throws Exception {
        assertThat(curator.getZookeeperClient().isConnected()).isTrue();
        String path = curator.create().creatingParentsIfNeeded().forPath("/tollgate-test/embedded-check",
                "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(curator.getData().forPath(path), StandardCharsets.UTF_8)).isEqualTo("hello");
        curator.delete().deletingChildrenIfNeeded().forPath("/tollgate-test");
    }

    @Test
    void startsWithTheDemoServiceTree() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(serviceTree.root()).get().extracting(NodeView::path).isEqualTo("/online"));
        assertThat(serviceTree.size()).isGreaterThan(1);
    }

    @Test
    void reportsItselfHealthyWithNothingInstalled() throws Exception {
        var health = new Http(port).get("/actuator/health", null, null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void hasOneDemoAccountPerRole() {
        for (Role role : Role.values()) {
            AccountView account = accounts.find(role.groupId()).orElseThrow();
            assertThat(account.roles()).containsExactly(role);
            assertThat(account.enabled()).isTrue();
        }
    }
}
