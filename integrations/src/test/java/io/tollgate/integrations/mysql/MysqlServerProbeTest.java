package io.tollgate.integrations.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MysqlServerProbeTest {

    @Test
    void allPrivilegesOnEverythingLacksNothing() {
        assertThat(MysqlServerProbe.missingPrivileges(List.of(
                "GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"))).isEmpty();
    }

    @Test
    void allPrivilegesOnOneDatabaseLacksTheGlobalOnes() {
        // as Tollgate's ledger schema is often granted: that is not everything everywhere
        assertThat(MysqlServerProbe.missingPrivileges(List.of(
                "GRANT USAGE ON *.* TO `tg`@`%`",
                "GRANT ALL PRIVILEGES ON `tollgate_meta`.* TO `tg`@`%`")))
                .containsExactly("PROCESS", "REPLICATION SLAVE", "REPLICATION CLIENT");
        assertThat(MysqlServerProbe.missingPrivileges(List.of(
                "GRANT PROCESS, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `tg`@`%`",
                "GRANT ALL ON `app`.* TO `tg`@`%`"))).isEmpty();
    }

    @Test
    void listsWhatDatabaseWideGrantsDoNotGive() {
        assertThat(MysqlServerProbe.missingPrivileges(List.of(
                "GRANT USAGE ON *.* TO `tg`@`%`",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON `app`.* TO `tg`@`%`",
                "GRANT ALTER ON `app`.`orders` TO `tg`@`%`")))
                .containsExactly("CREATE", "DROP", "ALTER", "INDEX", "TRIGGER", "LOCK TABLES", "PROCESS",
                        "REPLICATION SLAVE", "REPLICATION CLIENT");
    }
}
