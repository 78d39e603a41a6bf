package io.tollgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import one.profiler.AsyncProfiler;
import one.profiler.Counter;

/**
 * With {@code -Dbench.asprof=DIR}: async-profiler (from Maven Central, its Linux library inside the jar) samples every
 * thread of this JVM by CPU time during one run ({@code itimer}: no perf events needed), writes the run's stacks to
 * {@code DIR/<run>.collapsed} (one line per stack with its thread, for flame graphs and grep) and sorts the samples
 * into the parts of a ticket's work ({@link Part}). Flight recordings sample a few threads at a time and gave some
 * hundred samples a run; this gives thousands, so parts of 1 % are seen.
 */
final class CpuProfile {

    static final String DIRECTORY = System.getProperty("bench.asprof");

    /** The parts, first match wins; each is a thread and, where needed, a frame on its stack. */
    enum Part {
        JIT("JIT compilers", null),
        HTTP_ASYNC_DISPATCH("HTTP: the waits' second dispatch (filters again, JSON out)", "http-nio-",
                "CoyoteAdapter.asyncDispatch"),
        HTTP_DECISION("HTTP: the decision (checks, task completed, listeners, on to the execute job)", "http-nio-",
                "CamundaTickets.decide"),
        HTTP_SUBMIT("HTTP: the submission (validation, ticket row, process started)", "http-nio-",
                "CamundaTickets.submitId"),
        HTTP_REST("HTTP: Tomcat, sign-in, filters, MVC, JSON in", "http-nio-"),
        JOB_EXECUTE("job: the execution (target connection, lock, ledger, results, trail, mail)",
                "camundaTaskExecutor", "ExecuteTicketDelegate"),
        JOB_REVIEW("job: the review (parse, rules, target metadata, findings, routing)", "camundaTaskExecutor",
                "ReviewTicketDelegate"),
        JOB_DECISION_TABLE("job: the model's decision table (DMN, FEEL)", "camundaTaskExecutor",
                "DecisionEvaluationUtil"),
        JOB_TASK_MAIL("job: the new task's mail", "camundaTaskExecutor", "TaskCreatedMails"),
        JOB_ENGINE("job: the engine (variables, history, flush, gateways, listeners)", "camundaTaskExecutor"),
        ACQUISITION("job acquisition", "JobExecutor["),
        WAITS("the waits' answers (the ticket read)", "ticket-watch"),
        CLIENT_JAVA_API("benchmark client: Java API (the no-op's start and completion)", TicketBenchmark.CLIENT_THREADS,
                "RuntimeServiceImpl", "TaskServiceImpl"),
        CLIENT_HTTP("benchmark client: HTTP", TicketBenchmark.CLIENT_THREADS),
        CLIENT_HTTP_IO("benchmark client: HTTP", "HttpClient-"),
        OTHER("other (GC, timers, the rest)", "");

        final String label;
        private final String thread;
        private final List<String> frames;

        /**
         * {@code thread}: how the thread's name starts (null: the JIT compilers' threads); {@code frames}: one of them
         * on the stack (none: any stack).
         */
        Part(String label, String thread, String... frames) {
            this.label = label;
            this.thread = thread;
            this.frames = List.of(frames);
        }

        private boolean matches(String threadName, String stack) {
            boolean thread = this.thread == null ? threadName.startsWith("C1 CompilerThre")
                    || threadName.startsWith("C2 CompilerThre") || threadName.startsWith("Sweeper thread")
                    : threadName.startsWith(this.thread);
            return thread && (frames.isEmpty() || frames.stream().anyMatch(stack::contains));
        }

        static Part of(String threadName, String stack) {
            for (Part part : values()) {
                if (part.matches(threadName, stack)) {
                    return part;
                }
            }
            return OTHER;
        }
    }

    /** Samples per part of one run; JIT apart, since the parts are shares of the JVM's CPU less the compilers'. */
    record Samples(Map<Part, Long> parts) {

        long withoutJit() {
            return parts.entrySet().stream().filter(e -> e.getKey() != Part.JIT).mapToLong(Map.Entry::getValue).sum();
        }

        /** The part's share of {@code millis}, the JVM's CPU per unit less the compilers'. */
        double millis(Part part, double millis) {
            long all = withoutJit();
            return all == 0 || part == Part.JIT ? 0 : parts.getOrDefault(part, 0L) * millis / all;
        }
    }

    private final String run;

    private CpuProfile(String run) {
        this.run = run;
    }

    /** Starts sampling for {@code run}; null when {@code bench.asprof} is not set. */
    static CpuProfile begin(String run) throws IOException {
        if (DIRECTORY == null) {
            return null;
        }
        AsyncProfiler.getInstance().execute("start,event=itimer,interval=1ms,threads");
        return new CpuProfile(run);
    }

    /** Stops sampling, writes the stacks and sorts them into parts. */
    Samples end() throws IOException {
        AsyncProfiler profiler = AsyncProfiler.getInstance();
        profiler.stop();
        String collapsed = profiler.dumpCollapsed(Counter.SAMPLES);
        Path file = Path.of(DIRECTORY, run + ".collapsed");
        Files.createDirectories(file.getParent());
        Files.writeString(file, collapsed);
        Map<Part, Long> parts = new LinkedHashMap<>();
        for (String line : collapsed.split("\n")) {
            int count = line.lastIndexOf(' ');
            int thread = line.indexOf(';');
            if (count < 0 || thread < 0 || !line.startsWith("[")) {
                continue;
            }
            // "[name tid=123];frame;frame... 42"
            String name = line.substring(1, thread).replaceFirst(" tid=\\d+]$", "");
            parts.merge(Part.of(name, line.substring(thread, count)), Long.parseLong(line.substring(count + 1)),
                    Long::sum);
        }
        return new Samples(parts);
    }
}
