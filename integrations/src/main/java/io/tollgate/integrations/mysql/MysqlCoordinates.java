package io.tollgate.integrations.mysql;

/** How to reach a MySQL/MariaDB instance; {@code database} may be null. The password never appears in {@link #toString()}. */
public record MysqlCoordinates(String host, int port, String user, String password, String database) {

    @Override
    public String toString() {
        return "MysqlCoordinates[" + user + "@" + host + ":" + port + (database == null ? "" : "/" + database) + "]";
    }
}
