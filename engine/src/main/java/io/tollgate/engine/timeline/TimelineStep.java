package io.tollgate.engine.timeline;

import java.time.Duration;
import java.time.Instant;

/**
 * One step of a timeline: when, from which record ({@code trail} or {@code engine}), what happened, who did it,
 * how long it waited (a task: from its creation to its end, or until now while open), and a detail.
 */
public record TimelineStep(Instant at, String source, String what, String who, Duration waited, String detail) {

    public static final String TRAIL = "trail";
    public static final String ENGINE = "engine";
}
