package io.tollgate.engine.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * Finds what would make Camunda evaluate an expression in a query: {@code orQueries} (Camunda evaluates the
 * expressions inside them although ad-hoc query expressions are off), any parameter or key ending in
 * {@code Expression}, and any value with {@code ${} or {@code #{}, in a query string or at any depth of a JSON body.
 * Names are compared without regard to case. Each problem found is a sentence for the caller.
 */
final class ExpressionScreen {

    static final String OR_QUERIES = "orQueries";
    static final String EXPRESSION_SUFFIX = "expression";
    static final List<String> EXPRESSION_STARTS = List.of("${", "#{");

    private static final String QUERY_STRING = "the query string";
    private static final JsonFactory STRICT_JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The problems of a raw (still encoded) query string; none for null. */
    List<String> inQueryString(String query) {
        List<String> problems = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return problems;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            try {
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                checkName(name, QUERY_STRING, problems);
                checkValue(name, equals < 0 ? "" : decode(pair.substring(equals + 1)), QUERY_STRING, problems);
            } catch (IllegalArgumentException e) {
                problems.add("the query string is not well encoded near '" + pair + "'");
            }
        }
        return problems;
    }

    /** The problems of a JSON body, including its not being JSON (or naming a key twice) at all. */
    List<String> inJson(byte[] body) {
        List<String> problems = new ArrayList<>();
        try (JsonParser parser = STRICT_JSON.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                String where = "the body at " + parser.getParsingContext().pathAsPointer();
                if (token == JsonToken.FIELD_NAME) {
                    checkName(parser.currentName(), where, problems);
                } else if (token == JsonToken.VALUE_STRING) {
                    checkValue(parser.currentName(), parser.getText(), where, problems);
                }
            }
        } catch (JsonProcessingException e) {
            problems.add("the body is not well-formed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            problems.add("the body could not be read: " + e.getMessage());
        }
        return problems;
    }

    private static void checkName(String name, String where, List<String> problems) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals(OR_QUERIES.toLowerCase(Locale.ROOT))) {
            problems.add(OR_QUERIES + " is not allowed (" + where + ")");
        } else if (lower.endsWith(EXPRESSION_SUFFIX)) {
            problems.add(name + ": expression parameters are not allowed (" + where + ")");
        } else if (containsExpression(name)) {
            problems.add("a name holds an expression (" + where + ")");
        }
    }

    private static void checkValue(String name, String value, String where, List<String> problems) {
        if (containsExpression(value)) {
            problems.add((name == null ? "a value" : "the value of " + name) + " holds an expression (" + where + ")");
        }
    }

    private static boolean containsExpression(String text) {
        return EXPRESSION_STARTS.stream().anyMatch(text::contains);
    }

    private static String decode(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }
}
