package io.tollgate.integrations.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether an account's grants let information_schema show it every table, and so every foreign key (ADR 0041). */
class MysqlForeignKeysTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION      | true
            GRANT SELECT ON *.* TO `ops`@`%`                                          | true
            GRANT SHOW VIEW, PROCESS ON *.* TO `ops`@`%`                              | true
            GRANT USAGE ON *.* TO `ops`@`%` IDENTIFIED BY PASSWORD '*D821809F'        | false
            GRANT PROCESS, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `ops`@`%`  | false
            GRANT BACKUP_ADMIN,REPLICATION_SLAVE_ADMIN ON *.* TO `ops`@`%`            | false
            GRANT ALL PRIVILEGES ON `shop`.* TO `ops`@`%`                             | false
            GRANT SELECT ON `shop`.`orders` TO `ops`@`%`                              | false
            GRANT `reader`@`%` TO `ops`@`%`                                           | false
            """)
    void aGlobalPrivilegeOnTablesShowsEveryTable(String grant, boolean expected) {
        assertThat(MysqlForeignKeys.globalTablePrivilege(List.of(grant))).isEqualTo(expected);
    }
}
