package io.tollgate.engine;

import java.util.List;

/**
 * What Tollgate's JSON APIs answer when they refuse a request: a sentence for the person and the single problems (empty
 * when the sentence says it all). One shape for every refusal, from a controller or from a security filter.
 */
public record ApiProblem(String message, List<String> problems) {

    public ApiProblem {
        problems = List.copyOf(problems);
    }

    public static ApiProblem of(String message) {
        return new ApiProblem(message, List.of());
    }
}
