package dev.openagg.institution;

import dev.openagg.connector.ConnectionStatus;
import java.util.Optional;

/**
 * Implemented by the connector of an OAuth institution that decides what the choices on its consent page come to
 * (a scenario with per-choice outcomes), so a test can see a member end, say, IMPEDED after an authorisation. An
 * institution without it, or without an outcome for a choice, ends that choice as MX does.
 */
public interface ConsentOutcomes {
    /** The consent page's buttons, and the institution failing. */
    enum Choice {
        AUTHORIZE, DENY, CANCEL, ERROR
    }

    /**
     * Where a choice leaves the member: CONNECTED (authorise only) or a failure status, with the message shown for it
     * (null for the choice's usual one).
     */
    record Ending(ConnectionStatus status, String message) {
    }

    /** What {@code choice} comes to at this institution; empty for MX's usual outcome. */
    Optional<Ending> consentOutcome(Choice choice);
}
