package dev.openagg.member;

import dev.openagg.engine.MemberStatus;
import java.time.Instant;

/**
 * A user's login at an institution. Its {@link MemberStatus} is moved only by the job engine. It carries its user's
 * client, which never changes, so what follows from a member (its webhooks, its client's clock) needs no user lookup.
 */
public record Member(
        String guid,
        String userGuid,
        String clientId,
        String userId,
        String id,
        String institutionCode,
        String metadata,
        boolean backgroundAggregationIsDisabled,
        MemberStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public Member withStatus(MemberStatus next) {
        return new Member(guid, userGuid, clientId, userId, id, institutionCode, metadata,
                backgroundAggregationIsDisabled, next, version, createdAt, updatedAt);
    }

    public Member withVersion(long next) {
        return new Member(guid, userGuid, clientId, userId, id, institutionCode, metadata,
                backgroundAggregationIsDisabled, status, next, createdAt, updatedAt);
    }
}
