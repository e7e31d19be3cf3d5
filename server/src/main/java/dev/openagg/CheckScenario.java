package dev.openagg;

import dev.openagg.institution.Institutions;
import dev.openagg.scenario.ScenarioCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code openagg check-scenario FILE...}: validates scenario files as the server would, exit 1 on any problem. */
@Command(name = "check-scenario", mixinStandardHelpOptions = true,
        description = "Checks scenario files (JSON, or YAML for .yaml and .yml) and prints every problem with its JSON path.")
final class CheckScenario implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files to check.")
    List<Path> files;

    @Override
    public Integer call() {
        Institutions builtIn = Institutions.discover();
        List<String> problems = ScenarioCheck.problems(files, code -> builtIn.find(code)
                .map(i -> code + " is the code of a built-in institution"));
        problems.forEach(System.err::println);
        if (problems.isEmpty()) {
            System.out.println(files.size() == 1 ? "1 scenario is valid." : files.size() + " scenarios are valid.");
        }
        return problems.isEmpty() ? 0 : 1;
    }
}
