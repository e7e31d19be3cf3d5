package dev.openagg.webhook;

import java.time.Duration;

/**
 * When to try a failed delivery again: the first retry after {@code base}, each later one 2.1 times the previous,
 * for 12 attempts in all. With the default base of 30 s the twelfth attempt comes about 26 hours after the first,
 * close to MX's "up to 12 times over about 24 hours".
 */
record Backoff(Duration base) {
    static final int ATTEMPTS = 12;
    private static final double FACTOR = 2.1;

    /** The wait after the {@code attempt}-th failed attempt (1-based), or null when no attempt is left. */
    Duration after(int attempt) {
        if (attempt >= ATTEMPTS) {
            return null;
        }
        return Duration.ofMillis((long) (base.toMillis() * Math.pow(FACTOR, attempt - 1)));
    }
}
