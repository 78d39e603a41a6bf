package io.tollgate.integrations.servicetree;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real ZooKeeper server (Curator's TestingServer) and client per test class:
 * {@code @RegisterExtension static final ZooKeeperServer zooKeeper = new ZooKeeperServer();}
 */
final class ZooKeeperServer implements BeforeAllCallback, AfterAllCallback {

    private TestingServer server;
    private CuratorFramework client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new TestingServer();
        client = TreeFixture.client(server);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        client.close();
        server.close();
    }

    TestingServer server() {
        return server;
    }

    CuratorFramework client() {
        return client;
    }

    /** Imports the sample tree under a fresh root path and returns the path. */
    String sampleTree() {
        String root = TreeFixture.uniqueRoot();
        new ServiceTreeImporter(client, root).importIfEmpty(TreeFixture.sampleTree());
        return root;
    }
}
