package dev.openagg.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a reply against the OpenAPI file of the API version the request chose: a success status the operation
 * declares, the version's media type, and a body with every field of the declared schema, each of its declared type
 * (null only where nullable, enums respected) and no other field; an error is MX's error body. {@link Api} runs it on
 * every reply, so every full-server test checks its replies. The exceptions are {@link SpecAllowances}, each with
 * its reason; an allowance no reply used fails {@code SpecAllowancesTest}.
 */
public final class SpecCheck {
    /** OpenAgg's own endpoints, in no MX spec. */
    private static final List<String> OPENAGG_OWN = List.of("/webhooks", "/widget", "/health", "/sandbox", "/oauth", "/requests", "/console",
            "/metrics");
    /** OpenAgg's own endpoint under MX's member paths: a member's timeline. */
    private static final String OPENAGG_OWN_MEMBER_TAIL = "/timeline";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Spec> specs;
    private final SpecAllowances allowances;

    SpecCheck(Map<String, Spec> specs, SpecAllowances allowances) {
        this.specs = specs;
        this.allowances = allowances;
    }

    /** MX's files, read once from {@code ../shared/reference} beside the repository. */
    public static SpecCheck shared() {
        return Holder.CHECK;
    }

    /** A check of its own with these allowances (a recording one, to see which entries replies needed). */
    public static SpecCheck with(SpecAllowances allowances) {
        return new SpecCheck(Holder.CHECK.specs, allowances);
    }

    private static final class Holder {
        private static final SpecCheck CHECK = load();

        private static SpecCheck load() {
            Path dir = repositoryRoot().resolve("../shared/reference").normalize();
            if (!Files.isDirectory(dir)) {
                throw new AssertionError("MX's spec files are not at " + dir + ": every reply of the full-server tests"
                        + " is checked against them (put a copy of shared/ beside the repository)");
            }
            String older = "mx_platform_api_v20111101.yml";
            Map<String, Spec> specs = new LinkedHashMap<>();
            specs.put("v20111101", Spec.load(dir, "mx_platform_api_v20111101_2025-11-06.yml", older));
            specs.put("v20250224", Spec.load(dir, "mx_platform_api_v20250224_2025-11-06.yml", older));
            return new SpecCheck(specs, SpecAllowances.INSTANCE);
        }

