package io.tollgate.integrations.sandbox;

/** Published when the sandbox MariaDB accepts connections; the engine registers it as the {@code sandbox} instance. */
public record SandboxReady(String host, int port, String user, String password, String demoDatabase) {

    @Override
    public String toString() {
        return "SandboxReady[" + user + "@" + host + ":" + port + "/" + demoDatabase + "]";
    }
}
