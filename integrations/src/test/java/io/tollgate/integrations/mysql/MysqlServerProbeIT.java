package io.tollgate.integrations.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Against the machine's MariaDB (127.0.0.1:3306, root, empty password unless TOLLGATE_TEST_MYSQL* say otherwise). */
class MysqlServerProbeIT {

    static final String HOST = System.getenv().getOrDefault("TOLLGATE_TEST_MYSQL_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TOLLGATE_TEST_MYSQL_PORT", "3306"));
    static final String USER = System.getenv().getOrDefault("TOLLGATE_TEST_MYSQL_USER", "root");
    static final String PASSWORD = System.getenv().getOrDefault("TOLLGATE_TEST_MYSQL_PASSWORD", "");

    private final MysqlServerProbe probe = new MysqlServerProbe(Duration.ofSeconds(5));

    @Test
    void reportsVersionBinlogAndPrivileges() {
        MysqlServerReport report = probe.probe(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null));
        assertThat(report.reachable()).as(report.error()).isTrue();
        assertThat(report.version()).isNotBlank();
        assertThat(report.binlogFormat()).isIn("ROW", "STATEMENT", "MIXED");
        assertThat(report.grants()).isNotEmpty();
        assertThat(report.missingPrivileges()).isEmpty();
    }

    @Test
    void aWrongPasswordIsAReportNotAnException() {
        MysqlServerReport report = probe.probe(new MysqlCoordinates(HOST, PORT, "tollgate_nobody", "wrong", null));
        assertThat(report.reachable()).isFalse();
        assertThat(report.error()).contains("tollgate_nobody").contains(HOST);
    }

    @Test
    void aClosedPortIsAReportNotAnException() {
        MysqlServerReport report = probe.probe(new MysqlCoordinates("127.0.0.1", 1, USER, PASSWORD, null));
        assertThat(report.reachable()).isFalse();
        assertThat(report.error()).startsWith("Cannot connect to 127.0.0.1:1");
    }
}
