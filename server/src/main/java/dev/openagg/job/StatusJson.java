package dev.openagg.job;

import dev.openagg.api.Wire;
import dev.openagg.connector.Challenge;
import dev.openagg.member.Member;
import dev.openagg.engine.MemberStatus;
import java.util.List;

/** The wire form of {@code GET .../status} ({@code MemberStatusResponse}). */
final class StatusJson {
    private StatusJson() {
    }

    record Fields(String aggregatedAt, List<ChallengeJson.Wire> challenges, String connectionStatus, String guid,
                  Boolean hasProcessedAccounts, Boolean hasProcessedAccountNumbers, Boolean hasProcessedTransactions,
                  Boolean isAuthenticated, Boolean isBeingAggregated, String successfullyAggregatedAt) {
    }

    record One(Fields member) {
    }

    static One of(Member m, List<Challenge> challenges) {
        MemberStatus s = m.status();
        return new One(new Fields(Wire.time(s.aggregatedAt()), ChallengeJson.list(challenges),
                s.connectionStatus().name(), m.guid(), s.hasProcessedAccounts(), s.hasProcessedAccountNumbers(),
                s.hasProcessedTransactions(), s.isAuthenticated(), s.isBeingAggregated(),
                Wire.time(s.successfullyAggregatedAt())));
    }
}
