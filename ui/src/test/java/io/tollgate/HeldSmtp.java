package io.tollgate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An SMTP relay in front of GreenMail for the two-node ITs (issue 16): each node talks to a port of its own, so the
 * test knows which node opened a connection. Normally every connection is passed through to GreenMail byte for byte;
 * after {@link #holdNext()} the next connection, on whichever port, is accepted and then held: no greeting, nothing
 * passed on, as an SMTP server that has a node waiting mid-send. Stalls a node from outside, with no hook in Tollgate.
 */
final class HeldSmtp implements AutoCloseable {

    private final int upstream;
    private final List<ServerSocket> listeners = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile String held;

    /** @param upstream GreenMail's SMTP port on the loopback address */
    HeldSmtp(int upstream) {
        this.upstream = upstream;
    }

    /** A port of its own for the node {@code name}; connections to it are the node's. */
    int listenFor(String name) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listeners.add(listener);
        daemon("smtp-accept-" + name, () -> {
            while (!listener.isClosed()) {
                Socket client;
                try {
                    client = listener.accept();
                } catch (IOException closed) {
                    return;
                }
                open.add(client);
                if (armed.compareAndSet(true, false)) {
                    held = name; // kept open and silent until the node dies or the relay closes
                } else {
                    pass(client);
                }
            }
        });
        return listener.getLocalPort();
    }

    /** The next connection, on any port, is held. */
    void holdNext() {
        held = null;
        armed.set(true);
    }

    /** The node whose connection is held, once one is. */
    Optional<String> held() {
        return Optional.ofNullable(held);
    }

    private void pass(Socket client) {
        Socket server;
        try {
            server = new Socket(InetAddress.getLoopbackAddress(), upstream);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        open.add(server);
        daemon("smtp-up", () -> pump(client, server));
        daemon("smtp-down", () -> pump(server, client));
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // either side gone: close both
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        for (ServerSocket listener : listeners) {
            listener.close();
        }
        open.forEach(HeldSmtp::closeQuietly);
    }
}
