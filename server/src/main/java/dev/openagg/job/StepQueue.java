package dev.openagg.job;

import java.time.Instant;

/** Hands a job's step to whatever runs steps (the persistent scheduler in the server). */
public interface StepQueue {

    /** Queues step {@code step} of the job to run at {@code at}; queuing the same step twice queues it once. */
    void enqueue(String jobGuid, int step, Instant at);

    /**
     * Runs {@code write}, which stores the {@code rows} rows a step brought back and moves its job on. By default at
     * once, on the caller's thread; the scheduler runs it on threads of its own, so a step of another job (an MFA
     * answer) never waits for a free step thread behind another member's data write, and makes the caller wait only
     * while the rows already handed over and not yet stored are at its bound. {@code write} must be safe to lose: a
     * job whose write never ran is still running at the same step, and {@link JobEngine#requeueStalled} runs the step
     * again.
     */
    default void writeHarvest(int rows, Runnable write) {
        write.run();
    }
}
