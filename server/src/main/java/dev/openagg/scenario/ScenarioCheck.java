package dev.openagg.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Checks scenario files as the server would load them, for {@code openagg check-scenario}. */
public final class ScenarioCheck {
    private ScenarioCheck() {
    }

    /**
     * Every problem of every file, each line naming its file and JSON path; empty when all are valid. Codes must
     * be free ({@code taken}: why one is not, e.g. a built-in institution has it) and differ from file to file.
     */
    public static List<String> problems(List<Path> files, Function<String, Optional<String>> taken) {
        List<String> out = new ArrayList<>();
        Map<String, Path> codes = new HashMap<>();
        for (Path file : files) {
            String name = file.toString();
            ScenarioReader.Result result;
            try {
                result = ScenarioReader.read(ScenarioText.parse(Files.readString(file, StandardCharsets.UTF_8),
                        file.getFileName().toString()), code -> taken.apply(code).or(() -> Optional.ofNullable(
                        codes.get(code)).map(other -> code + " is already the code of " + other)));
            } catch (JsonProcessingException e) {
                result = new ScenarioReader.Result.Invalid(List.of("$: " + ScenarioText.problem(e)));
            } catch (IOException e) {
                result = new ScenarioReader.Result.Invalid(List.of("cannot be read: " + e));
            }
            if (result instanceof ScenarioReader.Result.Valid valid) {
                codes.put(valid.scenario().institution().code(), file);
            } else {
                ((ScenarioReader.Result.Invalid) result).problems().forEach(p -> out.add(name + ": " + p));
            }
        }
        return out;
    }
}
