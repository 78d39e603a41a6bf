package io.tollgate.engine.audit;

import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import io.tollgate.engine.audit.internal.AuditAnchors;
import io.tollgate.engine.audit.internal.AuditChain;
import io.tollgate.engine.audit.internal.AuditFacets;
import io.tollgate.engine.permission.Permissions;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark (issue 14), a command rather than a timed test: {@code bench/audit [entries=1000000]}. Seeds a trail of
 * N chained entries (a year of tickets, sign-ins, tree changes over 20 instances, with 20,000 tickets' SQL) into a
 * database of its own on the local MariaDB, then prints: the first page (100, newest first) and a deep page (offset
 * 10,000) and the capped count per filter (p50/p95 of 15 runs each), the CSV and JSON Lines export of the whole
 * trail (entries/s, MB/s, peak heap sampled every 20 ms above the heap before it), and the verification's time.
 * Drops its database at the end (kept with -Dbench.keep=true).
 */
public final class AuditBenchmark {

    private static final String SERVER = System.getProperty("bench.mysql", "jdbc:mysql://127.0.0.1:3306/");
    private static final String[] KINDS = {"ticket.submitted", "ticket.review-passed", "ticket.review-failed",
            "ticket.approved", "ticket.rejected", "ticket.executed", "ticket.execution-failed", "ticket.withdrawn",
            "ticket.rolled-back", "sign-in", "sign-in.failed", "tree-change.requested", "tree-change.approved",
            "tree-change.applied", "tree-change.conflict", "instance.changed", "deployment.accepted",
            "deployment.refused", "review-rule.level-changed", "audit.exported"};
    private static final String[] ENVIRONMENTS = {"DEV", "TEST", "PROD"};
    private static final int TICKETS = 20_000;
    private static final int RUNS = 15;

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String db = "tg_bench_audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + db + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(SERVER + db + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true");
        ds.setUsername("root");
        ds.setPassword("");
        ds.setMaximumPoolSize(4);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            // the FULLTEXT indexes (V10_2_2) are built once after the bulk load, not row by row during it
            jdbc.execute("DROP INDEX ix_audit_entry_text ON audit_entry");
            jdbc.execute("DROP INDEX ix_sql_ticket_sql_text ON sql_ticket");
            long t0 = System.nanoTime();
            seed(ds, n);
            double seedSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("seeded %,d chained entries and %,d tickets in %.1f s (%,.0f entries/s)%n", n, TICKETS,
                    seedSeconds, n / seedSeconds);
            long f0 = System.nanoTime();
            jdbc.execute("CREATE FULLTEXT INDEX ix_audit_entry_text ON audit_entry (summary, payload)");
            jdbc.execute("CREATE FULLTEXT INDEX ix_sql_ticket_sql_text ON sql_ticket (sql_text)");
            System.out.printf("FULLTEXT indexes built in %.1f s%n", (System.nanoTime() - f0) / 1e9);
            jdbc.execute("ANALYZE TABLE audit_entry");
            Permissions permissions = mock(Permissions.class);
            Clock clock = Clock.systemUTC();
            AuditSearch search = new AuditSearch(jdbc, permissions);
            AuditTrail trail = new AuditTrail(jdbc, permissions, clock, new AuditFacets());
            AuditExport export = new AuditExport(jdbc, permissions, trail, new AuditAnchors(jdbc, clock), clock,
                    new io.tollgate.engine.audit.internal.AuditSealer(jdbc,
                            new io.tollgate.engine.audit.internal.AuditForwarding(false)));
            queries(search);
            exports(export);
            long v0 = System.nanoTime();
            AuditVerification verification = trail.verify();
            System.out.printf("verification: %.1f s for %,d entries (%s)%n", (System.nanoTime() - v0) / 1e9,
                    verification.checked(), verification.intact() ? "intact" : verification.describe());
        } finally {
            ds.close();
            if (!Boolean.getBoolean("bench.keep")) {
                try (Connection c = DriverManager.getConnection(SERVER, "root", "");
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS `" + db + "`");
                }
            } else {
                System.out.println("kept database " + db);
            }
        }
    }

    private static void seed(HikariDataSource ds, int n) throws Exception {
        Random random = new Random(14);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sql_ticket (ticket_id, title, instance_name,"
                    + " database_name, sql_text, reason, submitter, execution_mode, status, statement_count,"
                    + " abort_requested, submitted_at, updated_at) VALUES (?, 't', ?, ?, ?, 'r', ?, 'NOW',"
                    + " 'EXECUTED', 1, false, NOW(6), NOW(6))")) {
                for (int t = 0; t < TICKETS; t++) {
                    ps.setString(1, ticketId(t));
                    ps.setString(2, "inst-" + (t % 20));
                    ps.setString(3, "db" + (t % 7));
                    ps.setString(4, "UPDATE orders_" + (t % 300) + " SET state = 'PAID', note = 'batch " + t
                            + "' WHERE id BETWEEN " + t + " AND " + (t + 100) + ";"
                            + (t == 4242 ? " DELETE FROM secret_ledger WHERE id = 1;" : ""));
                    ps.setString(5, "user" + (t % 200));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            long start = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2025-12-01T00:00:00Z"));
            long step = 365L * 24 * 3600 * 1_000_000 / n;
            String prev = AuditChain.GENESIS;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entry (id, occurred_at_micros, actor,"
                    + " actor_roles, source_address, kind, subject_type, subject_id, summary, payload, seq, prev_hash,"
                    + " entry_hash, instance_name, database_name, environment, outcome)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= n; i++) {
                    String kind = KINDS[random.nextInt(KINDS.length)];
                    String actor = "user" + random.nextInt(200);
                    String type;
                    String subject;
                    String instance = null;
                    String database = null;
                    String environment = null;
                    if (kind.startsWith("ticket.")) {
                        int t = random.nextInt(TICKETS);
                        type = "ticket";
                        subject = ticketId(t);
                        instance = "inst-" + (t % 20);
                        database = "db" + (t % 7);
                        environment = ENVIRONMENTS[t % 20 % 3];
                    } else if (kind.startsWith("tree-change.")) {
                        type = "tree-change";
                        subject = "C-" + random.nextInt(50_000);
                    } else if (kind.startsWith("instance.")) {
                        type = "instance";
                        int inst = random.nextInt(20);
                        subject = "inst-" + inst;
                        instance = subject;
                        environment = ENVIRONMENTS[inst % 3];
                    } else {
                        type = "account";
                        subject = actor;
                    }
                    long micros = start + (long) i * step + random.nextInt(1000);
                    String summary = kind + " by " + actor + " on " + subject + (kind.endsWith("rejected")
                            ? ": missing WHERE, comment " + random.nextInt(1_000_000) : "");
                    String payload = "{\"detail\":\"comment " + Long.toHexString(random.nextLong())
                            + " about the change window\"}";
                    AuditEntry e = new AuditEntry(i, Instant.EPOCH.plus(micros, ChronoUnit.MICROS), actor, "engineer",
                            "10.0." + random.nextInt(255) + "." + random.nextInt(255), kind, type, subject, summary,
                            payload, (long) i, prev, null, instance, database, environment,
                            AuditFacets.outcome(kind));
                    String hash = AuditChain.hash(prev, AuditChain.canonical(i, e, micros));
                    Object[] values = {e.id(), micros, actor, e.actorRoles(), e.sourceAddress(), kind, type, subject,
                        summary, payload, (long) i, prev, hash, instance, database, environment, e.outcome()};
                    for (int v = 0; v < values.length; v++) {
                        ps.setObject(v + 1, values[v]);
                    }
                    ps.addBatch();
                    prev = hash;
                    if (i % 5000 == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                    if (i % 200_000 == 0) {
                        System.out.printf("  %,d entries seeded%n", i);
                    }
                }
                ps.executeBatch();
            }
            try (PreparedStatement head = c.prepareStatement(
                    "UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
                head.setLong(1, n);
                head.setString(2, prev);
                head.executeUpdate();
            }
            c.commit();
        }
    }

    private static String ticketId(int t) {
        return String.format("T-%012X", t);
    }

    private static void queries(AuditSearch search) {
        Map<String, AuditFilter> filters = new LinkedHashMap<>();
        filters.put("none", AuditFilter.ALL);
        filters.put("actor", f(null, null, "user42", null, null, null, null, null, null, null));
        filters.put("kind family (ticket)", f(null, null, null, "ticket", null, null, null, null, null, null));
        filters.put("kind (rare: deployment.refused)", f(null, null, null, "deployment.refused", null, null, null,
                null, null, null));
        filters.put("subject (one ticket)", f(null, null, null, null, ticketId(777), null, null, null, null, null));
        filters.put("instance + database", f(null, null, null, null, null, "inst-3", "db3", null, null, null));
        filters.put("environment", f(null, null, null, null, null, null, null, "PROD", null, null));
        filters.put("outcome refused", f(null, null, null, null, null, null, null, null, "refused", null));
        filters.put("one day", f("2026-06-01", "2026-06-01", null, null, null, null, null, null, null, null));
        filters.put("one day + actor", f("2026-06-01", "2026-06-01", "user7", null, null, null, null, null, null,
                null));
        filters.put("text, common (window)", f(null, null, null, null, null, null, null, null, null, "window"));
        filters.put("text, rare (SQL secret_ledger)", f(null, null, null, null, null, null, null, null, null,
                "secret_ledger"));
        filters.put("text, rare comment (comment 424242)", f(null, null, null, null, null, null, null, null, null,
                "comment 424242"));
        filters.put("text, in a month (comment 12345)", f("2026-03-01", "2026-03-31", null, null, null, null,
                null, null, null, "comment 12345"));
        List<Double> all = new ArrayList<>();
        System.out.printf("%-34s %16s %18s %18s%n", "filter (ms, p50/p95)", "first page", "offset 10,000",
                "count (cap 10,001)");
        for (var entry : filters.entrySet()) {
            AuditFilter filter = entry.getValue();
            double[] first = time(() -> search.page(filter, null, 0, 100));
            double[] deep = time(() -> search.page(filter, null, 10_000, 100));
            double[] count = time(() -> search.countUpTo("bench", filter, 10_001));
            System.out.printf("%-34s %7.0f / %6.0f %8.0f / %7.0f %8.0f / %7.0f%n", entry.getKey(), first[0], first[1],
                    deep[0], deep[1], count[0], count[1]);
            all.add(first[1]);
            all.add(count[1]);
        }
        System.out.printf("worst p95 of a first page or a count: %.0f ms%n",
                all.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    private static AuditFilter f(String from, String to, String actor, String kind, String subject, String instance,
                                 String database, String environment, String outcome, String text) {
        return AuditFilter.of(from, to, actor, kind, subject, instance, database, environment, outcome, text);
    }

    private static double[] time(Runnable query) {
        query.run(); // warm
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            query.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return new double[] {ms[RUNS / 2], ms[(int) Math.ceil(RUNS * 0.95) - 1]};
    }

    private static void exports(AuditExport export) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (AuditExport.Format format : AuditExport.Format.values()) {
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(before);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            CountingStream out = new CountingStream();
            long t = System.nanoTime();
            export.start("bench", AuditFilter.ALL, format, null).to(out);
            double seconds = (System.nanoTime() - t) / 1e9;
            sampler.interrupt();
            sampler.join();
            System.out.printf("export %s: %,d lines, %.1f MB in %.1f s: %,.0f entries/s, %.1f MB/s; heap before %d MB,"
                            + " peak %d MB (max heap %d MB)%n", format, out.lines, out.bytes / 1e6, seconds,
                    out.lines / seconds, out.bytes / 1e6 / seconds, before >> 20, peak.get() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    /** Counts what an export writes, keeping none of it. */
    private static final class CountingStream extends OutputStream {
        long bytes;
        long lines;

        @Override
        public void write(int b) {
            bytes++;
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }
    }
}
