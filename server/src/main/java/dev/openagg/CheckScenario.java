package dev.openagg;

import dev.openagg.cli.Arguments;
import dev.openagg.cli.Command;
import dev.openagg.cli.UsageException;
import dev.openagg.institution.Institutions;
import dev.openagg.scenario.ScenarioCheck;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** {@code openagg check-scenario FILE...}: validates scenario files as the server would, exit 1 on any problem. */
final class CheckScenario {
    private CheckScenario() {
    }

    static Command command() {
        return Command.of("check-scenario", "Check scenario files (JSON, or YAML for .yaml and .yml) and print "
                + "every problem with its JSON path.", List.of(), CheckScenario::run).withOperands("FILE");
    }

    private static int run(Arguments arguments) {
        List<Path> files = arguments.operands().stream().map(CheckScenario::path).toList();
        Institutions builtIn = Institutions.discover();
        List<String> problems = ScenarioCheck.problems(files, code -> builtIn.find(code)
                .map(i -> code + " is the code of a built-in institution"));
        problems.forEach(System.err::println);
        if (problems.isEmpty()) {
            System.out.println(files.size() == 1 ? "1 scenario is valid." : files.size() + " scenarios are valid.");
        }
        return problems.isEmpty() ? 0 : 1;
    }

    private static Path path(String operand) {
        try {
            return Path.of(operand);
        } catch (InvalidPathException e) {
            throw new UsageException("'" + operand.replace("\0", "\\0") + "' is not a file path: " + e.getReason());
        }
    }
}
