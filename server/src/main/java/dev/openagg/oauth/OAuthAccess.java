package dev.openagg.oauth;

import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.Step;
import dev.openagg.engine.Job;
import dev.openagg.job.StepOverride;
import dev.openagg.member.Member;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The access an OAuth member's end user granted at the institution. Jobs run on it; once the institution revokes it
 * or lets it expire, the member's next job ends DENIED and the member waits for a new consent.
 */
final class OAuthAccess implements StepOverride {
    enum State { GRANTED, REVOKED, EXPIRED }

    private final Jdbi jdbi;
    private final Clock clock;

    OAuthAccess(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Optional<Step> outcome(Member member, InstitutionInfo institution, Job job) {
        if (!institution.supportsOauth()) {
            return Optional.empty();
        }
        State state = jdbi.withHandle(h -> state(h, member.guid())).orElse(null);
        String name = institution.name();
        if (state == State.GRANTED) {
            return Optional.empty();
        }
        String why = state == null ? "Access to " + name + " has not been authorized yet."
                : state == State.REVOKED ? "Access to " + name + " was revoked at the institution."
                : "Access to " + name + " has expired.";
        return Optional.of(new Step.Failed(ConnectionStatus.DENIED, why + " Please authorize it again to continue."));
    }

    Optional<State> state(Handle h, String memberGuid) {
        return h.createQuery("SELECT state FROM oauth_access WHERE member_guid = :member").bind("member", memberGuid)
                .mapTo(String.class).findOne().map(State::valueOf);
    }

    /** Records the member's access as {@code state}. */
    void set(Handle h, String memberGuid, State state) {
        int updated = h.createUpdate("UPDATE oauth_access SET state = :state, changed_at = :now WHERE member_guid = :member")
                .bind("state", state.name()).bind("now", clock.instant()).bind("member", memberGuid).execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO oauth_access (member_guid, state, changed_at) VALUES (:member, :state, :now)")
                    .bind("member", memberGuid).bind("state", state.name()).bind("now", clock.instant()).execute();
        }
    }
}
