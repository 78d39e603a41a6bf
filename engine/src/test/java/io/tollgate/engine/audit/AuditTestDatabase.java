package io.tollgate.engine.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/** A database of its own on the machine's MariaDB with Tollgate's migrations, for the trail's ITs; dropped after. */
final class AuditTestDatabase {

    private static final String SERVER = "jdbc:mysql://127.0.0.1:3306/";

    final String name = "tg_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final HikariDataSource dataSource = new HikariDataSource();

    AuditTestDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        dataSource.setJdbcUrl(SERVER + name + "?sslMode=DISABLED&allowPublicKeyRetrieval=true");
        dataSource.setUsername("root");
        dataSource.setPassword("");
        dataSource.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    void drop() throws Exception {
        dataSource.close();
        try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }
}
