package dev.openagg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading command lines: flags in both forms, switches, fallbacks, operands, help, and each mistake's message. */
class ProgramTest {
    private static final Flag PORT = Flag.value("--port", "APP_PORT", "8080", "The port.");
    private static final Flag NAME = Flag.value("--name", "APP_NAME", null, "A name.").labelled("NAME");
    private static final Flag VERBOSE = Flag.toggle("--verbose", "APP_VERBOSE", false, "Say more.");
    private static final Flag OWNER = Flag.value("--owner", null, null, "Who owns it.").mandatory();
    private static final Command RUN = Command.of("run", "Run it.", List.of(PORT, NAME, VERBOSE), a -> 0);
    private static final Command ADD = Command.of("add", "Add one.", List.of(OWNER), a -> 0);
    private static final Command CHECK = Command.of("check", "Check files.", List.of(), a -> 0).withOperands("FILE");
    private static final Command SECRET = Command.of("internal", "For the build.", List.of(), a -> 0).hiddenFromHelp();
    private final Program program = new Program("app", "App 1.0", "An application.", List.of(RUN, ADD, CHECK, SECRET));

    /** Variables as a map, naming their origin the way a config file does. */
    private record Settings(Map<String, String> values) implements Defaults {
        @Override
        public String value(String variable) {
            return values.get(variable);
        }

        @Override
        public String origin(String variable) {
            return variable + " in app.properties";
        }
    }

    private Arguments parse(Map<String, String> variables, String... args) {
        Program.Invocation invocation = program.parse(args, new Settings(variables));
        assertThat(invocation).isInstanceOf(Program.Run.class);
        return ((Program.Run) invocation).arguments();
    }

    private Arguments parse(String... args) {
        return parse(Map.of(), args);
    }

    private String shown(String... args) {
        Program.Invocation invocation = program.parse(args, Defaults.NONE);
        assertThat(invocation).isInstanceOf(Program.Show.class);
        return ((Program.Show) invocation).text();
    }

    @Test
    void a_flag_takes_its_value_after_a_space_or_an_equals_sign() {
        assertThat(parse("run", "--port", "9000").intValue(PORT)).isEqualTo(9000);
        assertThat(parse("run", "--port=9001").intValue(PORT)).isEqualTo(9001);
        assertThat(parse("run", "--name=a=b").string(NAME)).isEqualTo("a=b");
        assertThat(parse("run", "--name", "--looks-like-a-flag").string(NAME)).isEqualTo("--looks-like-a-flag");
    }

    @Test
    void a_flag_not_given_falls_back_on_its_variable_then_its_default() {
        assertThat(parse("run").intValue(PORT)).isEqualTo(8080);
        assertThat(parse("run").string(NAME)).isNull();
        assertThat(parse(Map.of("APP_PORT", "7000", "APP_NAME", "from-variable"), "run").intValue(PORT)).isEqualTo(7000);
        assertThat(parse(Map.of("APP_PORT", "7000"), "run", "--port", "6000").intValue(PORT)).isEqualTo(6000);
    }

    @Test
    void a_switch_alone_is_true_and_may_be_given_true_or_false() {
        assertThat(parse("run").bool(VERBOSE)).isFalse();
        assertThat(parse("run", "--verbose").bool(VERBOSE)).isTrue();
        assertThat(parse("run", "--verbose", "FALSE", "--port", "1").bool(VERBOSE)).isFalse();
        assertThat(parse("run", "--verbose=false").bool(VERBOSE)).isFalse();
        assertThat(parse(Map.of("APP_VERBOSE", "true"), "run").bool(VERBOSE)).isTrue();
    }

    @Test
    void a_value_of_the_wrong_kind_is_refused_naming_where_it_came_from() {
        assertThatThrownBy(() -> parse("run", "--port", "eighty").intValue(PORT)).isInstanceOf(UsageException.class)
                .hasMessage("--port must be a whole number, not 'eighty'");
        assertThatThrownBy(() -> parse(Map.of("APP_PORT", "80x"), "run").intValue(PORT))
                .hasMessage("APP_PORT in app.properties must be a whole number, not '80x'");
        assertThatThrownBy(() -> parse("run", "--verbose=yes").bool(VERBOSE))
                .hasMessage("--verbose must be true or false, not 'yes'");
    }

    @Test
    void each_mistake_on_the_command_line_is_named() {
        assertThatThrownBy(() -> parse("run", "--prot", "1")).isInstanceOf(UsageException.class)
                .hasMessage("Unknown option '--prot' for run");
        assertThatThrownBy(() -> parse("run", "--port")).hasMessage("Missing the value of --port (PORT)");
        assertThatThrownBy(() -> parse("run", "--port", "1", "--port=2")).hasMessage("--port is given more than once");
        assertThatThrownBy(() -> parse("run", "extra")).hasMessage("Unexpected argument 'extra': run takes flags only");
        assertThatThrownBy(() -> parse("add")).hasMessage("Missing --owner OWNER");
        assertThatThrownBy(() -> parse("check")).hasMessage("Missing FILE: check needs at least one");
        assertThatThrownBy(() -> parse("remove")).hasMessage("Unknown command 'remove': the commands are run, add, check");
        assertThatThrownBy(() -> program.parse(new String[0], Defaults.NONE))
                .hasMessage("Missing command: run, add, check");
    }

    @Test
    void operands_follow_the_flags_and_a_double_dash_ends_the_flags() {
        assertThat(parse("check", "a.json", "b.yaml").operands()).containsExactly("a.json", "b.yaml");
        assertThat(parse("check", "--", "--odd-name.json").operands()).containsExactly("--odd-name.json");
    }

    @Test
    void help_lists_the_commands_but_hidden_ones_and_each_commands_flags_with_their_defaults() {
        assertThat(shown("--help")).startsWith("Usage: app COMMAND [OPTIONS]\nAn application.\n")
                .contains("  run    Run it.", "  check  Check files.").doesNotContain("internal");
        assertThat(shown("run", "--port", "1", "-h")).startsWith("Usage: app run [OPTIONS]\nRun it.\n")
                .contains("  --port PORT\n      The port.\n", "  --name NAME\n", "  --verbose[=true|false]\n");
        assertThat(shown("check", "--help")).startsWith("Usage: app check [OPTIONS] FILE...\n");
        assertThat(shown("-V")).isEqualTo("App 1.0");
        assertThat(program.variables()).containsExactly("APP_NAME", "APP_PORT", "APP_VERBOSE");
    }

    @Test
    void help_wraps_long_descriptions_at_a_hundred_columns() {
        String words = "word ".repeat(60).trim();
        Program wide = new Program("app", "1", "x", List.of(Command.of("run", "Run.",
                List.of(Flag.value("--long", null, null, words)), a -> 0)));
        String help = ((Program.Show) wide.parse(new String[] {"run", "--help"}, Defaults.NONE)).text();

        assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        assertThat(help.lines().filter(line -> line.startsWith("      word"))).hasSize(4);
    }
}
