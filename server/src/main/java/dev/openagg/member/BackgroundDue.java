package dev.openagg.member;

import java.time.Instant;

/** When a new member's first background aggregation falls due; stored with the member so due members are found by index. */
@FunctionalInterface
public interface BackgroundDue {
    /** No schedule: background aggregation is off, and members are placed if it is turned on later. */
    BackgroundDue NONE = (memberGuid, createdAt) -> null;

    /** The first due moment of a member created at {@code createdAt} (on its client's clock), or null for none. */
    Instant first(String memberGuid, Instant createdAt);
}
