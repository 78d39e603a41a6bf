package io.tollgate.engine.servicetree;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tollgate.integrations.servicetree.ChangePlan;
import io.tollgate.integrations.servicetree.ServiceTreeChange;

/** Changes and plans as JSON process variables and audit columns (never Java-serialized objects). */
final class ChangeJson {

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

    static ServiceTreeChange change(String json) {
        return read(json, ServiceTreeChange.class);
    }

    static ChangePlan plan(String json) {
        return read(json, ChangePlan.class);
    }

    /** The {@code kind} a change is written with, e.g. {@code move}. */
    static String kindOf(ServiceTreeChange change) {
        return JSON.valueToTree(change).path("kind").asText();
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " JSON", e);
        }
    }
}
