package io.tollgate.engine.review;

/**
 * Where to read metadata from: a MySQL/MariaDB instance. The password never appears in {@link #toString()}.
 * Until target instances are registered (a later issue) callers pass coordinates directly.
 */
public record TargetCoordinates(String host, int port, String user, String password) {

    public TargetCoordinates {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "TargetCoordinates[" + user + "@" + host + ":" + port + "]";
    }
}
