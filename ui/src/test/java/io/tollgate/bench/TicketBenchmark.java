package io.tollgate.bench;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.FreshDataDir;
import io.tollgate.Http;
import io.tollgate.TollgateApplication;
import io.tollgate.UniqueMariaDbDatabase;
import io.tollgate.bench.NoOpTicketProcess.Variables;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.cluster.ClusterSignals;
import io.tollgate.engine.instance.InstanceForm;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketUpdates;
import io.tollgate.engine.ticket.Tickets;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The SQL-ticket benchmark (docs/benchmarks.md, "SQL tickets (issue 5)"): a command that prints numbers, not a test.
 * <ol>
 *   <li>Starts the whole application on the production profile with the job executor on, its database a uniquely
 *   named one on the local MariaDB; registers a uniquely named target database there as an instance.</li>
 *   <li>Pushes N one-UPDATE tickets through the lifecycle over the REST API (HTTP Basic): the engineer submits, the
 *   review job runs, the reviewer approves via {@code POST /api/v1/tickets/{id}/decision}, the execute job runs; prints
 *   tickets/s and p50/p95 submit-to-executed latency (client side: before the POST to seeing EXECUTED, polled every 50 ms;
 *   the ticket's own timestamps have whole seconds on MariaDB).</li>
 *   <li>Drives the no-op process of the same shape the same way (start, the approval user task, jobs by the job
 *   executor) through Camunda's Java API, and prints the ticket/no-op throughput ratio; then the ratio again from
 *   alternating rounds of both ({@link #alternating}). {@code -Dbench.digests=true} adds the statements of each run by
 *   digest ({@link Digests}).</li>
 *   <li>Executes one approved ticket of 10,000 mixed UPDATE/DELETE/INSERT statements on a 20,000-row table (before-
 *   images, ledger), and the same statements through plain JDBC, one autocommit per statement, on an identical copy;
 *   prints both times, the ratio, and whether both copies end identical.</li>
 * </ol>
 * Every wait is bounded; a timeout or a ticket that does not end EXECUTED is a failure (exit status 1).
 * Arguments: {@code [tickets=500] [statements=10000] [workers=8]}.
 */
public final class TicketBenchmark {

    private static final String INSTANCE = "bench-target";
    private static final String ENGINEER = "bench-engineer";
    private static final String REVIEWER = "bench-reviewer";
    private static final String DBA = "bench-dba";
    private static final String SECRET = "bench-" + UUID.randomUUID();
    private static final int TABLE_ROWS = 20_000;
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration TICKET_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration LARGE_TICKET_TIMEOUT = Duration.ofMinutes(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Alternating rounds of tickets and no-op processes after the two runs ({@link #alternating}). */
    private static final int ROUNDS = 4;
    /**
     * {@code -Dbench.otherTables=N}: the tickets' database also holds N other tables (9 columns, 3 indexes each) that
     * no ticket touches, as a production database would; 0 by default.
     */
    private static final int OTHER_TABLES = Integer.getInteger("bench.otherTables", 0);
    /**
     * {@code -Dbench.ticketsThrough=java}: the tickets' clients call the use cases in this JVM ({@link Tickets}
     * {@code submitId} and {@code decideOpenApproval}, as the REST controller does after sign-in) and wait on
     * {@link TicketUpdates}, as the no-op's clients call Camunda's Java API and wait on its signals: the ticket's own
     * work without HTTP, sign-in and JSON. A diagnostic beside the REST figures, not a replacement; default {@code rest}.
     */
    private static final boolean TICKETS_THROUGH_JAVA = "java".equals(System.getProperty("bench.ticketsThrough"));
    /** How the benchmark's client threads are named ({@link CpuProfile} tells them from the server's). */
    static final String CLIENT_THREADS = "bench-client-";

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String smallDb = "tg_bench_" + suffix;
    private final String largeDb = "tg_bench_large_" + suffix;
    private final String jdbcDb = "tg_bench_jdbc_" + suffix;
    private final String targetUser = "tg_bench_" + suffix;
    private final String targetPassword = "pw-" + UUID.randomUUID();
    private final NoOpSignals signals = new NoOpSignals();
    private Http http;
    /** With {@code --nodes 2}: every node's API; a client thread keeps to one of them (round robin over threads). */
    private final List<Http> nodes = new ArrayList<>();
    private final AtomicInteger nextNode = new AtomicInteger();
    private final ThreadLocal<Http> clientNode = new ThreadLocal<>();
    private SecondNode second;
    private ConfigurableApplicationContext context;

    public static void main(String[] arguments) throws Exception {
        List<String> positional = new ArrayList<>();
        int nodeCount = 1;
        for (String a : arguments) {
            if (a.startsWith("--nodes=")) {
                nodeCount = Integer.parseInt(a.substring("--nodes=".length()));
            } else {
                positional.add(a);
            }
        }
        String[] args = positional.toArray(String[]::new);
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int statements = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        check(nodeCount == 1 || nodeCount == 2, "--nodes is 1 or 2");
        boolean ok;
        TicketBenchmark bench = new TicketBenchmark();
        try {
            ok = nodeCount == 2 ? bench.runTwoNodes(tickets, workers) : bench.run(tickets, statements, workers);
        } catch (Exception | AssertionError e) {
            System.out.println("FAILED: " + e);
            e.printStackTrace(System.out);
            ok = false;
        } finally {
            bench.cleanUp();
        }
        System.out.println(ok ? "benchmark finished" : "benchmark FAILED");
        System.exit(ok ? 0 : 1);
    }

    private boolean run(int tickets, int statements, int workers) throws Exception {
        line("machine: %d cores, load average %s; tickets %d, workers %d, statements %d, other tables %d",
                Runtime.getRuntime().availableProcessors(), loadAverage(), tickets, workers, statements, OTHER_TABLES);
        createTargets(statements > 0);
        long started = System.nanoTime();
        System.setProperty("logging.level.root", "WARN");
        // as a test's properties: above application.yaml (SpringApplicationBuilder.properties() would be below it)
        ApplicationContextInitializer<ConfigurableApplicationContext> settings = c -> TestPropertyValues.of(
                "server.port=0",
                "tollgate.accounts.bootstrap-admin-password=" + SECRET,
                "tollgate.secrets.key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "tollgate.zookeeper.auth=tollgate:benchmark-zookeeper-secret",
                "camunda.bpm.job-execution.enabled=true").applyTo(c);
        context = new SpringApplicationBuilder(TollgateApplication.class)
                .profiles("production")
                .initializers(settings, new FreshDataDir(), new UniqueMariaDbDatabase(), c -> {
                    GenericApplicationContext beans = (GenericApplicationContext) c;
                    beans.registerBean(NoOpTicketProcess.Beans.NO_OP_STEP, JavaDelegate.class, () -> execution -> { });
                    beans.registerBean(NoOpTicketProcess.Beans.EXECUTE_STEP, JavaDelegate.class,
                            signals::executeStep);
                    beans.registerBean(NoOpTicketProcess.Beans.TASK_CREATED, TaskListener.class,
                            signals::taskCreated);
                })
                .run();
        line("application ready in %.1f s", seconds(System.nanoTime() - started));
        http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
        setUp();

        // as many as measured: the JIT compilers still took a fifth of the CPU after a warm-up of a tenth
        int warmUp = Integer.getInteger("bench.warmUp", Math.max(10, tickets));
        line("warm-up: %d tickets, %d no-op processes", warmUp, warmUp);
        Run ticketWarmUp = tickets(warmUp, workers, "warm");
        Run noOpWarmUp = noOps(warmUp, workers, "warm");
        ticketWarmUp.print("  warm-up tickets");
        noOpWarmUp.print("  warm-up no-op processes");
        check(ticketWarmUp.failures() == 0 && noOpWarmUp.failures() == 0, "warm-up failed: " + ticketWarmUp.problems
                + noOpWarmUp.problems);

        Sampler sampler = Boolean.getBoolean("bench.profile") ? Sampler.begin() : null;
        Flight ticketFlight = Flight.begin("tickets");
        CpuProfile ticketProfile = CpuProfile.begin("tickets");
        digests(null, 0);
        ServerCounters beforeTickets = counters();
        CpuCounters cpuBeforeTickets = cpu();
        Run ticketRun = tickets(tickets, workers, "run");
        ServerCounters afterTickets = counters();
        CpuCounters cpuAfterTickets = cpu();
        CpuProfile.Samples ticketParts = ticketProfile == null ? null : ticketProfile.end();
        digests("ticket", tickets);
        ticketFlight.end();
        if (sampler != null) {
            sampler.stopAndPrint();
        }
        Flight noOpFlight = Flight.begin("no-op");
        CpuProfile noOpProfile = CpuProfile.begin("no-op");
        CpuCounters cpuBeforeNoOps = cpu();
        Run noOpRun = noOps(tickets, workers, "run");
        ServerCounters afterNoOps = counters();
        CpuCounters cpuAfterNoOps = cpu();
        CpuProfile.Samples noOpParts = noOpProfile == null ? null : noOpProfile.end();
        noOpFlight.end();
        digests("no-op process", tickets);
        ticketRun.print(TICKETS_THROUGH_JAVA
                ? "tickets (Java API: the use cases in this JVM, no HTTP; review + approval + execution on MariaDB)"
                : "tickets (REST, review + approval + execution on MariaDB)");
        noOpRun.print("no-op process (same shape, Java API, delegates do nothing)");
        line("database statements per ticket: %s", afterTickets.perUnitSince(beforeTickets, tickets));
        line("database statements per no-op process: %s", afterNoOps.perUnitSince(afterTickets, tickets));
        line("CPU per ticket: %s", cpuAfterTickets.perUnitSince(cpuBeforeTickets, tickets));
        line("CPU per no-op process: %s", cpuAfterNoOps.perUnitSince(cpuBeforeNoOps, tickets));
        line("ratio no-op/ticket CPU (JVM and database server together): %.2f",
                cpuAfterNoOps.totalMillisPerUnitSince(cpuBeforeNoOps, tickets)
                        / cpuAfterTickets.totalMillisPerUnitSince(cpuBeforeTickets, tickets));
        line("the same without the JIT compilers' CPU: %.2f",
                cpuAfterNoOps.totalMillisPerUnitWithoutCompilersSince(cpuBeforeNoOps, tickets)
                        / cpuAfterTickets.totalMillisPerUnitWithoutCompilersSince(cpuBeforeTickets, tickets));
        line("ratio ticket/no-op throughput: %.2f (target at least 0.50); tickets/s target at least 50",
                ticketRun.perSecond() / noOpRun.perSecond());
        if (ticketParts != null && noOpParts != null) {
            parts(ticketParts, cpuAfterTickets.jvmMillisWithoutCompilersPerUnitSince(cpuBeforeTickets, tickets),
                    noOpParts, cpuAfterNoOps.jvmMillisWithoutCompilersPerUnitSince(cpuBeforeNoOps, tickets));
        }
        boolean ok = ticketRun.failures() == 0 && noOpRun.failures() == 0;
        ok &= alternating(tickets, workers);
        if (statements > 0) {
            ok &= large(statements);
        }
        line("load average after the run: %s", loadAverage());
        return ok;
    }

    /**
     * Where the JVM's CPU went per ticket and per no-op process (less the JIT compilers'), by part of the work
     * ({@link CpuProfile.Part}): each part's share of the run's samples times the JVM's CPU per unit.
     */
    private static void parts(CpuProfile.Samples ticket, double ticketMillis, CpuProfile.Samples noOp,
                              double noOpMillis) {
        line("JVM CPU by part, ms per ticket / per no-op (async-profiler, %d / %d samples; JIT compilers apart;"
                + " stacks in %s):", ticket.withoutJit(), noOp.withoutJit(), CpuProfile.DIRECTORY);
        Map<String, double[]> byLabel = new java.util.LinkedHashMap<>();
        for (CpuProfile.Part part : CpuProfile.Part.values()) {
            if (part != CpuProfile.Part.JIT) {
                double[] both = byLabel.computeIfAbsent(part.label, k -> new double[2]);
                both[0] += ticket.millis(part, ticketMillis);
                both[1] += noOp.millis(part, noOpMillis);
            }
        }
        byLabel.forEach((label, both) -> line("  %6.1f %6.1f  %s", both[0], both[1], label));
        line("  %6.1f %6.1f  in all", ticketMillis, noOpMillis);
    }

    /**
     * The ratio again, from {@value #ROUNDS} alternating rounds of a quarter of the tickets and as many no-op processes
     * each: one run of each after the other compares two different stretches of a shared machine (runs of the same
     * code gave 0.40 to 0.45), while rounds that alternate put both under the same conditions. Throughput is pooled
     * (all done over all seconds per kind); CPU per unit is summed over the rounds of each kind.
     */
    private boolean alternating(int tickets, int workers) throws Exception {
        int perRound = Math.max(1, tickets / ROUNDS);
        int ticketsDone = 0;
        int noOpsDone = 0;
        double ticketSeconds = 0;
        double noOpSeconds = 0;
        double ticketCpu = 0;
        double noOpCpu = 0;
        List<String> ratios = new ArrayList<>();
        boolean ok = true;
        for (int r = 0; r < ROUNDS; r++) {
            CpuCounters before = cpu();
            Run t = tickets(perRound, workers, "round" + r);
            CpuCounters between = cpu();
            Run n = noOps(perRound, workers, "round" + r);
            CpuCounters after = cpu();
            ok &= t.failures() == 0 && n.failures() == 0;
            ticketsDone += t.done();
            noOpsDone += n.done();
            ticketSeconds += t.seconds();
            noOpSeconds += n.seconds();
            ticketCpu += between.totalMillisPerUnitSince(before, 1);
            noOpCpu += after.totalMillisPerUnitSince(between, 1);
            ratios.add(String.format(Locale.ROOT, "%.2f", t.perSecond() / n.perSecond()));
        }
        double ticketRate = ticketsDone / ticketSeconds;
        double noOpRate = noOpsDone / noOpSeconds;
        line("alternating rounds (%d x %d tickets, then as many no-op processes): tickets %.1f/s, no-op %.1f/s;"
                + " ratio per round %s", ROUNDS, perRound, ticketRate, noOpRate, String.join(" ", ratios));
        line("ratio ticket/no-op throughput over the alternating rounds: %.2f; CPU per ticket %.1f ms, per no-op"
                + " %.1f ms (ratio %.2f)", ticketRate / noOpRate, ticketCpu / ticketsDone, noOpCpu / noOpsDone,
                (noOpCpu / noOpsDone) / (ticketCpu / ticketsDone));
        return ok;
    }

    /**
     * {@code --nodes 2}: node 1 is this JVM (as in the one-node run, and the only one that knows the no-op process's
     * delegates), node 2 a second Tollgate JVM ({@code TollgateChild}) on the same MariaDB database and a ZooKeeper
     * both use. The no-op process is measured on node 1 alone before node 2 starts (node 2 could not run its jobs); then
     * the clients are spread over both nodes' APIs for the tickets, whose jobs either node's job executor takes. Prints
     * each node's successful jobs in the run (Camunda's job log, by the host name each engine was given), tickets/s and
     * the ratio to the one-node no-op.
     */
    private boolean runTwoNodes(int tickets, int workers) throws Exception {
        line("machine: %d cores, load average %s; tickets %d, workers %d, nodes 2 (on the same cores)",
                Runtime.getRuntime().availableProcessors(), loadAverage(), tickets, workers);
        line("uptime: %s", uptime());
        createTargets(false);
        org.apache.curator.test.TestingServer zooKeeper = new org.apache.curator.test.TestingServer(true);
        try {
            long started = System.nanoTime();
            System.setProperty("logging.level.root", "WARN");
            ApplicationContextInitializer<ConfigurableApplicationContext> settings = c -> TestPropertyValues.of(
                    "server.port=0",
                    "tollgate.accounts.bootstrap-admin-password=" + SECRET,
                    "tollgate.secrets.key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                    "tollgate.zookeeper.auth=tollgate:benchmark-zookeeper-secret",
                    "tollgate.zookeeper.connect-string=" + zooKeeper.getConnectString(),
                    "camunda.bpm.generic-properties.properties.hostname=" + NODE_1,
                    "camunda.bpm.job-execution.enabled=true").applyTo(c);
            context = new SpringApplicationBuilder(TollgateApplication.class)
                    .profiles("production")
                    .initializers(settings, new FreshDataDir(), new UniqueMariaDbDatabase(), c -> {
                        GenericApplicationContext beans = (GenericApplicationContext) c;
                        beans.registerBean(NoOpTicketProcess.Beans.NO_OP_STEP, JavaDelegate.class, () -> execution -> { });
                        beans.registerBean(NoOpTicketProcess.Beans.EXECUTE_STEP, JavaDelegate.class,
                                signals::executeStep);
                        beans.registerBean(NoOpTicketProcess.Beans.TASK_CREATED, TaskListener.class,
                                signals::taskCreated);
                    })
                    .run();
            line("node 1 ready in %.1f s", seconds(System.nanoTime() - started));
            http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
            nodes.add(http);
            setUp();

            int warmUp = Integer.getInteger("bench.warmUp", Math.max(10, tickets));
            line("no-op process on node 1 alone: warm-up %d, run %d", warmUp, tickets);
            Run noOpWarmUp = noOps(warmUp, workers, "warm");
            Run noOpRun = noOps(tickets, workers, "run");
            check(noOpWarmUp.failures() == 0, "no-op warm-up failed: " + noOpWarmUp.problems);
            // what one node does alone, in the same run: the figure a second node is compared with
            line("tickets on node 1 alone: warm-up %d, run %d", warmUp, tickets);
            Run oneNodeWarmUp = tickets(warmUp, workers, "warm1");
            check(oneNodeWarmUp.failures() == 0, "one-node warm-up failed: " + oneNodeWarmUp.problems);
            Run oneNodeRun = tickets(tickets, workers, "run1");

            started = System.nanoTime();
            second = SecondNode.start(context.getEnvironment(), zooKeeper.getConnectString(), SECRET);
            nodes.add(second.http());
            line("node 2 ready in %.1f s (pid %d)", seconds(System.nanoTime() - started), second.process().pid());

            line("warm-up: %d tickets over both nodes", warmUp);
            Run ticketWarmUp = tickets(warmUp, workers, "warm");
            ticketWarmUp.print("  warm-up tickets");
            check(ticketWarmUp.failures() == 0, "warm-up failed: " + ticketWarmUp.problems);
            Timestamp runStarted = Timestamp.from(Instant.now());
            Run ticketRun = tickets(tickets, workers, "run");
            ticketRun.print("tickets over 2 nodes (REST, clients split over both APIs; review, approval, execution)");
            oneNodeRun.print("tickets on node 1 alone (same clients, before node 2 started)");
            noOpRun.print("no-op process on node 1 alone (same shape, Java API, delegates do nothing)");
            Map<String, Integer> jobs = jobsPerNode(runStarted);
            line("successful jobs per node in the ticket run (Camunda's job log): %s", jobs);
            line("what the second node adds (same two cores): tickets/s x%.2f", ticketRun.perSecond()
                    / oneNodeRun.perSecond());
            line("ratio ticket (1 node)/no-op (1 node) throughput: %.2f", oneNodeRun.perSecond() / noOpRun.perSecond());
            line("ratio ticket (2 nodes)/no-op (1 node) throughput: %.2f", ticketRun.perSecond() / noOpRun.perSecond());
            line("load average after the run: %s; uptime: %s", loadAverage(), uptime());
            return ticketRun.failures() == 0 && noOpRun.failures() == 0 && oneNodeRun.failures() == 0;
        } finally {
            if (second != null) {
                second.close();
            }
            zooKeeper.close();
        }
    }

    private static final String NODE_1 = "bench-node-1";

    /** Successful jobs since {@code from}, per engine host name ({@code ACT_HI_JOB_LOG.HOSTNAME_}). */
    private Map<String, Integer> jobsPerNode(Timestamp from) throws SQLException {
        Map<String, Integer> jobs = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(context.getEnvironment().getProperty("spring.datasource.url"),
                UniqueMariaDbDatabase.USER, UniqueMariaDbDatabase.PASSWORD);
             java.sql.PreparedStatement s = c.prepareStatement("SELECT HOSTNAME_, COUNT(*) FROM ACT_HI_JOB_LOG"
                     + " WHERE JOB_STATE_ = 2 AND TIMESTAMP_ >= ? GROUP BY HOSTNAME_")) {
            s.setTimestamp(1, from);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    jobs.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return jobs;
    }

    private static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (java.io.IOException e) {
            return "(uptime: " + e.getMessage() + ")";
        }
    }

    /** The API this client thread uses: one node's, chosen round robin when a thread first asks. */
    private Http http() {
        if (nodes.size() < 2) {
            return http;
        }
        Http mine = clientNode.get();
        if (mine == null) {
            mine = nodes.get(Math.floorMod(nextNode.getAndIncrement(), nodes.size()));
            clientNode.set(mine);
        }
        return mine;
    }

    // --- setup

    private void createTargets(boolean large) throws SQLException {
        try (Connection c = server(null); Statement s = c.createStatement()) {
            for (String db : large ? List.of(smallDb, largeDb, jdbcDb) : List.of(smallDb)) {
                s.execute("CREATE DATABASE `" + db + "` CHARACTER SET utf8mb4");
            }
            for (String host : List.of("localhost", "127.0.0.1", "%")) {
                s.execute("CREATE USER '" + targetUser + "'@'" + host + "' IDENTIFIED BY '" + targetPassword + "'");
                s.execute("GRANT ALL PRIVILEGES ON *.* TO '" + targetUser + "'@'" + host + "'");
            }
            s.execute("CREATE TABLE `" + smallDb + "`.`stock` (id INT NOT NULL PRIMARY KEY COMMENT 'id',"
                    + " qty INT NOT NULL COMMENT 'quantity') ENGINE=InnoDB COMMENT='stock'");
            s.execute("INSERT INTO `" + smallDb + "`.`stock` SELECT seq, 0 FROM `" + smallDb + "`.seq_1_to_1000");
            for (int i = 0; i < OTHER_TABLES; i++) {
                s.execute("CREATE TABLE `" + smallDb + "`.`other_" + i + "` (id BIGINT NOT NULL PRIMARY KEY,"
                        + " a VARCHAR(40) NULL, b VARCHAR(40) NULL, c INT NULL, d DATETIME NULL, e DECIMAL(12,2) NULL,"
                        + " f VARCHAR(200) NULL, g BIGINT NULL, h TINYINT NULL, KEY idx_a (a), KEY idx_bc (b, c))"
                        + " ENGINE=InnoDB");
            }
            if (large) {
                for (String db : List.of(largeDb, jdbcDb)) {
                    s.execute("CREATE TABLE `" + db + "`.`items` (id INT NOT NULL PRIMARY KEY COMMENT 'id',"
                            + " sku VARCHAR(20) NOT NULL COMMENT 'sku', qty INT NOT NULL COMMENT 'quantity',"
                            + " note VARCHAR(40) NULL COMMENT 'note') ENGINE=InnoDB COMMENT='items'");
                    s.execute("INSERT INTO `" + db + "`.`items` SELECT seq, CONCAT('sku-', seq), seq % 100, NULL"
                            + " FROM `" + db + "`.seq_1_to_" + TABLE_ROWS);
                }
            }
        }
    }

    private void setUp() {
        Accounts accounts = context.getBean(Accounts.class);
        accounts.createLocal(ENGINEER, SECRET, "Bench engineer", "engineer@bench.invalid", Set.of(Role.ENGINEER));
        accounts.createLocal(REVIEWER, SECRET, "Bench reviewer", "reviewer@bench.invalid", Set.of(Role.REVIEWER));
        accounts.createLocal(DBA, SECRET, "Bench DBA", "dba@bench.invalid", Set.of(Role.DBA));
        String[] server = UniqueMariaDbDatabase.SERVER.split(":");
        context.getBean(TargetInstances.class).register(new InstanceForm(INSTANCE, server[0],
                Integer.parseInt(server[1]), targetUser, targetPassword, Environment.DEV, false,
                Role.REVIEWER.groupId()), "admin");
        try (InputStream model = TicketBenchmark.class.getClassLoader().getResourceAsStream(NoOpTicketProcess.RESOURCE)) {
            context.getBean(RepositoryService.class).createDeployment().name("bench")
                    .addInputStream(NoOpTicketProcess.DEPLOYED_AS, model).deploy();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- small tickets

    private Run tickets(int count, int workers, String tag) throws Exception {
        AtomicInteger next = new AtomicInteger();
        return parallel(count, workers, run -> {
            int n;
            while ((n = next.getAndIncrement()) < count) {
                String sql = "UPDATE `stock` SET qty = qty + 1 WHERE id = " + (n % 1000 + 1) + ";";
                try {
                    Instant submitted = Instant.now();
                    if (TICKETS_THROUGH_JAVA) {
                        String problem = ticketThroughJava(tag + " " + n, sql);
                        if (problem != null) {
                            run.problem(problem);
                        } else {
                            run.done(submitted, Instant.now());
                        }
                        continue;
                    }
                    JsonNode ticket = submit(tag + " " + n, smallDb, sql);
                    String id = ticket.get("id").asText();
                    JsonNode approved = approve(ticket, TICKET_TIMEOUT, true);
                    JsonNode done = awaitEnd(id, approved, TICKET_TIMEOUT);
                    if (!"EXECUTED".equals(done.get("status").asText())) {
                        run.problem(id + " ended " + done.get("status").asText() + ": " + done.get("failure"));
                        continue;
                    }
                    run.done(submitted, Instant.now());
                } catch (Exception e) {
                    run.problem("ticket " + n + ": " + e);
                }
            }
        });
    }

    /**
     * One ticket through the use cases in this JVM ({@code -Dbench.ticketsThrough=java}): submitted as the engineer,
     * approved as the reviewer once reviewed, waited for until it ends; null when it ended EXECUTED, else why not.
     */
    private String ticketThroughJava(String title, String sql) throws Exception {
        Tickets tickets = context.getBean(Tickets.class);
        String id = tickets.submitId(ENGINEER, new TicketDraft(title, INSTANCE, smallDb, sql, "benchmark",
                ExecutionMode.AFTER_APPROVAL, null));
        TicketStatus reviewed = awaitLeavingInJvm(id, Set.of(TicketStatus.REVIEWING));
        if (reviewed != TicketStatus.AWAITING_APPROVAL) {
            return id + ": review ended " + reviewed;
        }
        tickets.decideOpenApproval(id, REVIEWER, List.of(Role.REVIEWER.groupId()), true, "benchmark");
        TicketStatus ended = awaitLeavingInJvm(id, Set.of(TicketStatus.AWAITING_APPROVAL,
                TicketStatus.AWAITING_EXECUTION, TicketStatus.EXECUTING));
        return ended == TicketStatus.EXECUTED ? null : id + " ended " + ended;
    }

    /** The ticket's status once it is none of {@code waited}: re-read after each committed change of the ticket. */
    private TicketStatus awaitLeavingInJvm(String id, Set<TicketStatus> waited) throws Exception {
        Tickets tickets = context.getBean(Tickets.class);
        Semaphore changed = new Semaphore(0);
        Instant deadline = Instant.now().plus(TICKET_TIMEOUT);
        try (ClusterSignals.Registration following = context.getBean(TicketUpdates.class).follow(id, changed::release)) {
            while (true) {
                TicketStatus status = tickets.summary(id).orElseThrow().status();
                if (!waited.contains(status)) {
                    return status;
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                check(left > 0 && changed.tryAcquire(left, TimeUnit.MILLISECONDS), id + ": still " + status + " after "
                        + TICKET_TIMEOUT);
                changed.drainPermits();
            }
        }
    }

    /** Submits and waits out the review in the same request: the ticket as the review left it (or still reviewing). */
    private JsonNode submit(String title, String database, String sql) throws Exception {
        Map<String, Object> body = Map.of("title", title, "instance", INSTANCE, "database", database, "sql", sql,
                "reason", "benchmark", "mode", "AFTER_APPROVAL");
        HttpResponse<String> created = http().postJson("/api/v1/tickets?waitWhileStatus=REVIEWING&wait=30", ENGINEER,
                SECRET, JSON.writeValueAsString(body));
        check(created.statusCode() == 201, "submit: " + created.statusCode() + " " + created.body());
        return JSON.readTree(created.body());
    }

    /**
     * Waits out the rest of the review if the submission's wait did not, then approves the ticket as the reviewer by
     * the ticket alone ({@code POST /api/v1/tickets/{id}/decision}); with {@code waitOn}, in the same request waits out
     * the way to the end ({@code ?waitWhileStatus=AWAITING_EXECUTION,EXECUTING}) and returns the ticket as it answers
     * (else null). A DBA's task, when the decision asks for one, comes with the reviewer's approval and is approved by
     * {@link #awaitEnd}.
     */
    private JsonNode approve(JsonNode submitted, Duration timeout, boolean waitOn) throws Exception {
        String id = submitted.get("id").asText();
        Instant deadline = Instant.now().plus(timeout);
        JsonNode ticket = "REVIEWING".equals(submitted.get("status").asText())
                ? awaitLeaving(id, "REVIEWING", deadline) : submitted;
        check("AWAITING_APPROVAL".equals(ticket.get("status").asText()), id + ": review ended "
                + ticket.get("status").asText() + " " + ticket.get("findings"));
        String wait = waitOn ? "?waitWhileStatus=" + ON_THE_WAY + "&wait=30" : "";
        HttpResponse<String> answer = http().postJson("/api/v1/tickets/" + id + "/decision" + wait, REVIEWER, SECRET,
                "{\"approve\": true, \"comment\": \"benchmark\"}");
        check(answer.statusCode() == (waitOn ? 200 : 204), "decision: " + answer.statusCode() + " " + answer.body());
        return waitOn ? JSON.readTree(answer.body()) : null;
    }

    /** Approves every open approval task of the ticket, as the person it is offered to; how many there were. */
    private int decideOpenTasks(String id) throws Exception {
        HttpResponse<String> tasks = http().get("/api/v1/tickets/" + id + "/tasks", REVIEWER, SECRET);
        check(tasks.statusCode() == 200, "tasks: " + tasks.statusCode() + " " + tasks.body());
        int decided = 0;
        for (JsonNode task : JSON.readTree(tasks.body())) {
            String kind = task.get("kind").asText();
            String approver = switch (kind) {
                case "APPROVAL" -> REVIEWER;
                case "DBA_APPROVAL" -> DBA;
                default -> throw new IllegalStateException(id + ": unexpected task " + kind + " "
                        + http().get("/api/v1/tickets/" + id, ENGINEER, SECRET).body());
            };
            HttpResponse<String> answer = http().postJson("/api/v1/tasks/" + task.get("taskId").asText()
                    + "/decision", approver, SECRET, "{\"approve\": true, \"comment\": \"benchmark\"}");
            check(answer.statusCode() == 204, "decision: " + answer.statusCode() + " " + answer.body());
            decided++;
        }
        return decided;
    }

    private static final Set<String> ENDS = Set.of("EXECUTED", "EXECUTION_FAILED", "REJECTED", "REVIEW_FAILED",
            "WITHDRAWN", "CLOSED_FAILED");
    /** Where an approved ticket passes on its way to the end: waited out with one long poll. */
    private static final String ON_THE_WAY = "AWAITING_EXECUTION,EXECUTING";

    /**
     * The ticket once it has ended, after its approvals: one long poll waits out the whole way (the job's queue and
     * the execution), unless the decision's answer ({@code approved}, null if none) already did; a ticket still
     * AWAITING_APPROVAL has a DBA's task next, which is approved first.
     */
    private JsonNode awaitEnd(String id, JsonNode approved, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode ticket = approved != null ? approved : awaitLeaving(id, ON_THE_WAY, deadline);
        while (!ENDS.contains(ticket.get("status").asText())) {
            String status = ticket.get("status").asText();
            check(Instant.now().isBefore(deadline), id + ": still " + status + " after " + timeout + " (progress "
                    + ticket.get("progress") + ")");
            if ("AWAITING_APPROVAL".equals(status) && decideOpenTasks(id) == 0) {
                sleep(POLL); // not reached: each step's task exists with its status
            }
            ticket = awaitLeaving(id, status + "," + ON_THE_WAY, deadline);
        }
        return ticket;
    }

    /**
     * The ticket once its status is none of {@code statuses} (comma-separated): the API's wait, one request per
     * change (or per 30 s).
     */
    private JsonNode awaitLeaving(String id, String statuses, Instant deadline) throws Exception {
        Set<String> waited = Set.of(statuses.split(","));
        while (true) {
            HttpResponse<String> answer = http().get("/api/v1/tickets/" + id + "?waitWhileStatus=" + statuses
                    + "&wait=30", ENGINEER, SECRET);
            check(answer.statusCode() == 200, "wait: " + answer.statusCode() + " " + answer.body());
            JsonNode ticket = JSON.readTree(answer.body());
            if (!waited.contains(ticket.get("status").asText())) {
                return ticket;
            }
            check(Instant.now().isBefore(deadline), id + ": still " + ticket.get("status").asText() + " at "
                    + deadline);
        }
    }

    // --- no-op process

    private Run noOps(int count, int workers, String tag) throws Exception {
        RuntimeService runtime = context.getBean(RuntimeService.class);
        TaskService tasks = context.getBean(TaskService.class);
        AtomicInteger next = new AtomicInteger();
        return parallel(count, workers, run -> {
            int n;
            while ((n = next.getAndIncrement()) < count) {
                try {
                    Map<String, Object> variables = new HashMap<>();
                    variables.put(Variables.REVIEWER_GROUP, Role.REVIEWER.groupId());
                    variables.put(Variables.ENVIRONMENT, Environment.DEV.name());
                    variables.put(Variables.RISK_LEVEL, "LOW");
                    variables.put(Variables.HAS_DDL, false);
                    variables.put(Variables.ESTIMATED_ROWS, 1L);
                    variables.put(Variables.ROLLBACK_WINDOW, "P7D");
                    Instant submitted = Instant.now();
                    String id = runtime.startProcessInstanceByKey(NoOpTicketProcess.KEY, "noop-" + tag + "-" + n,
                            variables).getId();
                    String taskId = signals.task(id).get(TICKET_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    tasks.setAssignee(taskId, REVIEWER);
                    tasks.complete(taskId, Map.of("approved", true));
                    signals.executed(id).get(TICKET_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    signals.forget(id);
                    run.done(submitted, Instant.now());
                } catch (Exception | AssertionError e) {
                    run.problem("no-op " + n + ": " + e);
                }
            }
        });
    }

    // --- the large ticket

    private boolean large(int count) throws Exception {
        List<String> statements = statements(count);
        String sql = String.join(";\n", statements) + ";";
        line("large ticket: %d statements (%d UPDATE, %d DELETE, %d INSERT) on a %,d-row table, %.1f MB of SQL",
                count, count - 2 * (count / 4), count / 4, count / 4, TABLE_ROWS, sql.length() / 1e6);
        long submitted = System.nanoTime();
        JsonNode large = submit("large", largeDb, sql);
        String id = large.get("id").asText();
        // with -Dbench.asprof: the stacks from approval to EXECUTED, in DIR/large.collapsed
        CpuProfile profile = CpuProfile.begin("large");
        approve(large, LARGE_TICKET_TIMEOUT, false);
        long approved = System.nanoTime();
        JsonNode done = awaitEnd(id, null, LARGE_TICKET_TIMEOUT);
        long ended = System.nanoTime();
        if (profile != null) {
            profile.end();
        }
        String status = done.get("status").asText();
        line("  review and approval: %.1f s; ticket ended %s", seconds(approved - submitted), status);
        if (!"EXECUTED".equals(status)) {
            line("  FAILED: %s", done.get("failure"));
            return false;
        }
        double ticketSeconds = seconds(ended - approved);
        Duration ledgerSpan = ledgerSpan(id);

        long jdbcStarted = System.nanoTime();
        try (Connection c = server(jdbcDb); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
        double jdbcSeconds = seconds(System.nanoTime() - jdbcStarted);
        boolean same = checksum(largeDb).equals(checksum(jdbcDb));
        line("  ticket: approval to EXECUTED %.2f s (executor, first statement to last ledger row: %.2f s)",
                ticketSeconds, ledgerSpan.toMillis() / 1000.0);
        line("  plain JDBC, one autocommit per statement, same statements on an identical copy: %.2f s", jdbcSeconds);
        line("  ratio ticket/JDBC: %.2f (executor only: %.2f; target at most 2.0); tables identical afterwards: %s",
                ticketSeconds / jdbcSeconds, ledgerSpan.toMillis() / 1000.0 / jdbcSeconds, same);
        return same;
    }

    /** Mixed DML touching distinct rows: updates and deletes of existing ids, inserts of new ones. */
    private static List<String> statements(int count) {
        List<String> statements = new ArrayList<>(count);
        int updated = 0;
        int deleted = 0;
        int inserted = 0;
        for (int i = 0; i < count; i++) {
            switch (i % 4) {
                case 0, 2 -> statements.add("UPDATE `items` SET qty = qty + 1, note = 'bench " + i + "' WHERE id = "
                        + (1 + 2 * updated++));
                case 1 -> statements.add("DELETE FROM `items` WHERE id = " + (2 + 2 * deleted++));
                default -> statements.add("INSERT INTO `items` (id, sku, qty, note) VALUES (" + (TABLE_ROWS + 1
                        + inserted++) + ", 'new-" + i + "', " + (i % 7) + ", NULL)");
            }
        }
        return statements;
    }

    private Duration ledgerSpan(String ticketId) throws SQLException {
        try (Connection c = server(null); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT MIN(started_at), MAX(finished_at) FROM tollgate_meta.tollgate_execution_ledger"
                        + " WHERE ticket_id = '" + ticketId + "' AND phase = 'EXECUTE'")) {
            rs.next();
            Timestamp first = rs.getTimestamp(1);
            Timestamp last = rs.getTimestamp(2);
            return Duration.between(first.toInstant(), last.toInstant());
        }
    }

    private String checksum(String db) throws SQLException {
        try (Connection c = server(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', id, sku, qty, IFNULL(note, '-')))) FROM `items`")) {
            rs.next();
            return rs.getString(1) + "/" + rs.getString(2);
        }
    }

    // --- plumbing

    /** Measurements of one run: submit (or start) to executed, per ticket. */
    private static final class Run {
        private final List<Duration> latencies = Collections.synchronizedList(new ArrayList<>());
        private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        private volatile Instant first;
        private volatile Instant last;

        synchronized void done(Instant submitted, Instant executed) {
            latencies.add(Duration.between(submitted, executed));
            first = first == null || submitted.isBefore(first) ? submitted : first;
            last = last == null || executed.isAfter(last) ? executed : last;
        }

        void problem(String problem) {
            problems.add(problem);
        }

        int failures() {
            return problems.size();
        }

        double perSecond() {
            return latencies.size() / seconds();
        }

        int done() {
            return latencies.size();
        }

        double seconds() {
            return Duration.between(first, last).toMillis() / 1000.0;
        }

        void print(String what) {
            List<Duration> sorted = new ArrayList<>(latencies);
            sorted.sort(null);
            if (sorted.isEmpty()) {
                line("%s: none done, %d failed", what, problems.size());
                problems.stream().limit(5).forEach(p -> line("  problem: %s", p));
                return;
            }
            line("%s: %d done, %d failed, %.1f s, %.1f per second, submit-to-executed p50 %d ms, p95 %d ms, max %d ms",
                    what, sorted.size(), problems.size(), Duration.between(first, last).toMillis() / 1000.0,
                    perSecond(), percentile(sorted, 50), percentile(sorted, 95), sorted.get(sorted.size() - 1).toMillis());
            problems.stream().limit(5).forEach(p -> line("  problem: %s", p));
        }

        private static long percentile(List<Duration> sorted, int p) {
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)).toMillis();
        }
    }

    /**
     * With {@code -Dbench.profile=true}: samples the application's threads every 20 ms during the ticket run and
     * prints where they were (Tollgate frames; DB = waiting for MariaDB, cpu = running), to find the bottleneck.
     */
    /**
     * With {@code -Dbench.jfr=DIR}: a Java Flight Recorder recording (settings "profile": CPU samples every 10-20 ms,
     * allocations, locks) of one measured run only, dumped to {@code DIR/<name>.jfr} for {@code jfr print} or JDK
     * Mission Control. Without the property it does nothing.
     */
    private record Flight(String name, jdk.jfr.Recording recording) {

        static Flight begin(String name) throws Exception {
            if (System.getProperty("bench.jfr") == null) {
                return new Flight(name, null);
            }
            jdk.jfr.Recording r = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            r.start();
            return new Flight(name, r);
        }

        void end() throws Exception {
            if (recording == null) {
                return;
            }
            recording.stop();
            Path file = Path.of(System.getProperty("bench.jfr"), name + ".jfr");
            Files.createDirectories(file.getParent());
            recording.dump(file);
            recording.close();
            line("flight recording of the %s run: %s", name, file);
        }
    }

    private static final class Sampler extends Thread {
        private final Map<String, Integer> counts = new HashMap<>();
        private volatile boolean running = true;

        static Sampler begin() {
            Sampler s = new Sampler();
            s.setDaemon(true);
            s.start();
            return s;
        }

        @Override
        public void run() {
            while (running) {
                for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                    String name = e.getKey().getName();
                    StackTraceElement[] stack = e.getValue();
                    if (stack.length == 0 || !(name.contains("TaskExecutor") || name.contains("exec-"))) {
                        continue;
                    }
                    List<String> ours = new ArrayList<>();
                    for (StackTraceElement f : stack) {
                        if (f.getClassName().startsWith("io.tollgate") && !f.getClassName().contains("$$")
                                && !f.getClassName().startsWith("io.tollgate.bench")) {
                            ours.add(f.getClassName().replace("io.tollgate.", "") + "." + f.getMethodName() + ":"
                                    + f.getLineNumber());
                        }
                    }
                    if (ours.isEmpty()) {
                        continue;
                    }
                    String top = stack[0].getClassName() + "." + stack[0].getMethodName();
                    boolean db = false;
                    for (int i = 0; i < Math.min(8, stack.length); i++) {
                        db |= stack[i].getClassName().contains("NioSocketImpl") || stack[i].getClassName().contains("SocketInputStream");
                    }
                    String state = db ? "DB " : e.getKey().getState() == Thread.State.RUNNABLE ? "cpu " + top + " " : "wait " + top + " ";
                    String key = state + String.join(" < ", ours.subList(0, Math.min(3, ours.size())));
                    counts.merge(key, 1, Integer::sum);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }

        void stopAndPrint() {
            running = false;
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(40)
                    .forEach(e -> line("  sample %5d %s", e.getValue(), e.getKey()));
        }
    }

    private interface Worker {
        void work(Run run) throws Exception;
    }

    private static Run parallel(int count, int workers, Worker worker) throws Exception {
        Run run = new Run();
        java.util.concurrent.atomic.AtomicInteger named = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers,
                r -> new Thread(r, CLIENT_THREADS + named.incrementAndGet()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < Math.min(workers, count); w++) {
                futures.add(pool.submit(() -> {
                    worker.work(run);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(count * TICKET_TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return run;
    }

    private void cleanUp() {
        if (second != null) {
            second.close();
        }
        if (context != null) {
            context.close();
        }
        try (Connection c = server(null); Statement s = c.createStatement()) {
            for (String db : List.of(smallDb, largeDb, jdbcDb)) {
                s.execute("DROP DATABASE IF EXISTS `" + db + "`");
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA ="
                    + " 'tollgate_meta' AND TABLE_NAME = 'tollgate_execution_ledger'")) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    s.execute("DELETE FROM tollgate_meta.tollgate_execution_ledger WHERE target_database IN ('"
                            + smallDb + "', '" + largeDb + "')");
                }
            }
            for (String host : List.of("localhost", "127.0.0.1", "%")) {
                s.execute("DROP USER IF EXISTS '" + targetUser + "'@'" + host + "'");
            }
        } catch (SQLException e) {
            line("clean-up: %s", e.getMessage());
        }
    }

    private static ServerCounters counters() throws SQLException {
        try (Connection c = server(null)) {
            return ServerCounters.read(c);
        }
    }

    /** With {@code run} null, forgets the digests so far; else prints the run's ({@link Digests}). */
    private static void digests(String run, int units) throws SQLException {
        if (Digests.ON) {
            try (Connection c = server(null)) {
                if (run == null) {
                    Digests.reset(c);
                } else {
                    Digests.print(c, run, units);
                }
            }
        }
    }

    private static CpuCounters cpu() throws SQLException {
        try (Connection c = server(null)) {
            return CpuCounters.read(c);
        }
    }

    private static Connection server(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + UniqueMariaDbDatabase.SERVER + "/"
                        + (database == null ? "" : database) + "?sslMode=DISABLED&allowPublicKeyRetrieval=true",
                UniqueMariaDbDatabase.USER, UniqueMariaDbDatabase.PASSWORD);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
