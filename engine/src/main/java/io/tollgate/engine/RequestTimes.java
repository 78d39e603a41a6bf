package io.tollgate.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A time a request names, the same way on every API: a day ({@code 2026-12-01}, UTC) or an instant
 * ({@code 2026-12-01T10:00:00Z}). A day as the start of a range is its first moment; as the end, the range runs
 * through that whole day (the end is exclusive, the next day's first moment).
 */
public final class RequestTimes {

    private RequestTimes() {
    }

    /** The start of a range named by the request parameter {@code name}; null when not given. */
    public static Instant from(String value, String name) {
        return time(value, name, false);
    }

    /** The (exclusive) end of a range named by the request parameter {@code name}; null when not given. */
    public static Instant until(String value, String name) {
        return time(value, name, true);
    }

    /**
     * Refuses a range that holds nothing, named as the request wrote it ({@code from} and {@code to} as given, not the
     * end of a day {@code to} stands for), with {@code from} as the field at fault.
     */
    public static void requireOrdered(String fromValue, String toValue) {
        Instant from = from(fromValue, "from");
        Instant until = until(toValue, "to");
        if (from != null && until != null && !from.isBefore(until)) {
            throw new InvalidRequestException("from", "the range from " + fromValue.strip() + " to " + toValue.strip()
                    + " holds nothing: 'from' must come before 'to' (a day as 'to' includes that day, so from=to= a"
                    + " day is that day)");
        }
    }

    /** The first day a request may name: nothing Tollgate records is older. */
    public static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);
    /** The last day a request may name: what a database's dates hold. */
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    private static Instant time(String value, String name, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        Instant time;
        try {
            if (v.length() == 10) {
                LocalDate day = requireDay(LocalDate.parse(v), name);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            time = Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name, name + " must be a day (2026-12-01) or an instant"
                    + " (2026-12-01T10:00:00Z), not '" + v + "'");
        }
        requireDay(LocalDate.ofInstant(time, ZoneOffset.UTC), name);
        return time;
    }

    /** {@code day}, when it lies between {@link #FIRST_DAY} and {@link #LAST_DAY}; else the request's error. */
    public static LocalDate requireDay(LocalDate day, String name) {
        if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
            throw new InvalidRequestException(name, name + " must lie between " + FIRST_DAY + " and " + LAST_DAY
                    + ", not " + day);
        }
        return day;
    }
}
