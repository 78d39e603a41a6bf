package io.tollgate.engine.servicetree.internal;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.integrations.servicetree.ServiceTreeChange;

/**
 * Checks a change as {@code POST /api/v1/service-tree/changes} receives it before it becomes a
 * {@link ServiceTreeChange}: a known {@code kind}, the fields that kind needs (node ids as whole numbers), nothing
 * else, and a reason. Everything Tollgate decides itself (the requester, the change id, any {@code meta}) is refused
 * rather than silently ignored, so a caller learns at once that it cannot be set. The rules of the tree (name length,
 * levels, owners) are the validation's, answered as 422 with the violations.
 */
final class RequestedChange {

    /** {@code service_tree_change.reason} holds this many characters. */
    static final int MAX_REASON_LENGTH = 2000;

    /** The kinds and, per kind, the fields a request gives (the record's components but {@code meta}). */
    static final Map<String, List<String>> FIELDS = fields();

    private static final Set<String> ID_FIELDS = Set.of("nodeId", "parentId", "newParentId");

    private RequestedChange() {
    }

    private static Map<String, List<String>> fields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (JsonSubTypes.Type type : ServiceTreeChange.class.getAnnotation(JsonSubTypes.class).value()) {
            List<String> names = new ArrayList<>();
            for (RecordComponent component : type.value().getRecordComponents()) {
                if (!component.getName().equals("meta")) {
                    names.add(component.getName());
                }
            }
            fields.put(type.name(), List.copyOf(names));
        }
        return java.util.Collections.unmodifiableMap(fields);
    }

    /**
     * @throws InvalidRequestException saying what is wrong and what would be accepted
     */
    static void check(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("the request needs a JSON object with the change's \"kind\" (one of "
                    + FIELDS.keySet() + "), its fields and a \"reason\"");
        }
        JsonNode kind = body.get("kind");
        if (kind == null || !kind.isTextual() || !FIELDS.containsKey(kind.asText())) {
            throw new InvalidRequestException((kind == null ? "\"kind\" is missing" : "unknown kind " + kind)
                    + ": it must be one of " + FIELDS.keySet());
        }
        List<String> fields = FIELDS.get(kind.asText());
        // every problem at once, so that a script's author fixes the request in one go
        List<String> problems = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("kind") && !name.equals("reason") && !fields.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add("unknown field" + (unknown.size() > 1 ? "s " : " ") + unknown
                    + " in a " + kind.asText() + " change: it takes " + fields + " and \"reason\""
                    + (unknown.contains("meta") || unknown.contains("requester")
                    ? " (the requester is always the signed-in person)" : ""));
        }
        for (String field : fields) {
            JsonNode value = body.get(field);
            if (value == null || value.isNull()) {
                if (ID_FIELDS.contains(field) || field.equals("name") || field.equals("newName")) {
                    problems.add("a " + kind.asText() + " change needs \"" + field + "\"");
                }
            } else if (ID_FIELDS.contains(field) && !(value.canConvertToLong() && value.isIntegralNumber()
                    && value.asLong() > 0)) {
                String shown = value.toString();
                problems.add("\"" + field + "\" must be a node id (a positive whole number), not "
                        + (shown.length() > 100 ? shown.substring(0, 100) + "…" : shown));
            }
        }
        JsonNode reason = body.get("reason");
        if (reason == null || !reason.isTextual() || io.tollgate.engine.PrintableText.saysNothing(reason.asText())) {
            problems.add("a change needs a \"reason\": a sentence for the approvers");
        } else {
            int length = reason.asText().codePointCount(0, reason.asText().length());
            if (length > MAX_REASON_LENGTH) {
                problems.add("the reason is " + length + " characters long; at most " + MAX_REASON_LENGTH
                        + " are allowed");
            }
        }
        if (problems.size() == 1) {
            throw new InvalidRequestException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(null, problems.size() + " problems with this " + kind.asText()
                    + " change: " + String.join("; ", problems), problems);
        }
    }
}
