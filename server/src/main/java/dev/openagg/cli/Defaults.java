package dev.openagg.cli;

/** Where a flag that is not given finds its value: a lookup by the flag's variable name. */
public interface Defaults {
    Defaults NONE = variable -> null;

    /** The value set for {@code variable}, or null when none is. */
    String value(String variable);

    /** Where a value of {@code variable} came from, for an error about it. */
    default String origin(String variable) {
        return variable;
    }
}
