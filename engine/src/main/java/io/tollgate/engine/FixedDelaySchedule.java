package io.tollgate.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a task on a daemon thread of its own, {@code interval} after the previous run ended, from application start to
 * stop. A failing run is logged and the next one comes as usual. Used by the outboxes' dispatchers.
 */
public final class FixedDelaySchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FixedDelaySchedule.class);

    private final String name;
    private final Runnable task;
    private final Duration interval;
    private final boolean enabled;
    private ScheduledExecutorService executor;

    /** @param enabled false (or a zero interval) makes this a no-op, e.g. while there is nothing to send to */
    public FixedDelaySchedule(String name, Runnable task, Duration interval, boolean enabled) {
        this.name = name;
        this.task = task;
        this.interval = interval;
        this.enabled = enabled && !interval.isZero() && !interval.isNegative();
    }

    @Override
    public synchronized void start() {
        if (!enabled || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::run, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            task.run();
        } catch (RuntimeException e) {
            // a database hiccup must not end the schedule; the next run tries again
            log.warn("{} failed; trying again in {}", name, interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
