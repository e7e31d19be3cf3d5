package dev.openagg.cli;

/** The command line, or a setting, is not one the command can run with; the message says what to change. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
