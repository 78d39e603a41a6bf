package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rollback reads the ledger a page at a time (ADR 0023) and keeps ADR 0013's guarantees across pages: a ticket of
 * 50 statements rolled back 7 ledger rows at a time (8 pages, the last holding statement 1 alone) restores the table
 * exactly, a conflict in the last page still stops it before anything is written, a DBA's "rows without conflict
 * only" works across pages, and a run killed in a middle page resumes and undoes each statement once. Against the
 * machine's MariaDB/MySQL.
 */
class PagedRollbackIT {

    static final int PAGE = 7;
    static final int STATEMENTS = 50;

    final String db = "tg_pr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final ExecutionSettings settings = ExecutionSettings.defaults().withLedgerSchema(db + "_meta")
            .withLockWait(Duration.ZERO).withLedgerPage(PAGE);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(
            new MysqlCoordinates(MysqlTicketExecutorIT.HOST, MysqlTicketExecutorIT.PORT,
                    MysqlTicketExecutorIT.USER, MysqlTicketExecutorIT.PASSWORD, null), settings);

    String originalTable;
    String originalChecksum;

    @BeforeEach
    void createTarget() throws SQLException {
        sql("CREATE DATABASE `" + db + "` DEFAULT CHARACTER SET utf8mb4",
                "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, name VARCHAR(40), n INT)");
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 200; i++) {
            rows.append(i == 1 ? "" : ", ").append("(").append(i).append(", 'name").append(i).append("', ")
                    .append(i * 10).append(")");
        }
        sql("INSERT INTO `" + db + "`.t VALUES " + rows);
        originalTable = table();
        originalChecksum = checksum();
    }

    @AfterEach
    void dropTarget() throws SQLException {
        sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    /**
     * Statement i updates row i (i % 3 == 1), deletes row 100 + i (i % 3 == 2) or inserts row 300 + i (i % 3 == 0);
     * statement 47 changes row 4 again, which statement 4 changed first: its inverse (first page) must run before
     * statement 4's (seventh page) in the conflict check's one transaction, or statement 4's guard would not hold.
     */
    static List<String> ticket() {
        List<String> statements = new ArrayList<>();
        for (int i = 1; i <= STATEMENTS; i++) {
            statements.add(i == 47 ? "UPDATE t SET n = n * 2, name = 'twice' WHERE id = 4"
                    : i % 3 == 1 ? "UPDATE t SET n = n + " + i + " WHERE id = " + i
                    : i % 3 == 2 ? "DELETE FROM t WHERE id = " + (100 + i)
                    : "INSERT INTO t VALUES (" + (300 + i) + ", 'ins" + i + "', " + i + ")");
        }
        return statements;
    }

    @Test
    void aRollbackAcrossPageBoundariesRestoresExactly() throws SQLException {
        execute("P-1");
        assertThat(checksum()).isNotEqualTo(originalChecksum);

        List<Integer> pageSizes = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        int count = executor.recordedRollback("P-1", page -> {
            pageSizes.add(page.size());
            page.forEach(i -> order.add(i.index()));
        });
        assertThat(count).isEqualTo(STATEMENTS);
        assertThat(pageSizes).as("handed over a page at a time").hasSize(8).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(PAGE));
        assertThat(order).as("rollback order, each once").isEqualTo(descending(STATEMENTS));

        ExecutionReport report = executor.rollback("P-1");

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(report.statements()).extracting(StatementOutcome::index).isEqualTo(descending(STATEMENTS));
        assertThat(report.statements()).extracting(StatementOutcome::status).containsOnly(Status.EXECUTED);
        assertThat(checksum()).isEqualTo(originalChecksum);
        assertThat(table()).isEqualTo(originalTable);
    }

    @Test
    void aConflictInTheLastPageStopsTheRollbackBeforeAnythingIsWritten() throws SQLException {
        execute("P-2");
        // row 1 was changed by statement 1 only, whose inverse is in the last page (rollback order)
        sql("UPDATE `" + db + "`.t SET n = 4242 WHERE id = 1");
        String before = checksum();

        ExecutionReport report = executor.rollback("P-2");

        assertThat(report.completed()).isFalse();
        assertThat(report.conflictCount()).isEqualTo(1);
        assertThat(report.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.statement()).isEqualTo(1);
            assertThat(c.key()).isEqualTo("`id` = 1");
            assertThat(c.columns()).containsExactly(new RowConflict.Column("n", "10", "11", "4242"));
        });
        assertThat(report.stoppedAt()).hasValueSatisfying(s -> {
            assertThat(s.index()).isEqualTo(1);
            assertThat(s.status()).isEqualTo(Status.CONFLICT);
        });
        assertThat(report.statements()).hasSize(STATEMENTS).filteredOn(s -> s.index() != 1)
                .extracting(StatementOutcome::status).containsOnly(Status.NOT_RUN);
        assertThat(checksum()).as("the seven pages before the conflict were tried and undone").isEqualTo(before);
        assertThat(executor.undone("P-2")).as("no rollback recorded in the ledger").isEmpty();
    }

    @Test
    void aDbaMayRollBackTheRowsWithoutConflictOnlyAcrossPages() throws SQLException {
        execute("P-3");
        // a conflict in the last page (row 1, statement 1) and one in the first (row 348, inserted by statement 48)
        sql("UPDATE `" + db + "`.t SET n = 4242 WHERE id = 1", "UPDATE `" + db + "`.t SET n = 4848 WHERE id = 348");

        ExecutionReport report = executor.rollback("P-3", ConflictPolicy.SKIP_CONFLICTS);

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(report.statements()).filteredOn(s -> s.index() == 1 || s.index() == 48)
                .extracting(StatementOutcome::message).containsOnly("1 conflicting row left as it is now");
        Map<Integer, String> expected = rows(originalTable);
        expected.put(1, "1|name1|4242");
        expected.put(348, "348|ins48|4848");
        assertThat(table()).isEqualTo(String.join("\n", expected.values()));
    }

    @Test
    void aRunKilledInAMiddlePageResumesAndUndoesEachStatementOnce() throws Exception {
        execute("P-4");
        // statement 25 (UPDATE of row 25) is step 26 in rollback order, in the fourth page. A lock on its row holds the
        // run there, after three pages and four statements of the fourth were undone and committed; then its
        // connection is killed, as a dead node's is.
        CompletableFuture<ExecutionReport> first;
        try (Connection holder = connection(); Statement h = holder.createStatement()) {
            holder.setAutoCommit(false);
            String lockRow25 = "SELECT * FROM `" + db + "`.t WHERE id = 25 FOR UPDATE";
            h.executeQuery(lockRow25).close();
            first = CompletableFuture.supplyAsync(() -> executor.rollback("P-4", ConflictPolicy.SKIP_CONFLICTS));
            // the trial run (which finds the rows to leave, whatever the DBA chose) waits on row 25 first: let it
            // through, and take the row again as its transaction ends, before the run itself reaches it
            await().atMost(60, TimeUnit.SECONDS).until(() -> blockedOnRow25() > 0);
            holder.rollback();
            h.executeQuery(lockRow25).close();
            long[] blocked = {0};
            await().atMost(60, TimeUnit.SECONDS).until(() -> {
                blocked[0] = blockedOnRow25();
                return blocked[0] > 0 && executor.undone("P-4").size() == 25;
            });
            assertThat(executor.undone("P-4")).extracting(StatementOutcome::index)
                    .as("50 down to 26 undone and committed").hasSize(25);
            h.execute("KILL " + blocked[0]);
            holder.rollback();
        }
        assertThat(first).failsWithin(60, TimeUnit.SECONDS);

        List<Integer> startedAt = new ArrayList<>();
        ExecutionReport resumed = executor.rollback("P-4", ConflictPolicy.STOP, new ExecutionProgress() {
            @Override
            public void runStarts(int firstToRun, int total) {
                startedAt.add(firstToRun);
                startedAt.add(total);
            }
        });

        assertThat(resumed.completed()).as(resumed.toString()).isTrue();
        assertThat(startedAt).containsExactly(26, STATEMENTS);
        assertThat(resumed.statements()).filteredOn(s -> s.status() == Status.ALREADY_DONE).hasSize(25);
        assertThat(resumed.statements()).filteredOn(s -> s.status() == Status.EXECUTED).hasSize(25);
        assertThat(checksum()).isEqualTo(originalChecksum);
        assertThat(executor.undone("P-4")).extracting(StatementOutcome::index).doesNotHaveDuplicates()
                .hasSize(STATEMENTS);
    }

    // --- helpers

    private long blockedOnRow25() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE `"
                     + db + "`.`t` %' AND INFO LIKE '%`id` = 25 %'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static List<Integer> descending(int n) {
        List<Integer> order = new ArrayList<>();
        for (int i = n; i >= 1; i--) {
            order.add(i);
        }
        return order;
    }

    private void execute(String ticketId) {
        ExecutionReport report = executor.execute(ticketId, db, ticket());
        assertThat(report.completed()).as(report.toString()).isTrue();
    }

    private static Map<Integer, String> rows(String table) {
        Map<Integer, String> rows = new TreeMap<>();
        for (String line : table.split("\n")) {
            rows.put(Integer.parseInt(line.substring(0, line.indexOf('|'))), line);
        }
        return rows;
    }

    private String checksum() throws SQLException {
        return TargetTables.checksum(db);
    }

    private String table() throws SQLException {
        return TargetTables.table(db);
    }

    private static void sql(String... statements) throws SQLException {
        TargetTables.sql(statements);
    }

    private static Connection connection() throws SQLException {
        return TargetTables.connection();
    }
}
