package dev.openagg.oauth;

import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.JobKind;
import dev.openagg.engine.MemberStatus;
import dev.openagg.institution.ConsentOutcomes;
import dev.openagg.institution.Institutions;
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
        /**
         * The choice was applied; {@code member} is as it now stands, {@code errorReason} MX's for the result (null
         * when the member connected), {@code options} the page's.
         */
        record Made(Member member, Choice choice, String errorReason, ConsentWindows.Options options)
                implements Decision {
            String status() {
                return errorReason == null ? "success" : "error";
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
    private final Institutions institutions;

    Consent(MemberStore members, OAuthWindows windows, OAuthAccess access, MemberEvents events, JobStarter jobs,
            Institutions institutions) {
        this.jdbi = members.jdbi();
        this.members = members;
        this.windows = windows;
        this.access = access;
        this.events = events;
        this.jobs = jobs;
        this.institutions = institutions;
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
            Optional<ConsentOutcomes.Ending> outcome = institutions.consentOutcome(current.institutionCode(),
                    ConsentOutcomes.Choice.valueOf(choice.name()));
            return new Decision.Made(apply(h, current, choice, outcome), choice, errorReason(choice, outcome),
                    window.options());
        });
        if (decision instanceof Decision.Made made && made.errorReason() == null
                && !made.options().skipAggregation()) {
            Member started = jobs.start(made.member(), JobKind.AGGREGATE).map(JobStarter.Start::member)
                    .orElse(made.member());
            return new Decision.Made(started, made.choice(), null, made.options());
        }
        return decision;
    }

    /**
     * MX's {@code error_reason} for what the choice came to: null when the member connected; IMPEDED or DENIED when
     * the institution's outcome says so; else the choice's own (an authorisation that failed is the provider's error).
     */
    private static String errorReason(Choice choice, Optional<ConsentOutcomes.Ending> outcome) {
        if (outcome.isEmpty()) {
            return choice.errorReason;
        }
        return switch (outcome.get().status()) {
            case CONNECTED -> null;
            case IMPEDED, DENIED -> outcome.get().status().name();
            default -> choice == Choice.AUTHORIZE ? Choice.ERROR.errorReason : choice.errorReason;
        };
    }

    /**
     * Moves the member as the institution's outcome for the choice says, else as MX does: CONNECTED with access
     * granted, DENIED, or FAILED; a cancelled consent leaves it as it was. A member whose job is running keeps its
     * status (that job moves it), but its access follows the choice.
     */
    private Member apply(Handle h, Member current, Choice choice, Optional<ConsentOutcomes.Ending> outcome) {
        MemberStatus next = current.status();
        if (outcome.isPresent() || choice != Choice.CANCEL) {
            ConsentOutcomes.Ending ending = outcome.orElseGet(() -> usual(choice));
            next = ending.status() == ConnectionStatus.CONNECTED ? current.status().authorized()
                    : current.status().consentRefused(ending.status(),
                    ending.message() != null ? ending.message() : usualMessage(choice));
        }
        if (next.connectionStatus() == ConnectionStatus.CONNECTED && choice == Choice.AUTHORIZE) {
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

    /** Where MX leaves the member after a choice other than cancel (which leaves it as it was). */
    private static ConsentOutcomes.Ending usual(Choice choice) {
        return new ConsentOutcomes.Ending(switch (choice) {
            case AUTHORIZE -> ConnectionStatus.CONNECTED;
            case DENY -> ConnectionStatus.DENIED;
            case ERROR, CANCEL -> ConnectionStatus.FAILED;
        }, null);
    }

    private static String usualMessage(Choice choice) {
        return switch (choice) {
            case DENY -> DENIED;
            case ERROR -> PROVIDER_ERROR;
            case AUTHORIZE, CANCEL -> null;
        };
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
