package io.tollgate.engine;

import java.io.CharConversionException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Says in one sentence why a request body could not be read, and which field is at fault: a missing body, bytes that
 * are not UTF-8, text that is not JSON, or a value that does not fit its field (an unknown enum constant, a time that
 * is not ISO-8601, a string where an object belongs). The sentence names what would be accepted.
 */
final class UnreadableBodies {

    static final String BODY_REQUIRED = "a JSON body is required (Content-Type: application/json)";

    private UnreadableBodies() {
    }

    static ApiProblem explain(HttpMessageNotReadableException e) {
        Throwable cause = jacksonCause(e);
        if (cause == null) {
            return ApiProblem.of(String.valueOf(e.getMessage()).startsWith("Required request body is missing")
                    ? BODY_REQUIRED : "the request body could not be read: send JSON encoded in UTF-8");
        }
        Throwable encoding = notUtf8(e);
        if (encoding != null) {
            return ApiProblem.of("the request body is not valid UTF-8" + where(encoding)
                    + ": send JSON encoded in UTF-8");
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return ApiProblem.of(field, "'" + field + "' is not a field of this request"
                    + (known.isEmpty() ? "" : "; it takes " + String.join(", ", known)));
        }
        if (cause instanceof StreamReadException duplicate
                && String.valueOf(duplicate.getOriginalMessage()).startsWith("Duplicate field ")) {
            String field = duplicate.getOriginalMessage().substring("Duplicate field ".length()).replace("'", "");
            return ApiProblem.of(field, "'" + field + "' is given twice" + where(duplicate) + ": give each field once");
        }
        if (cause instanceof InvalidFormatException invalid && !invalid.getPath().isEmpty()) {
            String field = path(invalid);
            return ApiProblem.of(field, "'" + field + "' must be " + describe(invalid.getTargetType()) + ", not '"
                    + invalid.getValue() + "'");
        }
        if (cause instanceof MismatchedInputException mismatched) {
            if (mismatched.getPath().isEmpty()) {
                return ApiProblem.of(String.valueOf(mismatched.getOriginalMessage()).startsWith("No content")
                        ? BODY_REQUIRED : "the request body must be a JSON object with the request's fields");
            }
            String field = path(mismatched);
            return ApiProblem.of(field, "'" + field + "' must be " + describe(mismatched.getTargetType()));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            if (mapping.getCause() instanceof StreamConstraintsException) {
                return ApiProblem.of(field, "'" + field + "' is longer than the API reads in one value (at most "
                        + String.format(Locale.ROOT, "%,d", StreamReadConstraints.DEFAULT_MAX_STRING_LEN)
                        + " characters)");
            }
            return ApiProblem.of(field, "'" + field + "' could not be read: " + firstLine(mapping.getOriginalMessage()));
        }
        if (cause instanceof StreamReadException parse) {
            return ApiProblem.of("the request body is not valid JSON" + where(parse) + ": "
                    + firstLine(parse.getOriginalMessage()));
        }
        return ApiProblem.of("the request body could not be read as JSON: " + firstLine(cause.getMessage()));
    }

    /** The outermost Jackson exception under Spring's (it knows the field), else the root cause, else null. */
    private static Throwable jacksonCause(HttpMessageNotReadableException e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof JacksonException || t instanceof CharConversionException) {
                return t;
            }
        }
        Throwable root = e.getMostSpecificCause();
        return root == e ? null : root;
    }

    /** What a value of {@code type} looks like, in the words of a sentence "… must be …". */
    static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 time with its zone, such as 2026-12-03T14:30:00Z";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    /** The exception saying the bytes are not UTF-8, wherever Jackson wrapped it; null when the bytes were fine. */
    private static Throwable notUtf8(HttpMessageNotReadableException e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof CharConversionException
                    || (t instanceof StreamReadException && String.valueOf(t.getMessage()).contains("UTF-8"))) {
                return t;
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String where(Throwable cause) {
        JsonLocation location = cause instanceof JsonProcessingException json ? json.getLocation() : null;
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        int source = line.indexOf(" at [Source");
        return source > 0 ? line.substring(0, source) : line;
    }
}
