package io.tollgate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * Creates a uniquely named database on the machine's MariaDB/MySQL (never assuming a clean server), points Tollgate at
 * it, and drops it when the context closes. The server is {@code TOLLGATE_TEST_MYSQL} (host:port, default
 * 127.0.0.1:3306) with user {@code TOLLGATE_TEST_MYSQL_USER} (root) and {@code TOLLGATE_TEST_MYSQL_PASSWORD} (empty).
 */
public class UniqueMariaDbDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String SERVER = env("TOLLGATE_TEST_MYSQL", "127.0.0.1:3306");
    public static final String USER = env("TOLLGATE_TEST_MYSQL_USER", "root");
    public static final String PASSWORD = env("TOLLGATE_TEST_MYSQL_PASSWORD", "");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String name = "tg_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        TestPropertyValues.of(
                "spring.datasource.url=jdbc:mysql://" + SERVER + "/" + name + "?sslMode=DISABLED&allowPublicKeyRetrieval=true",
                "spring.datasource.username=" + USER,
                "spring.datasource.password=" + PASSWORD,
                "tollgate.test.database=" + name).applyTo(context);
        // registered before every other bean, so destroyed after all of them (the engine stops first)
        ((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("dropTestDatabase",
                () -> execute("DROP DATABASE IF EXISTS `" + name + "`"));
    }

    public static void execute(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + SERVER + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true",
                USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the test MariaDB/MySQL at " + SERVER + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
