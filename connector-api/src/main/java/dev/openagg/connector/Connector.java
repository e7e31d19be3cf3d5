package dev.openagg.connector;

import java.util.List;
import java.util.Optional;

/**
 * Serves one institution. Connectors are found with {@link java.util.ServiceLoader}: a jar that lists an
 * implementation in {@code META-INF/services/dev.openagg.connector.Connector} adds an institution, on the class
 * path or as a plug-in in the server's plug-ins folder. The class needs a public no-argument constructor.
 *
 * <p>A connector keeps no state between calls: whatever it needs for its next step goes into the {@code state}
 * string of the {@link Step} it returns, the engine stores that on the job row, and hands it back in the next
 * {@link JobContext}. Any node may therefore run any step of any job, and one instance serves every job at once,
 * from several threads. Calls may block (they run on the job scheduler's threads, never on an HTTP thread) but
 * must not touch OpenAgg's database. A call that throws ends the job FAILED with a generic message; return
 * {@link Step.Failed} to say what went wrong.
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

    /**
     * The version of the {@code state} strings this connector writes. A job waits on its row between steps (for an
     * answer, or out a delay), so a server upgraded in between can hand a connector state written by its previous
     * version. Raise this number whenever the state's format changes; the engine then calls
     * {@link #upgradeState} instead of passing the old string on as if it were new.
     */
    default int stateVersion() {
        return 1;
    }

    /**
     * Turns a state written by version {@code storedVersion} of this connector into one of the current version, or
     * returns empty when it cannot; the job then ends FAILED, with a message asking the end user to start again.
     * The default upgrades nothing.
     */
    default Optional<String> upgradeState(int storedVersion, String state) {
        return Optional.empty();
    }
}
