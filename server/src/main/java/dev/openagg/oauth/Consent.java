package dev.openagg.oauth;

import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.JobKind;
import dev.openagg.engine.MemberStatus;
import dev.openagg.member.ConsentWindows;
import dev.openagg.member.JobStarter;
import dev.openagg.member.Member;
import dev.openagg.member.MemberEvents;
import dev.openagg.member.MemberStore;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What the end user's choice on a consent page does, whether made on the page or through the sandbox's headless
 * consent: the page is spent, the member's status moves (with the same webhooks as a job's changes), and after
 * an authorisation the member's aggregation starts through the job engine.
 */
final class Consent {
    /** The consent page's buttons, and the institution failing (for tests of that path). */
    enum Choice {
        AUTHORIZE(null), DENY("DENIED"), CANCEL("CANCELLED"), ERROR("PROVIDER_ERROR");

        /** MX's {@code error_reason} for this choice; null for success. */
        final String errorReason;

        Choice(String errorReason) {
            this.errorReason = errorReason;
        }

        static Optional<Choice> named(String name) {
            for (Choice c : values()) {
                if (c.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    static final String DENIED = "You did not allow access to your accounts at this institution.";
    static final String PROVIDER_ERROR = "The institution could not complete the authorization. Please try again.";

    /** What a choice came to. */
    sealed interface Decision {
        /** The choice was applied; {@code member} is as it now stands, {@code options} the page's. */
        record Made(Member member, Choice choice, ConsentWindows.Options options) implements Decision {
            String status() {
                return choice == Choice.AUTHORIZE ? "success" : "error";
            }
        }

        /** The page cannot be used (unknown or replaced, used, expired); nothing changed. */
        record Refused(OAuthWindows.Refusal refusal) implements Decision {
        }
    }

    private final Jdbi jdbi;
    private final MemberStore members;
    private final OAuthWindows windows;
    private final OAuthAccess access;
    private final MemberEvents events;
    private final JobStarter jobs;

    Consent(MemberStore members, OAuthWindows windows, OAuthAccess access, MemberEvents events, JobStarter jobs) {
        this.jdbi = members.jdbi();
        this.members = members;
        this.windows = windows;
        this.access = access;
        this.events = events;
        this.jobs = jobs;
    }

    /** The choice made on the page a token opened. */
    Decision onPage(String token, Choice choice) {
        return decide(choice, h -> windows.find(h, token));
    }

    /** The choice made on the member's current page, without a browser. */
    Decision headless(Member member, Choice choice) {
        return decide(choice, h -> windows.current(h, member.guid()));
    }

    private Decision decide(Choice choice, Function<Handle, OAuthWindows.Found> page) {
        Decision decision = jdbi.inTransaction(h -> {
            OAuthWindows.Found found = page.apply(h);
            if (found.refusal() != null) {
                return new Decision.Refused(found.refusal());
            }
            OAuthWindows.Window window = found.window();
            Member current = members.lock(h, window.memberGuid()).orElse(null);
            if (current == null) {
                return new Decision.Refused(OAuthWindows.Refusal.UNKNOWN);
            }
            windows.spend(h, window);
            return new Decision.Made(apply(h, current, choice), choice, window.options());
        });
        if (decision instanceof Decision.Made made && made.choice() == Choice.AUTHORIZE
                && !made.options().skipAggregation()) {
            Member started = jobs.start(made.member(), JobKind.AGGREGATE).map(JobStarter.Start::member)
                    .orElse(made.member());
            return new Decision.Made(started, made.choice(), made.options());
        }
        return decision;
    }

    /**
     * Moves the member: CONNECTED with access granted, DENIED, or FAILED; a cancelled consent leaves it as it was.
     * A member whose job is running keeps its status (that job moves it), but its access follows the choice.
     */
    private Member apply(Handle h, Member current, Choice choice) {
        MemberStatus next = switch (choice) {
            case AUTHORIZE -> current.status().authorized();
            case DENY -> current.status().consentRefused(ConnectionStatus.DENIED, DENIED);
            case ERROR -> current.status().consentRefused(ConnectionStatus.FAILED, PROVIDER_ERROR);
            case CANCEL -> current.status();
        };
        if (choice == Choice.AUTHORIZE) {
            access.set(h, current.guid(), OAuthAccess.State.GRANTED);
        } else if (choice == Choice.DENY && access.state(h, current.guid()).isPresent()) {
            access.set(h, current.guid(), OAuthAccess.State.REVOKED);
        }
        if (next.equals(current.status()) || current.status().isBeingAggregated()) {
            return current;
        }
        if (!members.saveStatus(h, current, next)) {
            throw new IllegalStateException("member " + current.guid() + " changed under a lock");
        }
        Member moved = current.withStatus(next).withVersion(current.version() + 1);
        events.statusChanged(h, current, moved);
        return moved;
    }

    /** The institution revokes the member's access, or lets it expire; its next job finds out. */
    boolean endAccess(Member member, OAuthAccess.State state) {
        return jdbi.inTransaction(h -> {
            members.lock(h, member.guid());
            if (access.state(h, member.guid()).orElse(null) != OAuthAccess.State.GRANTED) {
                return false;
            }
            access.set(h, member.guid(), state);
            return true;
        });
    }
}
