package io.tollgate.integrations.mysql.execution.internal;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropColumnItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlLexer;
import com.alibaba.druid.sql.parser.Token;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.MysqlDialect;
import io.tollgate.integrations.mysql.execution.ExecutionProgress;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one {@code ALTER TABLE} through {@code pt-online-schema-change}, which copies the table into an altered
 * copy in chunks while triggers keep the copy current, then swaps the two: writers are never blocked for the
 * length of the copy, as a direct ALTER of a large table would. The password reaches the tool only through a
 * temporary MySQL defaults file (owner-only, deleted afterwards) named in the DSN ({@code F=}), never on its
 * command line. Copy progress goes to {@link ExecutionProgress#progress}, on the caller's thread;
 * {@link ExecutionProgress#abortRequested()} is polled while the tool runs and stops it with SIGTERM;
 * {@link ExecutionProgress#pauseRequested()} creates the tool's pause file (a path of its own per run, in the temporary
 * directory) and removing the file lets it go on: the tool checks for it before each chunk and, while it exists,
 * sleeps a minute at a time, keeping its connection alive. The tool
 * leaves its triggers and its new table behind when it is interrupted (it prints "Not dropping ... because the
 * tool was interrupted"), so this runner drops them itself; the original table is untouched by then.
 * {@link #plan} tells which ALTERs the tool takes as is.
 */
public final class OnlineAlter {

    /** How a run ended: DONE (altered), FAILED or ABORTED (original table unchanged), or UNKNOWN. */
    enum Result { DONE, FAILED, ABORTED, UNKNOWN }

    record Outcome(Result result, String message) {
    }

    private static final Pattern PROGRESS = Pattern.compile("^Copying .*:\\s+(\\d+(?:\\.\\d+)?)% ");
    private static final Pattern AUTO_INCREMENT = Pattern.compile(" AUTO_INCREMENT=\\d+");
    private static final long POLL_MILLIS = 250;
    private static final long STOP_WAIT_SECONDS = 60;
    private static final int OUTPUT_TAIL = 20;

    private final MysqlCoordinates target;
    private final ExecutionSettings settings;

    public OnlineAlter(MysqlCoordinates target, ExecutionSettings settings) {
        this.target = Objects.requireNonNull(target, "target");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** An ALTER TABLE to run through pt-online-schema-change: the table and the alterations after its name. */
    record Plan(String[] table, String alterations) {
    }

    /**
     * The online plan for an ALTER TABLE of a table with at least {@link ExecutionSettings#onlineAlterMinRows()}
     * rows that pt-online-schema-change handles as is: column changes that keep names and values (it copies rows
     * with INSERT IGNORE, which would truncate where strict mode fails) and (non-unique) index changes,
     * on a table with a primary or unique key (its chunks and delete trigger need one), no triggers of its own and
     * no foreign keys (the tool would rename them). Null for anything else, which runs directly.
     */
    Plan plan(Connection c, String database, SQLStatement ast, String sql) throws SQLException {
        if (!(ast instanceof SQLAlterTableStatement alter) || alter.getItems().isEmpty()) {
            return null;
        }
        for (SQLAlterTableItem item : alter.getItems()) {
            boolean handled = item instanceof SQLAlterTableAddColumn
                    || item instanceof SQLAlterTableAddIndex add && !add.isUnique()
                    || item instanceof MySqlAlterTableModifyColumn
                    || item instanceof MySqlAlterTableChangeColumn change && DdlInverse.name(change.getColumnName())
                            .equalsIgnoreCase(DdlInverse.name(change.getNewColumnDefinition().getName()))
                    || item instanceof SQLAlterTableDropIndex || item instanceof SQLAlterTableDropKey
                    || item instanceof SQLAlterTableDropColumnItem;
            if (!handled) {
                return null;
            }
        }
        String[] table = DdlInverse.table(alter.getTableSource(), database);
        // a bounded count: exact below the threshold, never more than threshold rows read
        long rows = count(c, "SELECT COUNT(*) FROM (SELECT 1 FROM " + DdlInverse.qualified(table) + " LIMIT "
                + settings.onlineAlterMinRows() + ") r");
        if (rows < settings.onlineAlterMinRows()) {
            return null;
        }
        if (!DdlInverse.keepsValues(c, database, alter)) {
            // the tool copies rows with INSERT IGNORE: a value that no longer fits would be cut, not refused
            return null;
        }
        boolean keyed = count(c, "SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = ? AND CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE')", table[0], table[1]) > 0;
        boolean triggers = count(c, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ?"
                + " AND EVENT_OBJECT_TABLE = ?", table[0], table[1]) > 0;
        boolean foreignKeys = count(c, "SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS"
                + " WHERE (CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?) OR (UNIQUE_CONSTRAINT_SCHEMA = ?"
                + " AND REFERENCED_TABLE_NAME = ?)", table[0], table[1], table[0], table[1]) > 0;
        if (!keyed || triggers || foreignKeys) {
            return null;
        }
        String alterations = alterationsAsWritten(sql);
        return alterations == null ? null : new Plan(table, alterations);
    }

    /**
     * The alterations of an ALTER TABLE as written, after the table's name: Druid's printing of them is not always
     * them (a generated column's {@code !!n} came back as {@code !n}, a check's {@code (NOT a) < b} as
     * {@code NOT a < b}; ADR 0048). Cut out with Druid's lexer; null when there is no table name to cut after.
     */
    static String alterationsAsWritten(String sql) {
        MySqlLexer lexer = new MySqlLexer(sql);
        try {
            for (lexer.nextToken(); lexer.token() != Token.TABLE; lexer.nextToken()) {
                if (lexer.token() == Token.EOF) {
                    return null;
                }
            }
            lexer.nextToken();
            int end = lexer.pos();
            lexer.nextToken();
            if (lexer.token() == Token.DOT) {
                lexer.nextToken();
                end = lexer.pos();
            }
            String alterations = sql.substring(end).strip();
            return alterations.isEmpty() ? null : alterations;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static long count(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int p = 0; p < parameters.length; p++) {
                ps.setString(p + 1, parameters[p]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1146) {
                return 0;
            }
            throw e;
        }
    }

    /** The configured program: an executable path, or the first match of its name on PATH; empty if missing. */
    public Optional<Path> program() {
        String command = settings.onlineSchemaChangeCommand();
        if (command.contains("/")) {
            Path path = Path.of(command);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = System.getenv("PATH");
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path path = Path.of(dir, command);
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /**
     * The command line of a run. Host and port are in the DSN, user and password only in {@code defaultsFile}.
     * Replicas are not looked for ({@code --recursion-method none}): Tollgate targets one server; configured
     * options come last so they can override the defaults here.
     */
    List<String> command(Path program, String database, String table, String alterations, Path defaultsFile,
                         Path pauseFile) {
        List<String> command = new ArrayList<>(List.of(program.toString(),
                "--alter", alterations,
                "--execute",
                "--print",
                "--progress", "percentage,1",
                "--recursion-method", "none",
                "--no-version-check",
                "--charset", "utf8mb4",
                "--chunk-time", "0.5",
                "--max-load", "Threads_running=25",
                "--critical-load", "Threads_running=50",
                "--pause-file", pauseFile.toString()));
        command.addAll(settings.onlineSchemaChangeOptions());
        command.add(dsn("D", database) + "," + dsn("t", table) + "," + dsn("h", target.host()) + ","
                + dsn("P", String.valueOf(target.port())) + "," + dsn("F", defaultsFile.toString()));
        return command;
    }

    /**
     * Runs {@code ALTER TABLE database.table alterations}. {@code c} must have no open transaction (the tool's
     * swap waits for every lock on the table); it is used to check and clean up the table afterwards.
     */
    Outcome run(Connection c, Path program, String database, String table, String alterations, int index,
                ExecutionProgress progress) throws SQLException {
        String before = definition(c, database, table);
        Path directory;
        try {
            directory = Files.createTempDirectory("tollgate-osc-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            return new Outcome(Result.FAILED, "cannot write the defaults file for pt-online-schema-change: " + e.getMessage());
        }
        Path defaults = directory.resolve("client.cnf");
        Path pauseFile = directory.resolve("pause");
        try {
            Files.createFile(defaults, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(defaults, "[client]\nuser=" + optionValue(target.user()) + "\npassword="
                    + optionValue(target.password()) + "\n" + readAsReviewed(c), StandardCharsets.UTF_8);
            return run(c, command(program, database, table, alterations, defaults, pauseFile), database, table, before,
                    index, progress, pauseFile);
        } catch (IOException e) {
            return new Outcome(Result.FAILED, "pt-online-schema-change could not be run: " + scrub(e.getMessage()));
        } finally {
            try {
                Files.deleteIfExists(defaults);
                Files.deleteIfExists(pauseFile);
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                // an owner-only folder in the temporary directory; nothing better to do than leave it
            }
        }
    }

    private Outcome run(Connection c, List<String> command, String database, String table, String before, int index,
                        ExecutionProgress progress, Path pauseFile) throws IOException, SQLException {
        Output output = new Output(database);
        Pause pause = new Pause(pauseFile, index, progress, output);
        pause.follow(); // a copy paused before it starts waits before its first chunk
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        Thread reader = new Thread(() -> output.read(process), "pt-osc-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        boolean aborted = false;
        boolean interrupted = false;
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                output.report(index, progress);
                if (progress.abortRequested()) {
                    aborted = true;
                    break;
                }
                pause.follow();
            }
        } catch (InterruptedException e) {
            aborted = true;
            interrupted = true;
        }
        if (aborted) {
            stop(process);
        }
        try {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            interrupted = true;
        }
        output.report(index, progress);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (process.isAlive()) {
            return new Outcome(Result.UNKNOWN, "pt-online-schema-change (pid " + process.pid() + ") did not stop within "
                    + 2 * STOP_WAIT_SECONDS + " s of SIGTERM and SIGKILL; check the process and " + database + "." + table);
        }
        int exit = process.exitValue();
        if (exit == 0) {
            return new Outcome(Result.DONE, aborted
                    ? "the abort came after pt-online-schema-change had swapped the tables; the change is complete" : null);
        }
        String now = definition(c, database, table);
        if (now == null || !now.equals(before)) {
            return new Outcome(Result.UNKNOWN, "pt-online-schema-change " + (aborted ? "was stopped" : "exited with code " + exit)
                    + " and " + database + "." + table + " no longer has its definition from before: it may have been"
                    + " swapped; check the table, its triggers and the tool's _" + table + "_old/_new tables. "
                    + output.tail());
        }
        cleanUp(c, database, table, output.newTable());
        return aborted ? new Outcome(Result.ABORTED, "aborted")
                : new Outcome(Result.FAILED, "pt-online-schema-change exited with code " + exit + ": " + output.tail());
    }

    /**
     * The tool's pause file, following what the caller asks: created to hold the copy, removed to let it go on. The
     * caller hears "paused" once the tool says it waits, and "going on" when the file is gone.
     */
    private static final class Pause {
        private final Path file;
        private final int index;
        private final ExecutionProgress progress;
        private final Output output;
        private boolean requested;
        private boolean reported;

        Pause(Path file, int index, ExecutionProgress progress, Output output) {
            this.file = file;
            this.index = index;
            this.progress = progress;
            this.output = output;
        }

        /** Creates or removes the file as asked; a file that cannot be written now is tried again at the next poll. */
        void follow() {
            boolean wanted = progress.pauseRequested();
            try {
                if (wanted && !requested) {
                    output.waiting = false;
                    Files.writeString(file, "paused by Tollgate\n", StandardCharsets.UTF_8);
                    requested = true;
                } else if (!wanted && requested) {
                    Files.deleteIfExists(file);
                    requested = false;
                    if (reported) {
                        reported = false;
                        progress.paused(index, false);
                    }
                }
            } catch (IOException e) {
                return;
            }
            if (requested && !reported && output.waiting) {
                reported = true;
                progress.paused(index, true);
            }
        }
    }

    /** SIGTERM lets the tool stop between chunks (it defers the signal while swapping); kill it if it lingers. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Drops what an interrupted or failed run leaves: its triggers on the table and its new table. */
    private static void cleanUp(Connection c, String database, String table, String newTable) throws SQLException {
        List<String> triggers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS"
                + " WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ? AND TRIGGER_NAME LIKE 'pt\\_osc\\_%'")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    triggers.add(rs.getString(1));
                }
            }
        }
        c.commit();
        try (Statement s = c.createStatement()) {
            for (String trigger : triggers) {
                s.execute("DROP TRIGGER IF EXISTS " + DmlChange.quote(database) + "." + DmlChange.quote(trigger));
            }
            if (newTable != null && newTable.startsWith("_") && newTable.endsWith("_new") && !newTable.equals(table)) {
                s.execute("DROP TABLE IF EXISTS " + DmlChange.quote(database) + "." + DmlChange.quote(newTable));
            }
        }
    }

    /** SHOW CREATE TABLE without the AUTO_INCREMENT counter (writers move it); null if the table is gone. */
    private static String definition(Connection c, String database, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + DmlChange.quote(database) + "." + DmlChange.quote(table))) {
            return rs.next() ? AUTO_INCREMENT.matcher(rs.getString(2)).replaceFirst("") : null;
        } catch (SQLException e) {
            if (e.getErrorCode() == 1146) {
                return null;
            }
            throw e;
        } finally {
            c.commit();
        }
    }

    /** A DSN part; the tool's DSN has no escape for commas, so such values are refused. */
    private static String dsn(String key, String value) {
        if (value.contains(",")) {
            throw new IllegalArgumentException("pt-online-schema-change DSN value for " + key + " must not contain a comma");
        }
        return key + "=" + value;
    }

    /** An option file value, double-quoted with the escapes MySQL option files read. */
    /**
     * The tool's sessions read the alterations as the review did ({@link MysqlDialect}): when the server's mode has
     * flags that read SQL text otherwise, the defaults file's {@code init-command} takes them out of each session.
     */
    private static String readAsReviewed(Connection c) throws SQLException {
        String global;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.sql_mode")) {
            rs.next();
            global = rs.getString(1);
        }
        return MysqlDialect.withoutTextModes(global)
                .map(mode -> "init-command=" + optionValue("SET SESSION sql_mode = '" + mode + "'") + "\n")
                .orElse("");
    }

    private static String optionValue(String value) {
        if (value == null) {
            return "\"\"";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(ch);
            }
        }
        return b.append('"').toString();
    }

    private String scrub(String text) {
        String password = target.password();
        return text == null || password == null || password.isEmpty() ? text : text.replace(password, "***");
    }

    /** The tool's output, read on its own thread: progress for the caller's thread, the new table, a tail. */
    private final class Output {
        private final String database;
        private final ConcurrentLinkedQueue<Double> percents = new ConcurrentLinkedQueue<>();
        private final Deque<String> tail = new ArrayDeque<>();
        private volatile String newTable;
        /** The tool said it sleeps because its pause file exists. */
        private volatile boolean waiting;

        Output(String database) {
            this.database = database;
        }

        void read(Process process) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    Matcher m = PROGRESS.matcher(line);
                    if (m.find()) {
                        percents.add(Double.parseDouble(m.group(1)));
                    } else if (line.endsWith("Copied rows OK.")) {
                        percents.add(100.0);
                    } else if (line.startsWith("Sleeping ") && line.contains(" because ") && line.endsWith(" exists")) {
                        waiting = true;
                    }
                    String created = "Created new table " + database + ".";
                    if (line.startsWith(created) && line.endsWith(" OK.")) {
                        newTable = line.substring(created.length(), line.length() - " OK.".length());
                    }
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > OUTPUT_TAIL) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the process is gone; what was read is all there is
            } catch (UncheckedIOException e) {
                // same
            }
        }

        void report(int index, ExecutionProgress progress) {
            Double percent;
            while ((percent = percents.poll()) != null) {
                progress.progress(index, Math.min(100.0, percent));
            }
        }

        String newTable() {
            return newTable;
        }

        String tail() {
            synchronized (tail) {
                return scrub(String.join("\n", tail));
            }
        }
    }
}
