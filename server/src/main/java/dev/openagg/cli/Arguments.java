package dev.openagg.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed command line: each flag's value (given, from its variable, or its default) with where it came from, and
 * the operands. The typed getters refuse a value of the wrong kind with a {@link UsageException} that names its origin.
 */
public final class Arguments {
    /** A flag's value as text, and where it came from: the flag itself, a variable, or the default. */
    record Value(String text, String origin) {
    }

    private final Map<String, Value> values;
    private final List<String> operands;
    private final Defaults defaults;

    Arguments(Map<String, Value> values, List<String> operands, Defaults defaults) {
        this.values = values;
        this.operands = operands;
        this.defaults = defaults;
    }

    /** The value as given, or null when the flag has none. */
    public String string(Flag flag) {
        Value value = values.get(flag.name());
        return value == null ? null : value.text();
    }

    public Path path(Flag flag) {
        Value value = values.get(flag.name());
        if (value == null) {
            return null;
        }
        try {
            return Path.of(value.text());
        } catch (InvalidPathException e) {
            throw invalid(value, "a file path");
        }
    }

    /** A whole number, or null when the flag has none. */
    public Integer optionalInt(Flag flag) {
        Value value = values.get(flag.name());
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.text().trim());
        } catch (NumberFormatException e) {
            throw invalid(value, "a whole number");
        }
    }

    public int intValue(Flag flag) {
        return present(flag, optionalInt(flag));
    }

    public long longValue(Flag flag) {
        Value value = present(flag, values.get(flag.name()));
        try {
            return Long.parseLong(value.text().trim());
        } catch (NumberFormatException e) {
            throw invalid(value, "a whole number");
        }
    }

    public boolean bool(Flag flag) {
        Value value = present(flag, values.get(flag.name()));
        return switch (value.text().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(value, "true or false");
        };
    }

    /** The arguments after the flags. */
    public List<String> operands() {
        return operands;
    }

    /** Where values not given as flags were looked up. */
    public Defaults defaults() {
        return defaults;
    }

    private static <T> T present(Flag flag, T value) {
        if (value == null) {
            throw new UsageException(flag.name() + " has no value");
        }
        return value;
    }

    private static UsageException invalid(Value value, String kind) {
        return new UsageException(value.origin() + " must be " + kind + ", not '" + value.text() + "'");
    }
}
