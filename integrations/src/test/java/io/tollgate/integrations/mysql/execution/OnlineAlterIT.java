package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.execution.internal.OnlineAlter;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ALTER TABLE through the real pt-online-schema-change against the machine's MariaDB/MySQL, as a user with a
 * password (created for the test) so the test can check the password never reaches the tool's command line.
 */
class OnlineAlterIT {

    static final String HOST = MysqlTicketExecutorIT.HOST;
    static final int PORT = MysqlTicketExecutorIT.PORT;
    static final int ROWS = 5000;

    final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String db = "tg_it_" + suffix;
    final String meta = db + "_meta";
    final String user = "tg_osc_" + suffix;
    final String password = "pw-" + UUID.randomUUID();
    final MysqlCoordinates coordinates = new MysqlCoordinates(HOST, PORT, user, password, null);
    final ExecutionSettings settings = ExecutionSettings.defaults().withLedgerSchema(meta).withOnlineAlterMinRows(1);

    @BeforeEach
    void createTargetAndUser() throws SQLException {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= ROWS; i++) {
            rows.append(i == 1 ? "" : ", ").append("('row ").append(i).append("', ").append(i * 7 % 1000).append(')');
        }
        root("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
                "GRANT ALL PRIVILEGES ON *.* TO '" + user + "'@'%'",
                "CREATE DATABASE `" + db + "` DEFAULT CHARACTER SET utf8mb4",
                "CREATE TABLE `" + db + "`.big (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(40) NOT NULL, n INT,"
                        + " KEY ix_n (n))",
                "INSERT INTO `" + db + "`.big (v, n) VALUES " + rows);
    }

    @AfterEach
    void dropTargetAndUser() throws SQLException {
        root("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + meta + "`",
                "DROP USER IF EXISTS '" + user + "'@'%'");
    }

    @Test
    void aLargeAlterRunsThroughPtOnlineSchemaChangeReportsProgressAndRollsBack() throws Exception {
        assertThat(new OnlineAlter(coordinates, settings).program()).as("pt-online-schema-change on PATH").isPresent();
        String definition = definition();
        String checksum = checksum();
        String data = dump();
        Recorder progress = new Recorder(false);
        MysqlTicketExecutor executor = new MysqlTicketExecutor(coordinates,
                settings.withOnlineSchemaChangeOptions(List.of("--chunk-size", "250", "--chunk-time", "0", "--sleep", "0.05")));

        ExecutionReport report = executor.execute("T-OSC-1", db, List.of(
                "ALTER TABLE big ADD COLUMN note VARCHAR(20) NOT NULL DEFAULT 'none', MODIFY v VARCHAR(60) NOT NULL"),
                progress);

        assertThat(report.completed()).as("%s", report).isTrue();
        assertThat(progress.started).containsExactly(1);
        assertThat(progress.percents).as("progress reported while copying").isNotEmpty()
                .anySatisfy(p -> assertThat(p).isLessThan(100.0));
        assertThat(progress.percents.get(progress.percents.size() - 1)).isGreaterThanOrEqualTo(99.0);
        assertThat(scalar("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = 'big' AND COLUMN_NAME = 'note'")).isEqualTo("varchar(20)");
        assertThat(scalar("SELECT COUNT(*) FROM `" + db + "`.big WHERE note = 'none'")).isEqualTo(String.valueOf(ROWS));
        assertThat(dump()).isEqualTo(data);
        assertThat(leftovers()).isEqualTo("0 triggers, tables: big");
        assertThat(scalar("SELECT state FROM `" + meta + "`.tollgate_execution_ledger WHERE ticket_id = 'T-OSC-1'"))
                .isEqualTo("DONE");

        // the tool ran with the connection in a defaults file: its command line has no password, and the file is gone
        assertThat(progress.commandLines).as("pt-online-schema-change seen running").isNotEmpty();
        for (String commandLine : progress.commandLines) {
            assertThat(commandLine).contains("--alter").contains("F=/").doesNotContain(password);
            Path defaults = Path.of(commandLine.replaceFirst("(?s).*F=(\\S+?)(,.*|\\s.*|$)", "$1"));
            assertThat(defaults).doesNotExist();
        }

        ExecutionReport rollback = executor.rollback("T-OSC-1");

        assertThat(rollback.completed()).as("%s", rollback).isTrue();
        assertThat(scalar("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = 'big' AND COLUMN_NAME = 'note'")).isEqualTo("0");
        assertThat(checksum()).isEqualTo(checksum);
        assertThat(definition()).isEqualTo(definition);
        assertThat(dump()).isEqualTo(data);
        assertThat(leftovers()).isEqualTo("0 triggers, tables: big");
    }

    @Test
    void anAbortStopsTheCopyCleansUpAndLeavesTheTableAsItWas() throws Exception {
        String definition = definition();
        String checksum = checksum();
        Recorder progress = new Recorder(true);
        // small chunks with a pause after each make the copy take seconds, so the abort lands while it copies
        MysqlTicketExecutor executor = new MysqlTicketExecutor(coordinates, settings.withOnlineSchemaChangeOptions(
                List.of("--chunk-size", "100", "--chunk-time", "0", "--sleep", "0.05")));

        ExecutionReport report = executor.execute("T-OSC-2", db, List.of(
                "ALTER TABLE big ADD COLUMN extra INT NOT NULL DEFAULT 1",
                "UPDATE big SET n = 0 WHERE id = 1"), progress);

        assertThat(report.statements()).extracting(StatementOutcome::status).containsExactly(Status.FAILED, Status.NOT_RUN);
        assertThat(report.stoppedAt().orElseThrow().message()).isEqualTo("aborted");
        assertThat(progress.percents).isNotEmpty().allSatisfy(p -> assertThat(p).isLessThan(100.0));
        assertThat(progress.commandLines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(password));
        assertThat(leftovers()).isEqualTo("0 triggers, tables: big");
        assertThat(definition()).isEqualTo(definition);
        assertThat(checksum()).isEqualTo(checksum);
        assertThat(scalar("SELECT CONCAT(state, ' ', error) FROM `" + meta + "`.tollgate_execution_ledger"
                + " WHERE ticket_id = 'T-OSC-2' AND statement_index = 1")).isEqualTo("FAILED aborted");
    }

    @Test
    void aPausedCopyWaitsBeforeItsFirstChunkAndCompletesOnceResumed() throws Exception {
        String data = dump();
        Pausing progress = new Pausing(true);
        MysqlTicketExecutor executor = new MysqlTicketExecutor(coordinates, settings.withOnlineSchemaChangeOptions(
                List.of("--chunk-size", "250", "--chunk-time", "0")));

        CompletableFuture<ExecutionReport> run = CompletableFuture.supplyAsync(() -> executor.execute("T-OSC-5", db,
                List.of("ALTER TABLE big ADD COLUMN note VARCHAR(10)"), progress));

        progress.pausedSeen.get(2, TimeUnit.MINUTES);
        assertThat(scalar("SELECT COUNT(*) FROM `" + db + "`.`_big_new`")).as("no chunk copied while paused").isEqualTo("0");
        assertThat(progress.percents).isEmpty();
        assertThat(run).isNotDone();

        progress.pause.set(false);
        // the tool looks at its pause file once a minute
        ExecutionReport report = run.get(3, TimeUnit.MINUTES);

        assertThat(report.completed()).as("%s", report).isTrue();
        assertThat(progress.pauses).containsExactly(true, false);
        assertThat(progress.percents).contains(100.0);
        assertThat(dump()).isEqualTo(data);
        assertThat(leftovers()).isEqualTo("0 triggers, tables: big");
        assertThat(scalar("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = 'big' AND COLUMN_NAME = 'note'")).isEqualTo("1");
    }

    @Test
    void aPausedCopyCanBeAbortedAtOnce() throws Exception {
        String checksum = checksum();
        Pausing progress = new Pausing(true);
        MysqlTicketExecutor executor = new MysqlTicketExecutor(coordinates, settings);

        CompletableFuture<ExecutionReport> run = CompletableFuture.supplyAsync(() -> executor.execute("T-OSC-6", db,
                List.of("ALTER TABLE big ADD COLUMN note VARCHAR(10)"), progress));
        progress.pausedSeen.get(2, TimeUnit.MINUTES);
        progress.abort.set(true);
        ExecutionReport report = run.get(30, TimeUnit.SECONDS);

        assertThat(report.stoppedAt().orElseThrow().message()).isEqualTo("aborted");
        assertThat(leftovers()).isEqualTo("0 triggers, tables: big");
        assertThat(checksum()).isEqualTo(checksum);
    }

    /** A caller that pauses the copy from the start, and lets a test lift the pause or abort. */
    static final class Pausing implements ExecutionProgress {
        final AtomicBoolean pause;
        final AtomicBoolean abort = new AtomicBoolean();
        final CompletableFuture<Void> pausedSeen = new CompletableFuture<>();
        final List<Boolean> pauses = new CopyOnWriteArrayList<>();
        final List<Double> percents = new CopyOnWriteArrayList<>();

        Pausing(boolean paused) {
            this.pause = new AtomicBoolean(paused);
        }

        @Override
        public boolean pauseRequested() {
            return pause.get();
        }

        @Override
        public boolean abortRequested() {
            return abort.get();
        }

        @Override
        public void paused(int index, boolean paused) {
            pauses.add(paused);
            if (paused) {
                pausedSeen.complete(null);
            }
        }

        @Override
        public void progress(int index, double percent) {
            percents.add(percent);
        }
    }

    @Test
    void withoutPtOnlineSchemaChangeTheAlterRunsDirectlyAndSaysSo() throws Exception {
        Recorder progress = new Recorder(false);
        MysqlTicketExecutor executor = new MysqlTicketExecutor(coordinates,
                settings.withOnlineSchemaChangeCommand("/nonexistent/pt-online-schema-change"));

        ExecutionReport report = executor.execute("T-OSC-3", db, List.of("ALTER TABLE big ADD COLUMN extra INT"), progress);

        assertThat(report.completed()).isTrue();
        assertThat(report.statements().get(0).message()).contains("pt-online-schema-change").contains("not installed")
                .contains("ran directly");
        assertThat(progress.percents).isEmpty();
        assertThat(scalar("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = 'big' AND COLUMN_NAME = 'extra'")).isEqualTo("1");
    }

    @Test
    void theToolGetsTheAlterationsAsWrittenNotAsTheParserPrintsThem() throws Exception {
        // ADR 0048: Druid printed AS (!!n) as AS (!n), a column holding n = 0 instead of n <> 0
        Recorder progress = new Recorder(false);
        MysqlTicketExecutor executor = new MysqlTicketExecutor(coordinates,
                settings.withOnlineSchemaChangeOptions(List.of("--chunk-size", "1000", "--chunk-time", "0")));

        ExecutionReport report = executor.execute("T-OSC-5", db, List.of("ALTER TABLE big\n"
                + "  ADD COLUMN nonzero INT AS (!!n) VIRTUAL -- n is never 0 here\n"), progress);

        assertThat(report.completed()).as("%s", report).isTrue();
        assertThat(progress.percents).as("run by the tool").isNotEmpty();
        assertThat(scalar("SELECT GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = 'big' AND COLUMN_NAME = 'nonzero'")).isEqualTo("`n` <> 0");
        assertThat(scalar("SELECT COUNT(*) FROM `" + db + "`.big WHERE nonzero = 1")).isEqualTo(scalar(
                "SELECT COUNT(*) FROM `" + db + "`.big WHERE n <> 0"));
    }

    @Test
    void aNarrowingColumnChangeRunsDirectlyInStrictModeAndFailsInsteadOfCuttingValues() throws Exception {
        String data = dump();
        Recorder progress = new Recorder(false);
        MysqlTicketExecutor executor = new MysqlTicketExecutor(coordinates, settings);

        // the tool's INSERT IGNORE copy would cut 'row 1234' to 'row 1' and succeed
        ExecutionReport report = executor.execute("T-OSC-4", db, List.of("ALTER TABLE big MODIFY v VARCHAR(5) NOT NULL"),
                progress);

        assertThat(report.stoppedAt().orElseThrow().status()).isEqualTo(Status.FAILED);
        assertThat(report.stoppedAt().orElseThrow().message()).contains("Data truncated");
        assertThat(progress.percents).isEmpty();
        assertThat(dump()).isEqualTo(data);
    }

    /** Records what the executor reports; the first progress report also records the running tool's command line. */
    static final class Recorder implements ExecutionProgress {
        final List<Integer> started = new CopyOnWriteArrayList<>();
        final List<Double> percents = new CopyOnWriteArrayList<>();
        final List<String> commandLines = new CopyOnWriteArrayList<>();
        final boolean abortAfterFirstProgress;

        Recorder(boolean abortAfterFirstProgress) {
            this.abortAfterFirstProgress = abortAfterFirstProgress;
        }

        @Override
        public void statementStarted(int index) {
            started.add(index);
        }

        @Override
        public void progress(int index, double percent) {
            if (percents.isEmpty()) {
                commandLines.addAll(runningTools());
            }
            percents.add(percent);
        }

        @Override
        public boolean abortRequested() {
            return abortAfterFirstProgress && !percents.isEmpty();
        }

        /** The command lines of this JVM's running pt-online-schema-change processes, as the OS shows them. */
        private static List<String> runningTools() {
            List<String> lines = new ArrayList<>();
            ProcessHandle.current().descendants().forEach(p -> {
                try {
                    String cmdline = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline"),
                            StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmdline.contains("pt-online-schema-change")) {
                        lines.add(cmdline);
                    }
                } catch (IOException e) {
                    // the process ended meanwhile
                }
            });
            return lines;
        }
    }

    private String leftovers() throws SQLException {
        return scalar("SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + db + "'")
                + " triggers, tables: " + scalar("SELECT GROUP_CONCAT(TABLE_NAME ORDER BY TABLE_NAME)"
                + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db + "'");
    }

    private String definition() throws SQLException {
        return scalar2("SHOW CREATE TABLE `" + db + "`.big");
    }

    private String checksum() throws SQLException {
        return scalar2("CHECKSUM TABLE `" + db + "`.big");
    }

    private String dump() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = rootConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, v, n FROM `" + db + "`.big ORDER BY id")) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('|').append(rs.getString(2)).append('|').append(rs.getString(3)).append('\n');
            }
        }
        return out.toString();
    }

    private String scalar(String query) throws SQLException {
        try (Connection c = rootConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String scalar2(String query) throws SQLException {
        try (Connection c = rootConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(2);
        }
    }

    private static void root(String... statements) throws SQLException {
        try (Connection c = rootConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static Connection rootConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + PORT + "/", MysqlTicketExecutorIT.USER,
                MysqlTicketExecutorIT.PASSWORD);
    }
}
