package dev.openagg;

import dev.openagg.cli.Program;
import dev.openagg.cli.UsageException;
import dev.openagg.institution.Institutions;
import dev.openagg.secret.SecretException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The {@code openagg} command line: {@code serve} runs the server, the other commands manage its data. A setting not
 * given as a flag comes from its environment variable, else the config file, else its default ({@link ConfigFile}).
 */
public final class Main {
    static final String VERSION = "OpenAgg 0.1.0";

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        String logFormat = System.getenv("OPENAGG_LOG_FORMAT");
        if (logFormat != null && !logFormat.isBlank() && !logFormat.equals("text") && !logFormat.equals("json")) {
            // Logging (LogSetup) would fall back to text without a word: an operator who asked for something else is told.
            System.err.println("OPENAGG_LOG_FORMAT must be text or json, not " + logFormat);
            System.exit(2);
        }
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    public static Program program() {
        return new Program("openagg", VERSION,
                "A self-hosted server for the aggregation part of the MX Platform API.",
                List.of(Serve.command(), CreateClient.command(), Seed.command(), CheckScenario.command(),
                        RotateKey.command(), CdsTraining.command()));
    }

    /** Runs a command line as {@link #main} does, with the given environment; returns the exit code. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Program program = program();
        ConfigFile settings;
        try {
            settings = ConfigFile.load(args, environment);
        } catch (UncheckedIOException e) {
            err.println(e.getMessage() + ": " + e.getCause().getMessage());
            return 2;
        }
        var unknown = settings.path() == null ? java.util.Set.<String>of()
                : settings.unknownKeys(program.variables(), Institutions.providerSettingNames());
        if (!unknown.isEmpty()) {
            err.println("Unknown settings in " + settings.path() + ": " + String.join(", ", unknown));
            return 2;
        }
        String prefix = program.name() + (args.length > 0 && program.command(args[0]).isPresent() ? " " + args[0] : "");
        try {
            Program.Invocation invocation = program.parse(args, settings);
            if (invocation instanceof Program.Show show) {
                out.print(show.text().endsWith("\n") ? show.text() : show.text() + "\n");
                return 0;
            }
            Program.Run run = (Program.Run) invocation;
            return run.command().action().run(run.arguments());
        } catch (UsageException e) {
            err.println(prefix + ": " + e.getMessage());
            err.println("Run '" + prefix + " --help' for the options.");
            return 2;
        } catch (SecretException e) {
            // A missing or wrong master key is the operator's to fix: say what is wrong, without a stack trace.
            err.println(prefix + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            e.printStackTrace(err);
            return 1;
        }
    }

    /** Runs a command line without environment variables, printing to the standard streams; for tests. */
    public static int run(String... args) {
        return run(args, Map.of(), System.out, System.err);
    }
}
