package dev.openagg.testkit;

/**
 * Why the engine's rules refused a request, with what the server answers the client in each case. The first four
 * refuse a start, the last three a resume (the answers).
 */
public enum Refusal {
    /** The institution does not offer this kind of job ({@link dev.openagg.connector.InstitutionInfo#supports}); 400. */
    UNSUPPORTED(true),
    /** The member is PREVENTED after failed logins in a row; its credentials must be updated first; 409. */
    PREVENTED(true),
    /** A job of the same kind is already running on the member; the server answers 202 and starts nothing. */
    ALREADY_RUNNING(true),
    /** A job of another kind is running on the member; 409. */
    BUSY(true),
    /** The member has no open challenge to answer; 409. */
    NOT_CHALLENGED(false),
    /** The challenge expired before it was answered; a new job must be started; 409. */
    EXPIRED(false),
    /** The answers do not fit the open challenges (one missing, one too many, an empty value...); 422. */
    INVALID_ANSWERS(false);

    private final boolean ofStart;

    Refusal(boolean ofStart) {
        this.ofStart = ofStart;
    }

    /** {@code "start"} or {@code "answers"}: the request this refuses. */
    String request() {
        return ofStart ? "start" : "answers";
    }

    /** The refusal in words: "the start was refused (PREVENTED)". */
    String described() {
        return "the " + request() + (ofStart ? " was" : " were") + " refused (" + name() + ")";
    }
}
