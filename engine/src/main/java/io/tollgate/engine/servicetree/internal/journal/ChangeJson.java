package io.tollgate.engine.servicetree.internal.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.integrations.servicetree.ChangePlan;
import io.tollgate.integrations.servicetree.ServiceTreeChange;

/** Changes and plans as JSON in the audit columns and the API (never Java-serialized objects). */
public final class ChangeJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ChangeJson() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static ServiceTreeChange change(String json) {
        return read(json, ServiceTreeChange.class);
    }

    /**
     * A change as {@code /api/v1} takes it: its {@code kind} and fields with a {@code reason}; the requester is the
     * signed-in person and the change id a fresh one, whatever the body says.
     *
     * @throws IllegalArgumentException saying what is wrong with the body
     */
    public static ServiceTreeChange requested(JsonNode body, String requester) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the request needs a JSON object with the change's kind and a reason");
        }
        ObjectNode change = ((ObjectNode) body).deepCopy();
        String reason = change.path("reason").asText("");
        change.remove("reason");
        change.set("meta", JSON.valueToTree(ServiceTreeChangeRequests.newChange(requester, reason)));
        try {
            return JSON.treeToValue(change, ServiceTreeChange.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalArgumentException("not a service-tree change: " + why(unreadable, change), unreadable);
        }
    }

    /** What is wrong with a requested change, for people: the field, never Java's types (an unknown kind is refused before). */
    private static String why(JsonProcessingException unreadable, JsonNode change) {
        String field = unreadable instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                ? mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                        : "[" + r.getIndex() + "]").collect(java.util.stream.Collectors.joining(".")).replace(".[", "[")
                : "";
        return field.isEmpty() ? "its fields do not make a " + change.path("kind").asText("") + " change"
                : "'" + field + "' is missing, or not what a " + change.path("kind").asText("") + " change takes there";
    }

    public static ChangePlan plan(String json) {
        return read(json, ChangePlan.class);
    }

    /** The {@code kind} a change is written with, e.g. {@code move}. */
    public static String kindOf(ServiceTreeChange change) {
        return JSON.valueToTree(change).path("kind").asText();
    }

    /** What a change is about in a few words, for lists: its kind, and its reason when it has one. */
    public static String subject(String kind, String reason) {
        return kind + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " JSON", e);
        }
    }
}
