package io.tollgate.engine.permission;

import java.util.List;

/** The one JSON error shape of {@code /api/v1}: what went wrong, and each problem of a bad request. */
public record ApiProblem(String message, List<String> problems) {

    public ApiProblem {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public static ApiProblem of(String message) {
        return new ApiProblem(message, List.of());
    }
}
