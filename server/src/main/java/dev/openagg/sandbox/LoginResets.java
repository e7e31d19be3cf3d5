package dev.openagg.sandbox;

import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.Step;
import dev.openagg.engine.Job;
import dev.openagg.job.StepOverride;
import dev.openagg.member.Member;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code reset_login}: the member's logins fail from now on, as when the end user changed their password at the
 * institution, so each of its jobs ends DENIED (and, after three, PREVENTED) until its credentials are updated,
 * which deletes the reset ({@code MemberStore.replaceCredentials}).
 */
final class LoginResets implements StepOverride {
    private final Jdbi jdbi;
    private final Clock clock;

    LoginResets(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    void reset(String memberGuid) {
        jdbi.useHandle(h -> {
            boolean already = h.createQuery("SELECT COUNT(*) FROM sandbox_login_reset WHERE member_guid = :m")
                    .bind("m", memberGuid).mapTo(Integer.class).one() > 0;
            if (!already) {
                h.createUpdate("INSERT INTO sandbox_login_reset (member_guid, created_at) VALUES (:m, :now)")
                        .bind("m", memberGuid).bind("now", clock.instant()).execute();
            }
        });
    }

    @Override
    public Optional<Step> outcome(Member member, InstitutionInfo institution, Job job) {
        boolean reset = jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM sandbox_login_reset WHERE member_guid = :m")
                .bind("m", member.guid()).mapTo(Integer.class).one() > 0);
        return reset ? Optional.of(new Step.Failed(ConnectionStatus.DENIED)) : Optional.empty();
    }
}
