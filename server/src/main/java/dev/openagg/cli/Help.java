package dev.openagg.cli;

import java.util.ArrayList;
import java.util.List;

/** The help texts: the program's commands, and one command's flags with their variables and defaults. */
final class Help {
    private static final int WIDTH = 100;
    private static final String INDENT = "      ";

    private Help() {
    }

    static String program(Program program, String description, List<Command> commands) {
        StringBuilder text = new StringBuilder("Usage: " + program.name() + " COMMAND [OPTIONS]\n");
        wrap(text, description, "", "");
        text.append("\nCommands:\n");
        int width = commands.stream().mapToInt(c -> c.name().length()).max().orElse(0) + 2;
        for (Command command : commands) {
            wrap(text, command.description(), "  " + pad(command.name(), width), " ".repeat(2 + width));
        }
        text.append("\n  -h, --help     Show this help; after a command, that command's options.\n")
                .append("  -V, --version  Show the version.\n");
        return text.toString();
    }

    static String command(Program program, Command command) {
        StringBuilder text = new StringBuilder("Usage: " + program.name() + " " + command.name() + " [OPTIONS]"
                + (command.operands() == null ? "" : " " + command.operands() + "...") + "\n");
        wrap(text, command.description(), "", "");
        text.append("\nOptions:\n");
        for (Flag flag : command.flags()) {
            text.append("  ").append(flag.name()).append(flag.isSwitch() ? "[=" + flag.label() + "]" : " " + flag.label())
                    .append('\n');
            wrap(text, flag.description(), INDENT, INDENT);
        }
        text.append("  -h, --help\n");
        wrap(text, "Show this help.", INDENT, INDENT);
        return text.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(1, width - text.length()));
    }

    /**
     * Appends {@code words} in lines of at most {@link #WIDTH} characters: the first starting with {@code first}, the
     * others with {@code indent}.
     */
    private static void wrap(StringBuilder text, String words, String first, String indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int start = first.length();
        for (String word : words.split(" ")) {
            if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
                start = indent.length();
            }
            if (line.length() > start) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        lines.forEach(l -> text.append(l).append('\n'));
    }
}
