package io.tollgate.ui.servicetree;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times on the service-tree pages as people read them: to the second, in the server's zone, never microseconds. */
final class TreeTimes {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private TreeTimes() {
    }

    static String format(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
