package dev.openagg.member;

import dev.openagg.api.Page;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.api.Wire;
import dev.openagg.engine.MemberStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The wire form of a member: exactly the fields of MX's {@code MemberResponse}, less {@code error}, which MX removed
 * from v20111101's current spec and which the current official clients reject.
 */
public final class MemberJson {
    private static final Set<ConnectionStatus> NEEDS_CREDENTIALS =
            EnumSet.of(ConnectionStatus.DENIED, ConnectionStatus.PREVENTED, ConnectionStatus.IMPAIRED);

    private MemberJson() {
    }

    public record Fields(String aggregatedAt, Boolean backgroundAggregationIsDisabled, String connectionStatus,
                         String connectionStatusMessage, String guid, String id, String institutionCode,
                         String institutionGuid, Boolean isBeingAggregated, Boolean isManagedByUser, Boolean isManual,
                         Boolean isOauth, String metadata, Integer mostRecentJobDetailCode,
                         String mostRecentJobDetailText, String mostRecentJobGuid, String name,
                         Boolean needsUpdatedCredentials, String oauthWindowUri, String successfullyAggregatedAt,
                         List<String> useCases, String userGuid, String userId) {
    }

    public record One(Fields member) {
    }

    record Many(List<Fields> members, Page.Pagination pagination) {
    }

    public static One one(Member member, InstitutionInfo institution) {
        return new One(fields(member, institution));
    }

    static Many list(Page.Listing<Member> listing, java.util.function.Function<String, InstitutionInfo> institutions) {
        return new Many(listing.items().stream().map(m -> fields(m, institutions.apply(m.institutionCode()))).toList(),
                listing.page().pagination(listing.total()));
    }

    public static Fields fields(Member m, InstitutionInfo institution) {
        MemberStatus s = m.status();
        return new Fields(Wire.time(s.aggregatedAt()), m.backgroundAggregationIsDisabled(), s.connectionStatus().name(),
                StatusMessages.of(s, institution.name()), m.guid(), m.id(),
                m.institutionCode(), institution.guid(), s.isBeingAggregated(), false, false, false, m.metadata(),
                null, null, s.mostRecentJobGuid(), institution.name(),
                NEEDS_CREDENTIALS.contains(s.connectionStatus()), null, Wire.time(s.successfullyAggregatedAt()),
                List.of(), m.userGuid(), m.userId());
    }
}
