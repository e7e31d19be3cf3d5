package dev.openagg.secret;

/**
 * A master key that is missing, malformed or wrong, or a stored secret that cannot be read. The message names the
 * setting or the row at fault and never holds a key or a secret value.
 */
public final class SecretException extends RuntimeException {
    public SecretException(String message) {
        super(message);
    }

    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
