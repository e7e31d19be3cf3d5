package dev.openagg.member;

import dev.openagg.connector.JobKind;

/** Starts a job on a member; the job engine implements it. */
public interface JobStarter {

    /** The outcome of a start request: the member as it now stands, and whether a new job began. */
    record Started(Member member, boolean isNew) {
    }

    /**
     * Starts a job of this kind, or leaves a running one of the same kind alone. Throws a 409 {@code ApiError}
     * when a job of another kind is running.
     */
    Started start(Member member, JobKind kind);
}
