package io.tollgate.engine.review.internal;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.internal.rules.RuleRegistry;
import io.tollgate.engine.review.internal.statement.TargetMetadata;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark of the built-in reviewer (a command, not a test): generates scripts of 1,000, 10,000 and
 * 100,000 mixed statements, reviews each with every rule on against a warmed in-memory metadata cache,
 * and prints statements per second, peak heap, the split+parse-only time and the review/parse ratio.
 *
 * <pre>
 * ./mvnw -q -pl engine -am test-compile
 * MAVEN_OPTS="-Xmx512m" ./mvnw -q -pl engine exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tollgate.engine.review.ReviewBenchmark
 * </pre>
 * Arguments (optional): the sizes to run, e.g. {@code 1000 10000}.
 */
public final class ReviewBenchmark {

    private static final int TABLES = 50;
    private static final int RUNS = 5;

    private ReviewBenchmark() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000, 100_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        FixedTargetMetadata target = warmedCache();
        BuiltInSqlReviewer reviewer = TestReviewers.allRulesOn(target);
        System.out.printf(Locale.ROOT, "rules: %d (all on), max heap: %d MB, cores: %d%n", RuleRegistry.ALL.size(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), Runtime.getRuntime().availableProcessors());
        // warm-up so that the JIT has compiled the splitter, the parser and the rules before measuring
        String warmup = script(10_000, 7);
        for (int i = 0; i < 20; i++) {
            BuiltInSqlReviewer.splitAndParse(warmup);
            reviewer.review(new ReviewRequest(warmup, TestReviewers.TARGET, "bench", Environment.PROD));
        }
        System.out.println("best of " + RUNS + " runs per size; cpu = CPU time of the reviewing thread (robust when the machine is shared)");
        System.out.printf(Locale.ROOT, "%10s %6s %9s %9s %9s %9s %9s %9s %10s %8s%n", "statements", "MB", "parse s", "review s",
                "stmts/s", "peak MB", "findings", "ratio", "cpu ratio", "risk");
        for (int size : sizes) {
            String sql = script(size, size);
            long peak = 0;
            double parseWall = Double.MAX_VALUE;
            double reviewWall = Double.MAX_VALUE;
            double parseCpu = Double.MAX_VALUE;
            double reviewCpu = Double.MAX_VALUE;
            ReviewResult result = null;
            for (int run = 0; run < RUNS; run++) {
                System.gc();
                long w0 = System.nanoTime();
                long c0 = cpu();
                int parsed = BuiltInSqlReviewer.splitAndParse(sql);
                parseCpu = Math.min(parseCpu, (cpu() - c0) / 1e9);
                parseWall = Math.min(parseWall, (System.nanoTime() - w0) / 1e9);
                result = null;
                System.gc();
                resetPeaks();
                long w1 = System.nanoTime();
                long c1 = cpu();
                result = reviewer.review(new ReviewRequest(sql, TestReviewers.TARGET, "bench", Environment.PROD));
                reviewCpu = Math.min(reviewCpu, (cpu() - c1) / 1e9);
                reviewWall = Math.min(reviewWall, (System.nanoTime() - w1) / 1e9);
                peak = Math.max(peak, peakHeap());
                if (result.statements().size() != size || parsed != size) {
                    throw new IllegalStateException("expected " + size + " statements, parsed " + parsed + ", reviewed "
                            + result.statements().size() + ": " + result.message());
                }
            }
            long findings = result.statements().stream().mapToLong(s -> s.findings().size()).sum();
            System.out.printf(Locale.ROOT, "%10d %6.1f %9.2f %9.2f %9.0f %9d %9d %9.2f %10.2f %8s%n", size, sql.length() / 1e6, parseWall,
                    reviewWall, size / reviewWall, peak / (1024 * 1024), findings, reviewWall / parseWall, reviewCpu / parseCpu,
                    result.risk());
        }
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Database {@code bench} with {@code t0..t49}, each with a few columns and indexes, already in memory. */
    static FixedTargetMetadata warmedCache() {
        FixedTargetMetadata target = new FixedTargetMetadata();
        for (int i = 0; i < TABLES; i++) {
            target.add(new TargetMetadata.Table("bench", "t" + i, "InnoDB", i % 10 == 0 ? 5_000_000 : 50_000, List.of(
                    new TargetMetadata.Column("id", "bigint(20) unsigned", false),
                    new TargetMetadata.Column("name", "varchar(64)", false),
                    new TargetMetadata.Column("status", "tinyint(4)", false),
                    new TargetMetadata.Column("amount", "decimal(12,2)", false),
                    new TargetMetadata.Column("created_at", "datetime", false)), List.of(
                    new TargetMetadata.Index("PRIMARY", true, List.of("id")),
                    new TargetMetadata.Index("idx_name", false, List.of("name")),
                    new TargetMetadata.Index("idx_status_created", false, List.of("status", "created_at")))));
        }
        return target;
    }

    /** A script of {@code n} mixed statements (DML mostly, some DDL and queries), about 100 bytes each. */
    static String script(int n, long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder(n * 110);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int t = random.nextInt(TABLES);
            int id = random.nextInt(1_000_000);
            switch (i % 20) {
                case 0, 1, 2, 3, 4, 5 -> b.append("INSERT INTO t").append(t).append(" (id, name, status, amount) VALUES (").append(id)
                        .append(", 'name ").append(id).append("', 1, 10.50), (").append(id + 1).append(", 'other', 2, 3.25);\n");
                case 6, 7, 8, 9 -> b.append("UPDATE t").append(t).append(" SET status = 2, amount = amount + 1 WHERE id = ").append(id)
                        .append(" AND status = 1;\n");
                case 10, 11 -> b.append("DELETE FROM t").append(t).append(" WHERE id BETWEEN ").append(id).append(" AND ")
                        .append(id + 100).append(";\n");
                case 12 -> b.append("-- look-up ").append(i).append("\nSELECT id, name FROM t").append(t)
                        .append(" WHERE name LIKE 'n%' ORDER BY id LIMIT 10;\n");
                case 13 -> b.append("UPDATE t").append(t).append(" SET name = 'x' WHERE created_at < '2024-01-01' LIMIT 100;\n");
                case 14 -> {
                    String name = "n" + i;
                    created.add(name);
                    b.append("CREATE TABLE ").append(name).append(" (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'id', ")
                            .append("code VARCHAR(32) NOT NULL DEFAULT '' COMMENT 'code', PRIMARY KEY (id), KEY idx_code (code)) ")
                            .append("ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='bench';\n");
                }
                case 15 -> b.append("ALTER TABLE ").append(created.isEmpty() ? "t" + t : created.get(created.size() - 1))
                        .append(" ADD COLUMN c").append(i).append(" INT NOT NULL DEFAULT 0 COMMENT 'c', ADD INDEX idx_c").append(i)
                        .append(" (c").append(i).append(");\n");
                case 16 -> b.append("INSERT INTO t").append(t).append(" VALUES (").append(id).append(", 'no columns', 1, 0, NOW());\n");
                case 17 -> b.append("SELECT * FROM t").append(t).append(" t JOIN t").append((t + 1) % TABLES)
                        .append(" u ON u.id = t.id WHERE t.status = 3;\n");
                case 18 -> b.append("UPDATE t").append(t).append(" SET amount = 0 WHERE status = 9;\n");
                default -> b.append("/* bulk */ INSERT INTO t").append(t).append(" (id, name) SELECT id, name FROM t")
                        .append((t + 2) % TABLES).append(" WHERE id < 10;\n");
            }
        }
        return b.toString();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
