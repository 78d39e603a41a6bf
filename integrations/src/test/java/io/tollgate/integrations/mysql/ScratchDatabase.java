package io.tollgate.integrations.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A uniquely named database on the machine's MariaDB/MySQL (127.0.0.1:3306, root, empty password unless
 * TOLLGATE_IT_MYSQL_* say otherwise), created for one test class and dropped afterwards.
 */
final class ScratchDatabase implements AutoCloseable {

    static final String HOST = System.getenv().getOrDefault("TOLLGATE_IT_MYSQL_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TOLLGATE_IT_MYSQL_PORT", "3306"));
    static final String USER = System.getenv().getOrDefault("TOLLGATE_IT_MYSQL_USER", "root");
    static final String PASSWORD = System.getenv().getOrDefault("TOLLGATE_IT_MYSQL_PASSWORD", "");

    final String name = "tg_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    ScratchDatabase() throws SQLException {
        execute("CREATE DATABASE `" + name + "` DEFAULT CHARACTER SET utf8mb4");
    }

    MysqlCoordinates coordinates() {
        return new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null);
    }

    /** Runs statements in the scratch database with a normal (writable) admin connection. */
    void execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + PORT + "/", USER, PASSWORD);
             Statement s = c.createStatement()) {
            for (String statement : sql) {
                if (!statement.startsWith("CREATE DATABASE")) {
                    s.execute("USE `" + name + "`");
                }
                s.execute(statement);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + PORT + "/", USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }
}
