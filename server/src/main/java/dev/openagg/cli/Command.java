package dev.openagg.cli;

import java.util.List;

/**
 * A subcommand: its flags, and what it does with them. {@code operands} labels the arguments after the flags (such
 * as {@code FILE}), at least one required; null when the command takes none.
 */
public record Command(String name, String description, List<Flag> flags, String operands, boolean hidden,
        Action action) {

    /** The command's work; returns the process's exit code. */
    @FunctionalInterface
    public interface Action {
        int run(Arguments arguments) throws Exception;
    }

    public static Command of(String name, String description, List<Flag> flags, Action action) {
        return new Command(name, description, List.copyOf(flags), null, false, action);
    }

    /** The same command, taking one or more operands shown as {@code label} in the help. */
    public Command withOperands(String label) {
        return new Command(name, description, flags, label, hidden, action);
    }

    /** The same command, left out of the program's help (it is for the build). */
    public Command hiddenFromHelp() {
        return new Command(name, description, flags, operands, true, action);
    }
}
