package dev.openagg.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MX's OpenAPI files for one API version: the version's current file first, then older files for the paths it no
 * longer lists but OpenAgg still serves (tax documents and {@code /holdings}). The files are MX's, read at test
 * time from {@code ../shared/reference} beside the repository, never copied into it.
 */
final class Spec {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<JsonNode> files;

    private Spec(List<JsonNode> files) {
        this.files = files;
    }

    static Spec load(Path dir, String... names) {
        List<JsonNode> files = new ArrayList<>();
        for (String name : names) {
            try {
                files.add(YAML.readTree(Files.readAllBytes(dir.resolve(name))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read MX's spec " + dir.resolve(name), e);
            }
        }
        return new Spec(files);
    }

    /** An operation of one of the files, and the file its schema references resolve in first. */
    record Operation(String template, JsonNode node) {
        JsonNode response(int status) {
            return node.path("responses").get(String.valueOf(status));
        }
    }

    /** The operation serving {@code method} on this concrete path: the first file that has one, the most literal. */
    Optional<Operation> operation(String method, String path) {
        String[] segments = path.split("\\?")[0].split("/");
        for (JsonNode file : files) {
            Operation best = null;
            int bestLiterals = -1;
            for (Iterator<Map.Entry<String, JsonNode>> it = file.path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode op = entry.getValue().get(method.toLowerCase(java.util.Locale.ROOT));
                int literals = op == null ? -1 : literalsMatched(entry.getKey().split("/"), segments);
                if (literals > bestLiterals) {
                    best = new Operation(entry.getKey(), op);
                    bestLiterals = literals;
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    /** How many literal segments of the template the path matches; -1 when it does not match. */
    private static int literalsMatched(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            String s = segments[i];
            if (t.startsWith("{")) {
                String suffix = t.substring(t.indexOf('}') + 1);
                if (s.length() <= suffix.length() || !s.endsWith(suffix) || (suffix.isEmpty() && s.endsWith(".pdf"))) {
                    return -1;
                }
            } else if (t.equals(s)) {
                literals++;
            } else {
                return -1;
            }
        }
        return literals;
    }

    /** A schema by name: from the version's current file when it has one, else from an older file. */
    JsonNode schema(String name) {
        for (JsonNode file : files) {
            JsonNode schema = file.path("components").path("schemas").get(name);
            if (schema != null) {
                return schema;
            }
        }
        throw new AssertionError("no schema " + name + " in MX's spec files");
    }

    /** The schema a {@code $ref}, {@code #/components/schemas/Name}, points at. */
    JsonNode resolve(JsonNode schema) {
        JsonNode at = schema;
        while (at.has("$ref")) {
            String ref = at.get("$ref").asText();
            at = schema(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return at;
    }

    static String refName(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }
}
