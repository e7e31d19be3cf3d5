package dev.openagg.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The object under a request's root key ({@code {"user": {...}}}), with typed reads that name the field at fault.
 * A malformed body or a wrong type is 400; missing or invalid values are collected by {@link Problems} into 422.
 */
public final class Body {
    private final String root;
    private final ObjectNode fields;

    private Body(String root, ObjectNode fields) {
        this.root = root;
        this.fields = fields;
    }

    public static Body parse(String raw, String root) {
        return whole(raw, root).object(root);
    }

    /**
     * The whole request object, which must hold a {@code root} object; for requests that carry more beside it
     * (v20250224's {@code data_request} beside {@code member}).
     */
    public static Body whole(String raw, String root) {
        if (raw == null || raw.isBlank()) {
            throw ApiError.badRequest("request body is required: {\"" + root + "\": {...}}");
        }
        JsonNode tree;
        try {
            tree = Wire.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("request body is not valid JSON");
        }
        if (tree == null || !tree.isObject() || !tree.path(root).isObject()) {
            throw ApiError.badRequest("request body must be a JSON object with a \"" + root + "\" object");
        }
        return new Body("", (ObjectNode) tree);
    }

    /** The object under {@code name}, which must be one. */
    public Body object(String name) {
        JsonNode node = fields.get(name);
        if (node == null || !node.isObject()) {
            throw wrongType(name, "an object");
        }
        return new Body(path(name), (ObjectNode) node);
    }

    public boolean has(String name) {
        return fields.has(name);
    }

    /** A field as sent, of whatever type, for a caller that judges it itself; empty when absent or null. */
    public Optional<JsonNode> value(String name) {
        JsonNode node = fields.get(name);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    /** A string field, empty when absent or null. */
    public Optional<String> string(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw wrongType(name, "a string");
        }
        return Optional.of(node.textValue());
    }

    public Optional<Boolean> bool(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw wrongType(name, "true or false");
        }
        return Optional.of(node.booleanValue());
    }

    /** An array of strings, empty when absent or null. */
    public Optional<List<String>> strings(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw wrongType(name, "an array of strings");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw wrongType(name, "an array of strings");
            }
            items.add(item.textValue());
        }
        return Optional.of(items);
    }

    /** An array of {@code {"guid", "value"}} objects, as credentials and challenge answers are sent. */
    public Optional<List<GuidValue>> guidValues(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw wrongType(name, "an array");
        }
        List<GuidValue> items = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw wrongType(name, "an array of {\"guid\", \"value\"} objects");
            }
            JsonNode guid = item.get("guid");
            JsonNode value = item.get("value");
            if ((guid != null && !guid.isNull() && !guid.isTextual()) || (value != null && !value.isNull() && !value.isTextual())) {
                throw wrongType(name, "an array of objects whose guid and value are strings");
            }
            items.add(new GuidValue(textOrNull(guid), textOrNull(value)));
        }
        return Optional.of(items);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.textValue();
    }

    private ApiError wrongType(String name, String expected) {
        return ApiError.badRequest(path(name) + " must be " + expected);
    }

    private String path(String name) {
        return root.isEmpty() ? name : root + "." + name;
    }

    /** One element of a credentials or challenges array. Its value is a secret: never print it. */
    public record GuidValue(String guid, String value) {
        @Override
        public String toString() {
            return "GuidValue[" + guid + "]";
        }
    }
}
