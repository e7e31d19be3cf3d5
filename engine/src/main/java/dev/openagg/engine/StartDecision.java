package dev.openagg.engine;

import dev.openagg.connector.JobKind;

/** What a request to start a job comes to. */
public sealed interface StartDecision {

    /** A new job starts. */
    record Started(Transition transition) implements StartDecision {
    }

    /** A job of the same kind is already running: nothing new starts (MX answers 202). */
    record AlreadyRunning(JobKind kind) implements StartDecision {
    }

    /** A job of another kind is running (MX answers 409). */
    record Busy(JobKind running) implements StartDecision {
    }

    /** The member is PREVENTED after failed logins in a row: its credentials must be updated first. */
    record Prevented(int failedLogins) implements StartDecision {
    }

    /** The institution does not offer this kind of job (MX answers 400). */
    record Unsupported(JobKind kind) implements StartDecision {
    }
}
