package dev.openagg.engine;

import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.JobKind;
import java.time.Instant;
import java.util.List;

/**
 * One aggregation-type job and everything its next step needs. {@code step} counts the steps handed to the
 * scheduler, so a stale or repeated execution can tell it has nothing to do. {@code stateVersion} is the
 * connector's {@code stateVersion()} when it wrote {@code connectorState}.
 */
public record Job(
        String guid,
        String memberGuid,
        JobKind kind,
        Phase phase,
        int step,
        String connectorState,
        int stateVersion,
        List<Challenge> challenges,
        List<Answer> answers,
        Instant expiresAt,
        ConnectionStatus outcome,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {

    /** Where a job is; stored by name. */
    public enum Phase {
        /** A step is queued or running. */
        RUNNING,
        /** Waiting for the end user's answers until {@code expiresAt}. */
        CHALLENGED,
        /** Ended; {@code outcome} is the member's status it ended with. */
        FINISHED
    }

    public Job {
        challenges = challenges == null ? List.of() : List.copyOf(challenges);
        answers = answers == null ? null : List.copyOf(answers);
    }

    public static Job start(String guid, String memberGuid, JobKind kind, Instant now) {
        return new Job(guid, memberGuid, kind, Phase.RUNNING, 0, null, 0, List.of(), null, null, null, 0, now, now,
                null);
    }

    public boolean isOverdue(Instant now) {
        return phase == Phase.CHALLENGED && expiresAt != null && !now.isBefore(expiresAt);
    }

    public boolean isRunning() {
        return phase == Phase.RUNNING;
    }

    Job challenged(List<Challenge> open, String state, int version, Instant now, Instant expiry) {
        return new Job(guid, memberGuid, kind, Phase.CHALLENGED, step, state, version, open, null, expiry, null,
                this.version, createdAt, now, null);
    }

    /** The answers wait on the row for the next step, which runs as {@code step + 1}. */
    Job resumed(List<Answer> given, Instant now) {
        return new Job(guid, memberGuid, kind, Phase.RUNNING, step + 1, connectorState, stateVersion, List.of(),
                given, null, null, version, createdAt, now, null);
    }

    Job delayed(String state, int version, Instant now) {
        return new Job(guid, memberGuid, kind, Phase.RUNNING, step + 1, state, version, List.of(), null, null, null,
                this.version, createdAt, now, null);
    }

    Job finished(ConnectionStatus result, Instant now) {
        return new Job(guid, memberGuid, kind, Phase.FINISHED, step, null, 0, List.of(), null, null, result, version,
                createdAt, now, now);
    }
}
