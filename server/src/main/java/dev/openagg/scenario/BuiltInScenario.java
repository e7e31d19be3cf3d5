package dev.openagg.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Scenario files shipped in the jar under {@code scenarios/}, served by built-in connectors (MX Bank is one). A
 * built-in scenario that does not read is a bug in the build, so it fails loudly.
 */
public final class BuiltInScenario {
    private BuiltInScenario() {
    }

    /** The connector running the jar's scenario {@code scenarios/<resource>}. */
    public static ScenarioConnector load(String resource) {
        try (InputStream in = BuiltInScenario.class.getResourceAsStream("/scenarios/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no scenario " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            ScenarioReader.Result result = ScenarioReader.read(ScenarioText.parse(text, resource), code -> Optional.empty());
            if (result instanceof ScenarioReader.Result.Invalid invalid) {
                throw new IllegalStateException("built-in scenario " + resource + " is invalid: "
                        + String.join("; ", invalid.problems()));
            }
            return new ScenarioConnector(((ScenarioReader.Result.Valid) result).scenario());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("built-in scenario " + resource + " is " + ScenarioText.problem(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