        private static Path repositoryRoot() {
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("conformance")) && Files.isDirectory(p.resolve("server"))) {
                    return p;
                }
            }
            throw new AssertionError("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
    }

    /** The version a request with these headers speaks, as the server resolves it; null when it must be refused. */
    static String versionOf(Map<String, String> headers) {
        String wanted = headers.get("Accept-Version");
        if (wanted != null && !wanted.isBlank()) {
            String v = wanted.trim().toLowerCase(Locale.ROOT);
            return Set.of("v20111101", "v20250224").contains(v) ? v : null;
        }
        String accept = headers.getOrDefault("Accept", "");
        return accept.toLowerCase(Locale.ROOT).contains("application/vnd.mx.api.v2beta+json") ? "v20250224" : "v20111101";
    }

    /** Throws an AssertionError naming every way the reply departs from the version's spec. */
    public void check(String method, String path, Map<String, String> requestHeaders, Reply reply) {
        String bare = path.split("\\?")[0];
        if (OPENAGG_OWN.stream().anyMatch(p -> bare.equals(p) || bare.startsWith(p + "/"))
                || bare.endsWith(OPENAGG_OWN_MEMBER_TAIL)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (reply.status() >= 400) {
            checkError(reply, problems);
        } else {
            String version = versionOf(requestHeaders);
            if (version == null) {
                problems.add("an unknown Accept-Version was answered " + reply.status());
            } else {
                checkSuccess(version, method, bare, reply, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(method + " " + path + " (" + versionOf(requestHeaders) + ") answered " + reply.status()
                    + " against MX's spec:\n  " + String.join("\n  ", problems) + "\n" + reply.text());
        }
    }

    private static void checkError(Reply reply, List<String> problems) {
        JsonNode body = parse(reply, problems);
        if (body == null) {
            return;
        }
        boolean ok = body.isObject() && body.size() == 1 && body.path("error").isObject() && body.get("error").size() == 1
                && body.get("error").path("message").isTextual();
        if (!ok) {
            problems.add("an error reply that is not MX's error body {\"error\": {\"message\"}}");
        }
    }

    private void checkSuccess(String version, String method, String path, Reply reply, List<String> problems) {
        Spec spec = specs.get(version);
        Optional<Spec.Operation> found = spec.operation(method, path);
        if (found.isEmpty()) {
            problems.add("no operation " + method + " " + path + " in MX's " + version + " spec files");
            return;
        }
        Spec.Operation operation = found.get();
        JsonNode response = operation.response(reply.status());
        if (response == null && allowances.statusAllowed(version, operation.template(), reply.status())) {
            if (reply.bytes().length > 0) {
                problems.add("a body on an undeclared " + reply.status());
            }
            return;
        }
        if (response == null) {
            problems.add("status " + reply.status() + " is not declared for " + method + " " + operation.template());
            return;
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (reply.bytes().length > 0) {
                problems.add("a body where the spec declares none");
            }
            return;
        }
        String type = Optional.ofNullable(reply.header("Content-Type")).orElse("").split(";")[0].trim();
        String declared = content.fieldNames().next();
        if (declared.endsWith("pdf")) {
            if (!type.equals(declared)) {
                problems.add("Content-Type " + type + " where the spec declares " + declared);
            }
            return;
        }
        String expectedType = version.equals("v20250224") ? "application/json" : "application/vnd.mx.api.v1+json";
        if (!type.equals(expectedType)) {
            problems.add("Content-Type " + type + " where " + version + " answers " + expectedType);
        }
        JsonNode schema = content.get(declared).path("schema");
        String root = Spec.refName(schema);
        Optional<String> replaced = allowances.replacedBody(version, operation.template(), root);
        if (replaced.isPresent()) {
            schema = JSON.createObjectNode().put("$ref", "#/components/schemas/" + replaced.get());
        }
        JsonNode body = parse(reply, problems);
        if (body != null) {
            new Walk(version, spec, problems).value(body, schema, Spec.refName(schema), "", null);
        }
    }

    private static JsonNode parse(Reply reply, List<String> problems) {
        try {
            return JSON.readTree(reply.bytes());
        } catch (IOException e) {
            problems.add("a body that is not JSON");
            return null;
        }
    }

    /** One walk of a body along its schema, collecting problems. */
    private final class Walk {
        private final String version;
        private final Spec spec;
        private final List<String> problems;

        Walk(String version, Spec spec, List<String> problems) {
            this.version = version;
            this.spec = spec;
            this.problems = problems;
        }

        /** {@code field} is {@code Schema.property} when the value is an object's property, else null. */
        void value(JsonNode value, JsonNode schemaOrRef, String schemaName, String where, String field) {
            String name = Optional.ofNullable(Spec.refName(schemaOrRef)).orElse(schemaName);
            JsonNode schema = spec.resolve(schemaOrRef);
            if (value.isNull()) {
                boolean nullable = schema.path("nullable").asBoolean(false) || schemaOrRef.path("nullable").asBoolean(false)
                        || contains(schema.path("enum"), value);
                if (!nullable && !allowances.nullAllowed(version, field)) {
                    problems.add(where + ": null where the spec does not allow it");
                }
                return;
            }
            if (schema.has("enum") && !contains(schema.get("enum"), value)) {
                problems.add(where + ": " + value + " is not one of " + schema.get("enum"));
                return;
            }
            String type = schema.path("type").asText(schema.has("items") ? "array"
                    : schema.has("properties") || schema.has("allOf") ? "object" : "");
            switch (type) {
                case "object" -> object(value, schema, name, where);
                case "array" -> {
                    if (!value.isArray()) {
                        problems.add(where + ": expected an array, got " + value);
                        return;
                    }
                    for (int i = 0; i < value.size(); i++) {
                        value(value.get(i), schema.path("items"), null, where + "[" + i + "]", null);
                    }
                }
                case "string" -> require(value.isTextual(), where, "a string", value);
                case "boolean" -> require(value.isBoolean(), where, "a boolean", value);
                case "integer" -> require(value.isIntegralNumber(), where, "an integer", value);
                case "number" -> require(value.isNumber(), where, "a number", value);
                default -> problems.add(where + ": the spec declares type '" + type + "', which this check does not know");
            }
        }

        private void object(JsonNode value, JsonNode schema, String name, String where) {
            if (!value.isObject()) {
                problems.add(where + ": expected an object, got " + value);
                return;
            }
            Map<String, JsonNode> properties = properties(schema);
            if (properties.isEmpty()) {
                return; // a free-form object
            }
            for (Map.Entry<String, JsonNode> p : properties.entrySet()) {
                String at = where.isEmpty() ? p.getKey() : where + "." + p.getKey();
                String field = name + "." + p.getKey();
                if (!value.has(p.getKey())) {
                    if (!allowances.missingAllowed(version, field)) {
                        problems.add(at + ": missing (" + field + ")");
                    }
                } else {
                    value(value.get(p.getKey()), p.getValue(), null, at, field);
                }
            }
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!properties.containsKey(key)) {
                    problems.add((where.isEmpty() ? key : where + "." + key) + ": not a field of " + name);
                }
            }
        }

        private Map<String, JsonNode> properties(JsonNode schema) {
            Map<String, JsonNode> all = new LinkedHashMap<>();
            JsonNode resolved = spec.resolve(schema);
            for (JsonNode part : resolved.path("allOf")) {
                all.putAll(properties(part));
            }
            resolved.path("properties").fields().forEachRemaining(e -> all.put(e.getKey(), e.getValue()));
            return all;
        }

        private void require(boolean ok, String where, String expected, JsonNode value) {
            if (!ok) {
                problems.add(where + ": expected " + expected + ", got " + value);
            }
        }
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode item : array) {
            if (item.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
