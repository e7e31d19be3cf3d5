package dev.openagg.cli;

/**
 * One option of a command. When the flag is not given, its value comes from {@code variable} (the environment, then
 * the config file: see {@link Defaults}), else from {@code defaultValue}. A switch may stand alone ({@code --sandbox},
 * meaning true) or take {@code true} or {@code false}; any other flag takes a value.
 */
public record Flag(String name, String variable, String defaultValue, String label, boolean isSwitch, boolean required,
        String description) {

    public Flag {
        if (!name.startsWith("--")) {
            throw new IllegalArgumentException("a flag's name starts with --: " + name);
        }
    }

    /** A flag that takes a value, labelled in the help after its name without the dashes. */
    public static Flag value(String name, String variable, String defaultValue, String description) {
        return new Flag(name, variable, defaultValue, name.substring(2).toUpperCase(java.util.Locale.ROOT), false,
                false, description);
    }

    /** A true-or-false flag; alone it means true. */
    public static Flag toggle(String name, String variable, boolean defaultValue, String description) {
        return new Flag(name, variable, Boolean.toString(defaultValue), "true|false", true, false, description);
    }

    /** The same flag, shown in the help with {@code label} for its value. */
    public Flag labelled(String label) {
        return new Flag(name, variable, defaultValue, label, isSwitch, required, description);
    }

    /** The same flag, which must be given (as a flag, or through its variable). */
    public Flag mandatory() {
        return new Flag(name, variable, defaultValue, label, isSwitch, true, description);
    }
}
