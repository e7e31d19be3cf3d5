package dev.openagg.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/scenario.schema.json and the reader accept the same fields, object by object. */
class ScenarioSchemaTest {

    @Test
    void the_published_schema_lists_exactly_the_fields_the_reader_accepts() throws IOException {
        JsonNode schema = Scripted.JSON.readTree(Files.readString(Path.of("..", "docs", "scenario.schema.json")));
        JsonNode defs = schema.get("$defs");

        ScenarioReader.FIELDS.forEach((object, fields) -> {
            JsonNode def = defs.get(object);
            assertThat(def).as("the schema's definition of %s", object).isNotNull();
            assertThat(def.get("additionalProperties").asBoolean(true)).as("%s allows no other field", object).isFalse();
            Set<String> listed = new HashSet<>();
            def.get("properties").fieldNames().forEachRemaining(listed::add);
            assertThat(listed).as("the fields of %s", object).isEqualTo(fields);
        });
    }
}
