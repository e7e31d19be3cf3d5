package dev.openagg.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Locale;

/** Scenario documents as text: JSON, or YAML for files whose name ends in .yaml or .yml. */
public final class ScenarioText {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ScenarioText() {
    }

    /** Whether a file of this name is a scenario: .json, .yaml or .yml. */
    public static boolean isScenarioFile(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** The tree of a document; YAML when {@code fileName} says so. Throws with the parser's message when malformed. */
    public static JsonNode parse(String text, String fileName) throws JsonProcessingException {
        String name = fileName.toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
        JsonNode tree = mapper.readTree(text);
        return tree == null ? mapper.nullNode() : tree;
    }

    /** The parser's complaint, without the excerpt of the document Jackson appends (it may hold a credential). */
    public static String problem(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        return "not valid " + (e.getProcessor() instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser
                ? "YAML" : "JSON") + where + ": " + e.getOriginalMessage();
    }
}
