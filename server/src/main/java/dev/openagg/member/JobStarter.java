package dev.openagg.member;

import dev.openagg.connector.JobKind;
import java.util.Optional;

/** Starts a job on a member; the job engine implements it. */
public interface JobStarter {

    /** What a start request came to; {@link #member()} is the member as it now stands in every case. */
    sealed interface Start {
        Member member();

        /** A new job began. */
        record Started(Member member) implements Start {
        }

        /** A job of the same kind was already running; nothing new began. */
        record AlreadyRunning(Member member) implements Start {
        }

        /** A job of another kind is running. */
        record Busy(Member member, JobKind running) implements Start {
        }

        /** The member is PREVENTED after failed logins in a row; its credentials must be updated first. */
        record Prevented(Member member, int failedLogins) implements Start {
        }

        /** The member's institution does not offer this kind of job. */
        record Unsupported(Member member, JobKind kind) implements Start {
        }
    }

    /** Starts a job of this kind, or says why none started; empty when the member no longer exists. */
    Optional<Start> start(Member member, JobKind kind);
}
