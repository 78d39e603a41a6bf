package io.tollgate.engine;

import java.util.List;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What Tollgate's JSON APIs answer when they refuse a request, one shape for every refusal, from a controller or from
 * a security filter: the HTTP {@code status} and its reason ({@code error}), a sentence for the person saying what is
 * wrong and what would be accepted ({@code message}), the request field at fault ({@code field}, null when no single
 * field is) and the single problems ({@code problems}, empty when the sentence says it all).
 * <p>
 * Code that refuses builds the problem without a status ({@link #of}, {@link #of(String, String)}); the response's
 * status is filled in on the way out ({@code ApiProblemStatus} for controllers, {@code ProblemResponses} for filters).
 * A controller answers a refusal with {@link #answer}, which is JSON whatever the request's {@code Accept} asked for.
 */
public record ApiProblem(Integer status, String error, String message, String field, List<String> problems) {

    public ApiProblem {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public ApiProblem(String message, List<String> problems) {
        this(null, null, message, null, problems);
    }

    public static ApiProblem of(String message) {
        return new ApiProblem(message, List.of());
    }

    /** A problem with one field of the request: {@code field} names it as the request spells it. */
    public static ApiProblem of(String field, String message) {
        return new ApiProblem(null, null, message, field, List.of());
    }

    /**
     * This problem as a controller's answer with {@code status}, in JSON whatever the request's {@code Accept} header
     * asked for: a preset content type is not negotiated, so a browser's {@code text/html} or a client's XML gets the
     * refusal itself, not a 500 from a converter that could not write it or Spring Boot's HTML error page.
     */
    public ResponseEntity<ApiProblem> answer(HttpStatusCode status) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(this);
    }

    /** This problem as answered with {@code status}: its number and reason phrase. */
    public ApiProblem withStatus(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return new ApiProblem(status, known == null ? "HTTP " + status : known.getReasonPhrase(), message, field,
                problems);
    }

    /**
     * A parameter that does not convert, named with the type it must be. Public for controllers with a handler of
     * their own for {@link IllegalArgumentException}: Spring matches a handler on the cause too, so theirs would take
     * the parameter's {@code NumberFormatException} ("For input string") unless they answer the mismatch with this.
     */
    public static ApiProblem of(TypeMismatchException e) {
        String parameter = e instanceof MethodArgumentTypeMismatchException m ? m.getName()
                : e.getPropertyName();
        String name = parameter == null ? "a parameter" : "'" + parameter + "'";
        Class<?> required = e.getRequiredType();
        String several = "";
        if (e instanceof MethodArgumentTypeMismatchException m && required != null
                && (required.isArray() || java.util.Collection.class.isAssignableFrom(required))) {
            required = m.getParameter().nested().getNestedParameterType();
            several = " (the parameter may be repeated)";
        }
        String type = required == null ? "another type" : UnreadableBodies.describe(required);
        Object value = e.getValue() instanceof Object[] values && values.length == 1 ? values[0]
                : e.getValue() instanceof Object[] values ? java.util.Arrays.toString(values) : e.getValue();
        return ApiProblem.of(parameter, name + " must be " + type + several + ", not '" + value + "'");
    }
}
