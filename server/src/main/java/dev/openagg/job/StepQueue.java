package dev.openagg.job;

import java.time.Instant;

/** Hands a job's step to whatever runs steps (the persistent scheduler in the server). */
public interface StepQueue {

    /** Queues step {@code step} of the job to run at {@code at}; queuing the same step twice queues it once. */
    void enqueue(String jobGuid, int step, Instant at);
}
