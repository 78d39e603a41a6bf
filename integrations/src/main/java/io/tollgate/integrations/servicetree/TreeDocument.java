package io.tollgate.integrations.servicetree;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Reads a tree document (JSON, or YAML, a superset of it) one node at a time, never holding the whole tree: a 100,000
 * node document of 17 MB is walked with a few nodes in memory. JSON (a document whose first character is '{') goes
 * through Jackson's JSON parser, anything else through its YAML parser (SnakeYAML events) with the code-point limit
 * lifted, as the document is streamed rather than loaded.
 *
 * <p>Nodes are reported in pre-order when they open ({@link Handler#open}, the node's number only: its fields may come
 * after its children in the document) and in post-order when they close ({@link Handler#close}, with all its fields).
 */
final class TreeDocument {

    /** Deeper than this the document is surely not a tree of four levels; it is refused, not walked. */
    static final int MAX_NESTING = 16;

    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4 * MAX_NESTING).build())
            .build();
    private static final YAMLFactory YAML_FACTORY = YAMLFactory.builder()
            .loaderOptions(yamlOptions())
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder(JSON_FACTORY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final ObjectMapper YAML = YAMLMapper.builder(YAML_FACTORY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<Server>> SERVERS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    private TreeDocument() {
    }

    /** What a walk reports. */
    interface Handler {

        /** A node starts; {@code index} counts nodes in pre-order from 0 (the root), {@code depth} is 0 for the root. */
        void open(long index, int depth);

        /**
         * A node ends, with its fields ({@code children} always empty) and its parent's index (-1 for the root);
         * {@code path} is the names from the root, as far as they were known when the node closed.
         */
        void close(long index, long parentIndex, int depth, TreeSpec node, String path);
    }

    /** The document is not a tree document at all (not JSON/YAML, or not shaped as nested nodes). */
    static final class UnreadableException extends IllegalArgumentException {
        UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static LoaderOptions yamlOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE); // streamed: the document's size no longer matters
        options.setNestingDepthLimit(4 * MAX_NESTING);
        return options;
    }

    /** Walks the document in {@code in} (closed by the caller) and returns the number of nodes. */
    static long walk(InputStream in, Handler handler) {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        try {
            ObjectMapper mapper = startsWithBrace(buffered) ? JSON : YAML;
            try (JsonParser parser = mapper.createParser(buffered)) {
                parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new UnreadableException("not a service tree document: it must be one node (an object with a "
                            + "name and its children), not " + describe(parser.currentToken()), null);
                }
                long[] counter = {0};
                node(mapper, parser, handler, counter, -1, 0, "");
                return counter[0];
            }
        } catch (UnreadableException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableException("not a valid service tree document: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }

    private static void node(ObjectMapper mapper, JsonParser parser, Handler handler, long[] counter, long parent,
                             int depth, String parentPath) throws IOException {
        if (depth >= MAX_NESTING) {
            throw new UnreadableException("not a service tree document: nodes are nested more than " + MAX_NESTING
                    + " levels deep at " + parentPath, null);
        }
        long index = counter[0]++;
        handler.open(index, depth);
        String name = null;
        List<String> owners = null;
        List<Server> servers = null;
        List<String> urls = null;
        Map<String, String> attributes = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> name = value == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                case "owners" -> owners = mapper.readValue(parser, STRINGS);
                case "servers" -> servers = mapper.readValue(parser, SERVERS);
                case "urls" -> urls = mapper.readValue(parser, STRINGS);
                case "attributes" -> attributes = mapper.readValue(parser, ATTRIBUTES);
                case "children" -> {
                    String path = parentPath + "/" + (name == null ? "#" + index : name);
                    if (value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            if (parser.currentToken() != JsonToken.START_OBJECT) {
                                throw new UnreadableException("not a service tree document: the children of " + path
                                        + " must be nodes, not " + describe(parser.currentToken()), null);
                            }
                            node(mapper, parser, handler, counter, index, depth + 1, path);
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        throw new UnreadableException("not a service tree document: the children of " + path
                                + " must be a list, not " + describe(value), null);
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new UnreadableException("not a service tree document: unexpected " + describe(parser.currentToken())
                    + " in " + parentPath + "/" + (name == null ? "#" + index : name), null);
        }
        String path = parentPath + "/" + (name == null ? "#" + index : name);
        handler.close(index, parent, depth, new TreeSpec(name, owners, servers, urls, attributes, null), path);
    }

    private static boolean startsWithBrace(BufferedInputStream in) throws IOException {
        in.mark(4096);
        try {
            for (int i = 0; i < 4096; i++) {
                int next = in.read();
                if (next == -1) {
                    return false;
                }
                if (next == 0xEF || next == 0xBB || next == 0xBF || Character.isWhitespace(next)) {
                    continue; // a UTF-8 byte order mark or blank space before the document
                }
                return next == '{';
            }
            return false;
        } finally {
            in.reset();
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "an empty document";
        }
        return switch (token) {
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    /** Reads a whole (small) document at once, with the same lifted limits. */
    static TreeSpec readWhole(InputStream in) {
        try {
            return YAML.readValue(in, TreeSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a valid service tree document: " + e.getMessage(), e);
        }
    }
}
