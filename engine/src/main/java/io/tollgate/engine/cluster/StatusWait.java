package io.tollgate.engine.cluster;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.tollgate.engine.InvalidRequestException;

/**
 * What a long poll ({@code ?waitWhileStatus=S1,S2&wait=N}) asks of a {@link StatusWatch}: answer once the record's
 * status is none of the statuses, or after {@code N} seconds (default 30, at most 60). Several statuses let a
 * pipeline wait out a whole stretch (approved, executing) with one request instead of one per status.
 */
public record StatusWait<S extends Enum<S>>(Set<S> statuses, Duration timeout) {

    private static final int MAX_WAIT_SECONDS = 60;
    private static final int DEFAULT_WAIT_SECONDS = 30;
    private static final String STATUSES = "waitWhileStatus";
    private static final String WAIT = "wait";

    public StatusWait {
        statuses = Set.copyOf(statuses);
    }

    /** Both request parameters, checked: a 400 naming the parameter at fault otherwise. */
    public static <S extends Enum<S>> StatusWait<S> parse(Class<S> type, String waitWhileStatus, String wait) {
        return new StatusWait<>(statuses(type, waitWhileStatus), Duration.ofSeconds(seconds(wait)));
    }

    private static <S extends Enum<S>> Set<S> statuses(Class<S> type, String value) {
        Set<S> statuses = EnumSet.noneOf(type);
        for (String one : value == null ? new String[0] : value.split(",")) {
            if (one.isBlank()) {
                continue;
            }
            try {
                statuses.add(Enum.valueOf(type, one.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw invalidStatus(type, value);
            }
        }
        if (statuses.isEmpty()) {
            throw invalidStatus(type, value);
        }
        return statuses;
    }

    private static InvalidRequestException invalidStatus(Class<? extends Enum<?>> type, String value) {
        return new InvalidRequestException(STATUSES, STATUSES + " must be one of "
                + Arrays.toString(type.getEnumConstants()) + " (or several, separated by commas), not '" + value
                + "'");
    }

    private static int seconds(String wait) {
        if (wait == null || wait.isBlank()) {
            return DEFAULT_WAIT_SECONDS;
        }
        try {
            int seconds = Integer.parseInt(wait.strip());
            if (seconds >= 0 && seconds <= MAX_WAIT_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException(WAIT, "wait must be a whole number of seconds from 0 to " + MAX_WAIT_SECONDS
                + ", not '" + wait + "'");
    }
}
