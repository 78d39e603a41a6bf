package io.tollgate.engine.statistics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/statistics?from=2026-11-01&to=2026-11-30}: the statistics of those days (UTC, both included;
 * without them the last 30 days), for DBAs, process owners, auditors and admins.
 */
@RestController
class StatisticsController {

    private final Statistics statistics;

    StatisticsController(Statistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/api/v1/statistics")
    StatisticsReport report(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            Authentication user) {
        Permissions.require(user, Permission.READ_STATISTICS);
        return statistics.report(user.getName(), day("from", from), day("to", to));
    }

    private static LocalDate day(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return io.tollgate.engine.RequestTimes.requireDay(LocalDate.parse(value.strip()), "'" + name + "'");
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name, "'" + name + "' must be a day like 2026-12-01, not '" + value
                    + "'");
        }
    }
}
