package io.tollgate.integrations.goinception;

/**
 * The instance goInception checks against (its {@code --host/--port/--user/--password} options) and the default
 * database of the script. The password never appears in {@link #toString()}.
 */
public record GoInceptionTarget(String host, int port, String user, String password, String database) {

    @Override
    public String toString() {
        return "GoInceptionTarget[" + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
