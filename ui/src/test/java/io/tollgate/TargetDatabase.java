package io.tollgate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import io.tollgate.engine.account.Role;
import io.tollgate.engine.instance.InstanceForm;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.review.Environment;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A uniquely named database on the machine's MariaDB ({@code TOLLGATE_TEST_MYSQL}, default 127.0.0.1:3306, root with
 * no password) with a user of its own, registered as a Tollgate target instance reviewed by the reviewer group; it
 * drops the database, the user and their ledger rows when done. A JUnit extension: register it on a static field
 * ({@code @RegisterExtension}) and it creates the database before the class's tests and drops it after them.
 */
public final class TargetDatabase implements BeforeAllCallback, AfterAllCallback {

    static final String SERVER = UniqueMariaDbDatabase.SERVER;

    /** The database's name, also its user's. */
    public final String name;
    /** The name of the target instance {@link #register} registers. */
    public final String instance;
    private final String password = "pw-" + UUID.randomUUID();

    public TargetDatabase(String prefix) {
        this.name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.instance = name.replace('_', '-');
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        create();
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        drop();
    }

    private void create() throws SQLException {
        try (Connection c = connect(null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "`");
            for (String host : List.of("localhost", "127.0.0.1", "%")) {
                s.execute("CREATE USER '" + name + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
                s.execute("GRANT ALL PRIVILEGES ON *.* TO '" + name + "'@'" + host + "'");
            }
        }
    }

    /** Registers the database's server as a Tollgate target instance (once), reviewed by the reviewer group. */
    public void register(TargetInstances instances) {
        if (instances.find(instance).isEmpty()) {
            instances.register(form(instance, false), "admin");
        }
    }

    /** The form of a DEV instance named {@code name} on this database's server, as its own user. */
    public InstanceForm form(String name, boolean readOnly) {
        String[] hostPort = SERVER.split(":");
        return new InstanceForm(name, hostPort[0], Integer.parseInt(hostPort[1]), this.name, password,
                Environment.DEV, readOnly, Role.REVIEWER.groupId());
    }

    private void drop() throws SQLException {
        try (Connection c = connect(null); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
            for (String host : List.of("localhost", "127.0.0.1", "%")) {
                s.execute("DROP USER IF EXISTS '" + name + "'@'" + host + "'");
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA ="
                    + " 'tollgate_meta' AND TABLE_NAME = 'tollgate_execution_ledger'")) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    s.execute("DELETE FROM tollgate_meta.tollgate_execution_ledger WHERE target_database = '" + name + "'");
                }
            }
        }
    }

    /** A new table of three fruit rows; returns its name. */
    public String fruitTable() throws SQLException {
        String table = "fruit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        sql("CREATE TABLE `" + table + "` (id INT NOT NULL PRIMARY KEY COMMENT 'id',"
                + " name VARCHAR(20) NOT NULL COMMENT 'name', qty INT NOT NULL COMMENT 'quantity')"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='fruit'");
        sql("INSERT INTO `" + table + "` VALUES (1,'apple',10),(2,'pear',20),(3,'plum',30)");
        return table;
    }

    public void sql(String sql) throws SQLException {
        try (Connection c = connect(name); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public String query(String sql) throws SQLException {
        try (Connection c = connect(name); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A connection to this database as the server's administrator, e.g. to hold a row lock from outside Tollgate. */
    public Connection connect() throws SQLException {
        return connect(name);
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + SERVER + "/" + (database == null ? "" : database)
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true", UniqueMariaDbDatabase.USER, UniqueMariaDbDatabase.PASSWORD);
    }
}
