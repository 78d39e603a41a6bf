package io.tollgate.integrations.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process server of the embedded default is reachable from this machine only. */
class EmbeddedZooKeeperIT {

    @TempDir
    Path dataDir;

    @Test
    void listensOnLoopbackOnly() throws Exception {
        try (EmbeddedZooKeeper server = new EmbeddedZooKeeper(dataDir.resolve("zookeeper"), 0)) {
            assertThat(server.connectString()).startsWith("127.0.0.1:");
            int port = Integer.parseInt(server.connectString().substring("127.0.0.1:".length()));

            try (CuratorFramework client = CuratorFrameworkFactory.newClient("127.0.0.1:" + port, 10_000, 2_000,
                    new RetryNTimes(2, 100))) {
                client.start();
                assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
                assertThat(client.checkExists().forPath("/zookeeper")).isNotNull();
            }

            List<InetAddress> elsewhere = otherAddressesOfThisMachine();
            assertThat(elsewhere).as("addresses to try besides 127.0.0.1").isNotEmpty();
            for (InetAddress address : elsewhere) {
                assertThat(accepts(address, port)).as("%s:%d accepts connections", address.getHostAddress(), port)
                        .isFalse();
            }
        }
    }

    private static boolean accepts(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    /**
     * Where a server listening on every interface would also answer: on Linux 127.0.0.2 (all of 127/8 reaches the
     * loopback interface, but a socket bound to 127.0.0.1 does not listen there), and every non-loopback address of an
     * interface that is up (link-local IPv6 addresses left out: they need a scope).
     */
    private static List<InetAddress> otherAddressesOfThisMachine() throws Exception {
        List<InetAddress> addresses = new ArrayList<>();
        if (System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
            addresses.add(InetAddress.getByName("127.0.0.2"));
        }
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address
                        || address instanceof Inet6Address && !address.isLinkLocalAddress()) {
                    addresses.add(address);
                }
            }
        }
        return addresses;
    }
}
