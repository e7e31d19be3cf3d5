package dev.openagg.oauth;

import dev.openagg.api.Http;
import dev.openagg.institution.Institutions;
import dev.openagg.job.JobEngine;
import dev.openagg.job.StepOverride;
import dev.openagg.member.ConsentWindows;
import dev.openagg.member.JobStarter;
import dev.openagg.member.MemberEvents;
import dev.openagg.member.MemberStore;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * OAuth members: their consent pages ({@link #windows}, for member creation), the access their end users grant
 * ({@link #access}, which the job engine checks) and the routes. The consent page is public under {@link #PREFIX};
 * its one-time token is the authority.
 */
public final class OAuth {
    public static final String PREFIX = "/oauth";

    private final OAuthWindows windows;
    private final OAuthAccess access;

    public OAuth(Jdbi jdbi, Clock clock) {
        this.windows = new OAuthWindows(clock);
        this.access = new OAuthAccess(jdbi, clock);
    }

    public ConsentWindows windows() {
        return windows;
    }

    public StepOverride access() {
        return access;
    }

    /** The routes; {@code jobs} starts the aggregation that follows an authorisation. */
    public List<Http.Routes> routes(MemberStore members, Institutions institutions, MemberEvents events,
                                    JobStarter jobs) {
        Consent consent = new Consent(members, windows, access, events, jobs, institutions);
        return List.of(new OAuthRoutes(members, institutions, windows, consent),
                new ConsentRoutes(consent, windows, members, institutions));
    }
}
