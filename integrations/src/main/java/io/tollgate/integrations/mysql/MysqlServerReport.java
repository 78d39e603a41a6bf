package io.tollgate.integrations.mysql;

import java.util.List;

/**
 * What "test connection" found on a MySQL/MariaDB server.
 *
 * @param reachable         false when Tollgate could not connect or sign in; {@code error} says why
 * @param version           {@code VERSION()}, e.g. {@code 10.11.6-MariaDB-0+deb12u1}
 * @param logBin            whether the binary log is on
 * @param binlogFormat      {@code @@binlog_format} (ROW is what rollback by binlog needs)
 * @param binlogRowImage    {@code @@binlog_row_image} (FULL is what rollback by binlog needs)
 * @param serverReadOnly    {@code @@read_only}: the server refuses writes from ordinary accounts
 * @param grants            the account's {@code SHOW GRANTS} lines
 * @param missingPrivileges privileges Tollgate needs that no grant line gives (empty when all are there)
 * @param warnings          what a DBA should know before running tickets here, in plain words
 */
public record MysqlServerReport(boolean reachable, String error, String version, boolean logBin, String binlogFormat,
                                String binlogRowImage, boolean serverReadOnly, List<String> grants,
                                List<String> missingPrivileges, List<String> warnings) {

    static MysqlServerReport unreachable(String error) {
        return new MysqlServerReport(false, error, null, false, null, null, false, List.of(), List.of(), List.of());
    }
}
