package dev.openagg.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A program of subcommands: {@code NAME COMMAND [FLAGS] [OPERANDS]}. Flags are {@code --name value} or
 * {@code --name=value}; {@code --} ends them. {@code --help} (or {@code -h}) anywhere asks for help, {@code --version}
 * (or {@code -V}) before the command for the version.
 */
public final class Program {
    /** What a command line asks for: text to print (help or the version), or a command to run. */
    public sealed interface Invocation permits Show, Run {
    }

    public record Show(String text) implements Invocation {
    }

    public record Run(Command command, Arguments arguments) implements Invocation {
    }

    private final String name;
    private final String version;
    private final String description;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    public Program(String name, String version, String description, List<Command> commands) {
        this.name = name;
        this.version = version;
        this.description = description;
        commands.forEach(c -> this.commands.put(c.name(), c));
    }

    public String name() {
        return name;
    }

    /** Every flag's variable, over all commands: the names a config file may set. */
    public Set<String> variables() {
        Set<String> variables = new TreeSet<>();
        commands.values().forEach(c -> c.flags().stream().map(Flag::variable)
                .filter(v -> v != null).forEach(variables::add));
        return variables;
    }

    public Optional<Command> command(String commandName) {
        return Optional.ofNullable(commands.get(commandName));
    }

    public Invocation parse(String[] args, Defaults defaults) {
        if (args.length == 0) {
            throw new UsageException("Missing command: " + String.join(", ", listed()));
        }
        String first = args[0];
        if (first.equals("--help") || first.equals("-h")) {
            return new Show(Help.program(this, description, listedCommands()));
        }
        if (first.equals("--version") || first.equals("-V")) {
            return new Show(version);
        }
        Command command = commands.get(first);
        if (command == null) {
            throw new UsageException("Unknown command '" + first + "': the commands are " + String.join(", ", listed()));
        }
        for (int i = 1; i < args.length && !args[i].equals("--"); i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                return new Show(Help.command(this, command));
            }
        }
        return new Run(command, new Parsing(command, defaults).parse(args));
    }

    private List<Command> listedCommands() {
        return commands.values().stream().filter(c -> !c.hidden()).toList();
    }

    private List<String> listed() {
        return listedCommands().stream().map(Command::name).toList();
    }

    /** One command line being read against one command. */
    private static final class Parsing {
        private final Command command;
        private final Defaults defaults;
        private final Map<String, Arguments.Value> given = new LinkedHashMap<>();
        private final List<String> operands = new ArrayList<>();

        Parsing(Command command, Defaults defaults) {
            this.command = command;
            this.defaults = defaults;
        }

        Arguments parse(String[] args) {
            boolean flagsEnded = false;
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (flagsEnded || !arg.startsWith("-") || arg.equals("-")) {
                    operands.add(arg);
                } else if (arg.equals("--")) {
                    flagsEnded = true;
                } else {
                    i = flag(args, i);
                }
            }
            if (command.operands() == null && !operands.isEmpty()) {
                throw new UsageException("Unexpected argument '" + operands.get(0) + "': " + command.name()
                        + " takes flags only");
            }
            if (command.operands() != null && operands.isEmpty()) {
                throw new UsageException("Missing " + command.operands() + ": " + command.name() + " needs at least one");
            }
            Map<String, Arguments.Value> values = new LinkedHashMap<>();
            for (Flag flag : command.flags()) {
                Arguments.Value value = given.containsKey(flag.name()) ? given.get(flag.name()) : fallback(flag);
                if (value != null) {
                    values.put(flag.name(), value);
                } else if (flag.required()) {
                    throw new UsageException("Missing " + flag.name() + " " + flag.label()
                            + (flag.variable() == null ? "" : " (or " + flag.variable() + ")"));
                }
            }
            return new Arguments(values, List.copyOf(operands), defaults);
        }

        /** Reads the flag at {@code args[i]}; returns the index of the last argument it used. */
        private int flag(String[] args, int i) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String flagName = equals < 0 ? arg : arg.substring(0, equals);
            Flag flag = command.flags().stream().filter(f -> f.name().equals(flagName)).findFirst()
                    .orElseThrow(() -> new UsageException("Unknown option '" + flagName + "' for " + command.name()));
            if (given.containsKey(flag.name())) {
                throw new UsageException(flag.name() + " is given more than once");
            }
            String text;
            int last = i;
            if (equals >= 0) {
                text = arg.substring(equals + 1);
            } else if (flag.isSwitch()) {
                boolean valueFollows = i + 1 < args.length && isBoolean(args[i + 1]);
                text = valueFollows ? args[i + 1] : "true";
                last = valueFollows ? i + 1 : i;
            } else if (i + 1 < args.length) {
                text = args[i + 1];
                last = i + 1;
            } else {
                throw new UsageException("Missing the value of " + flag.name() + " (" + flag.label() + ")");
            }
            given.put(flag.name(), new Arguments.Value(text, flag.name()));
            return last;
        }

        private Arguments.Value fallback(Flag flag) {
            if (flag.variable() != null) {
                String set = defaults.value(flag.variable());
                if (set != null) {
                    return new Arguments.Value(set, defaults.origin(flag.variable()));
                }
            }
            return flag.defaultValue() == null ? null
                    : new Arguments.Value(flag.defaultValue(), "the default of " + flag.name());
        }

        private static boolean isBoolean(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            return lower.equals("true") || lower.equals("false");
        }
    }
}
