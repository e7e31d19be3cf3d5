package dev.openagg.background;

import java.time.Duration;
import java.time.Instant;

/**
 * When each member's background aggregation falls due: time is cut into periods of {@code period} from the epoch,
 * and each member has a fixed moment in every period, taken from its guid, so the members' jobs are spread over
 * the period instead of starting all at once, and every node computes the same moment.
 */
record Schedule(Duration period) {

    Schedule {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a background aggregation period must be positive");
        }
    }

    /** The start of the period {@code now} falls in. */
    Instant periodStart(Instant now) {
        long millis = period.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), millis) * millis);
    }

    /** The member's moment in the period that starts at {@code periodStart}. */
    Instant dueAt(String memberGuid, Instant periodStart) {
        // String.hashCode is specified, so every node and every release agrees on it.
        return periodStart.plusMillis(Math.floorMod((long) memberGuid.hashCode() * 7919L, period.toMillis()));
    }
}
