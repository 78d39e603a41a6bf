package io.tollgate.engine.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The reviewer's migrations (V2_*) run on the machine's MariaDB as they do on H2, in a database of its own. */
class FlywayMigrationsIT {

    @Test
    void reviewMigrationsRunOnMariaDb() throws Exception {
        String db = "tg_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = "jdbc:mysql://127.0.0.1:3306/";
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + db + "`");
            try {
                Flyway.configure().dataSource(url + db, "root", "").locations("classpath:db/migration")
                        .load().migrate();
                try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                        + "' AND TABLE_NAME LIKE 'review_rule_level%' ORDER BY TABLE_NAME")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("review_rule_level");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("review_rule_level_change");
                }
            } finally {
                s.execute("DROP DATABASE IF EXISTS `" + db + "`");
            }
        }
    }
}
