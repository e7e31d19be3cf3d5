package dev.openagg.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openagg.connector.Answer;
import dev.openagg.connector.Connector;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A scenario file shipped in the jar, served as a built-in connector (listed in META-INF/services like any other).
 * A built-in scenario that does not read is a bug in the build, so it fails loudly.
 */
abstract class BuiltInScenario implements Connector {
    private final ScenarioConnector connector;

    BuiltInScenario(String resource) {
        this.connector = new ScenarioConnector(load(resource));
    }

    static Scenario load(String resource) {
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
            return ((ScenarioReader.Result.Valid) result).scenario();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("built-in scenario " + resource + " is " + ScenarioText.problem(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InstitutionInfo institution() {
        return connector.institution();
    }

    @Override
    public Step start(JobContext context) {
        return connector.start(context);
    }

    @Override
    public Step resume(JobContext context, List<Answer> answers) {
        return connector.resume(context, answers);
    }
}
