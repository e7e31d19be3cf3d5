package dev.openagg.api;

import java.time.Duration;

/**
 * How much a request may carry and how slowly it may arrive. A request line and headers must arrive within
 * {@code headerTimeout}, a body within {@code bodyTimeout} of its headers; and while either is still arriving, it
 * must keep up {@code minDataRate} bytes per second after a {@link #GRACE} of a few seconds, so a client trickling
 * a byte at a time is cut off long before the time limit. Bodies over {@code maxBodyBytes} are refused with 413.
 */
public record Limits(Duration headerTimeout, Duration bodyTimeout, long minDataRate, int maxBodyBytes) {
    /** Time any head or body gets before its rate is judged: covers a lost packet or two on a poor network. */
    public static final Duration GRACE = Duration.ofSeconds(5);

    public Limits {
        if (headerTimeout.isNegative() || headerTimeout.isZero() || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("time limits must be positive");
        }
        if (minDataRate < 0 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("the data rate and the body size cannot be negative");
        }
    }

    public static Limits defaults() {
        return new Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), 1024, 256 * 1024);
    }

    /**
     * The {@link System#nanoTime()} by which a head or body begun at {@code startedNanos}, of which {@code bytes}
     * have arrived, must be complete or have received more: the earlier of the time limit and the moment those
     * bytes stop meeting the minimum rate.
     */
    long due(long startedNanos, long bytes, Duration timeout) {
        long limit = startedNanos + timeout.toNanos();
        if (minDataRate == 0) {
            return limit;
        }
        long allowance = Math.min(bytes, Long.MAX_VALUE / 1_000_000_000L) * 1_000_000_000L / minDataRate;
        return Math.min(limit, startedNanos + GRACE.toNanos() + allowance);
    }
}
