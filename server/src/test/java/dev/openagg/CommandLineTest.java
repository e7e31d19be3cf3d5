package dev.openagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code openagg} command line as {@code main} runs it: exit codes and what an operator reads. */
class CommandLineTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        return Main.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_mistake_exits_2_with_the_reason_and_where_to_look() {
        assertThat(run(Map.of(), "serve", "--prot", "9000")).isEqualTo(2);

        assertThat(err()).isEqualTo("openagg serve: Unknown option '--prot' for serve\n"
                + "Run 'openagg serve --help' for the options.\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void a_setting_out_of_range_from_the_environment_exits_2_naming_the_variable() {
        assertThat(run(Map.of("OPENAGG_PORT", "eighty"), "serve", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err()).startsWith("openagg serve: OPENAGG_PORT must be a whole number, not 'eighty'\n");

        assertThat(run(Map.of(), "serve", "--data-dir", dir.toString(), "--job-heartbeat", "0")).isEqualTo(2);
        assertThat(err()).contains("openagg serve: --job-heartbeat and --shutdown-wait must be at least 1 second\n");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void a_bad_value_in_the_config_file_names_the_file() throws IOException {
        Path file = Files.writeString(dir.resolve("openagg.properties"), "OPENAGG_JOB_THREADS=many\n");

        assertThat(run(Map.of(), "serve", "--config", file.toString())).isEqualTo(2);
        assertThat(err()).startsWith("openagg serve: OPENAGG_JOB_THREADS in " + file + " must be a whole number, not 'many'");
    }

    @Test
    void a_misspelt_key_in_the_config_file_exits_2_before_any_command_runs() throws IOException {
        Path file = Files.writeString(dir.resolve("openagg.properties"), "OPENAGG_PROT=9000\n");

        assertThat(run(Map.of("OPENAGG_CONFIG", file.toString()), "serve")).isEqualTo(2);
        assertThat(err()).isEqualTo("Unknown settings in " + file + ": OPENAGG_PROT\n");
    }

    @Test
    void help_for_serve_names_every_setting_with_its_variable_and_exits_0() {
        assertThat(run(Map.of(), "serve", "--help")).isZero();

        assertThat(out()).startsWith("Usage: openagg serve [OPTIONS]\nStart the server.\n");
        String words = out().replaceAll("\\s+", " ");
        for (String variable : Main.program().command("serve").orElseThrow().flags().stream()
                .map(f -> f.variable()).toList()) {
            assertThat(words).contains("env " + variable);
        }
        assertThat(err()).isEmpty();
    }

    @Test
    void every_help_fits_a_hundred_columns() {
        for (String command : List.of("serve", "create-client", "seed", "check-scenario", "rotate-key")) {
            assertThat(run(Map.of(), command, "--help")).isZero();
        }
        assertThat(run(Map.of(), "--help")).isZero();

        assertThat(out().lines()).hasSizeGreaterThan(100)
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(100));
    }

    @Test
    void a_scenario_path_the_system_cannot_name_is_a_usage_error_not_a_crash() {
        assertThat(run(Map.of(), "check-scenario", "bad\0name.json")).isEqualTo(2);

        assertThat(err()).startsWith("openagg check-scenario: 'bad\\0name.json' is not a file path")
                .doesNotContain("\tat ");
    }

    @Test
    void the_version_is_printed_and_exits_0() {
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out()).isEqualTo(Main.VERSION + "\n");
    }

    @Test
    void a_missing_command_exits_2_listing_the_commands() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err()).startsWith("openagg: Missing command: serve, create-client, seed, check-scenario, rotate-key\n");
    }
}
