package dev.openagg.background;

import dev.openagg.member.BackgroundDue;
import java.time.Duration;
import java.time.Instant;

/**
 * When each member's background aggregation falls due: time is cut into periods of {@code period} from the epoch,
 * and each member has a fixed moment in every period, taken from its guid, so the members' jobs are spread over
 * the period instead of starting all at once, and every node computes the same moment.
 */
record Schedule(Duration period) implements BackgroundDue {

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

    /**
     * A new member's first moment: its first moment at least half a period after it was created, as it has just been
     * aggregated on creation. A member created just before its moment so waits for the next period's, about a day
     * later, instead of being aggregated twice within minutes.
     */
    @Override
    public Instant first(String memberGuid, Instant createdAt) {
        return atOrAfter(memberGuid, createdAt.plus(period.dividedBy(2)));
    }

    /** The member's first moment at or after {@code instant}. */
    Instant atOrAfter(String memberGuid, Instant instant) {
        Instant due = dueAt(memberGuid, periodStart(instant));
        return due.isBefore(instant) ? due.plus(period) : due;
    }

    /** The member's moment in the period after the one {@code now} falls in. */
    Instant nextAfter(String memberGuid, Instant now) {
        return dueAt(memberGuid, periodStart(now).plus(period));
    }
}
