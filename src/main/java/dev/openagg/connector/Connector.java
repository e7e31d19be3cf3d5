package dev.openagg.connector;

import java.util.List;

/**
 * Serves one institution. Connectors are found with {@link java.util.ServiceLoader}, so a jar that lists an
 * implementation in {@code META-INF/services/dev.openagg.connector.Connector} adds an institution.
 *
 * <p>A connector keeps no state between calls: whatever it needs for its next step goes into the {@code state}
 * string of the {@link Step} it returns, the engine stores that on the job row, and hands it back in the next
 * {@link JobContext}. Any node may therefore run any step of any job. Calls may block (they run on the job
 * scheduler's threads, never on an HTTP thread) but must not touch OpenAgg's database.
 */
public interface Connector {

    /** The institution this connector serves, with the credential fields a member must supply. */
    InstitutionInfo institution();

    /**
     * Called once when a job starts, and again after a {@link Step.Delayed} step with the state that step
     * returned. Returns what happened next: challenges, success with data, a failure, or a delay.
     */
    Step start(JobContext context);

    /**
     * Called when the end user has answered every challenge of the last {@link Step.Challenged} step. The engine
     * has already checked that each answer names one of those challenges and that none is missing; for option
     * challenges an answer naming an option's guid has been turned into that option's value. Judging whether the
     * answers are right is the connector's work.
     */
    Step resume(JobContext context, List<Answer> answers);
}
