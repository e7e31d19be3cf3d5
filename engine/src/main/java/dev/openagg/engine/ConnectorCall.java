package dev.openagg.engine;

import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Connector;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.Step;
import java.util.Optional;
import java.util.function.Function;

/**
 * One call of a connector for a job's next step, made the same way by the server and the test kit: state written by
 * another {@link Connector#stateVersion()} is upgraded first (or the job fails with
 * {@link JobRules#STATE_NOT_UPGRADED}); then {@code start} runs, or {@code resume} when the job holds answers. A
 * connector that throws, or returns no step, fails the job FAILED with MX's standard message; {@code failure} keeps
 * what went wrong for the caller to log or report.
 */
public record ConnectorCall(Step step, RuntimeException failure) {

    /** A connector returned null where a step was due: a bug in the connector. */
    public static final class NoStepReturned extends IllegalStateException {
        NoStepReturned(String message) {
            super(message);
        }
    }

    /** Calls {@code connector} for {@code job}; {@code context} builds the call's context from the (upgraded) state. */
    public static ConnectorCall of(Connector connector, Job job, Function<String, JobContext> context) {
        boolean resuming = job.answers() != null;
        try {
            String state = job.connectorState();
            if (state != null && job.stateVersion() != connector.stateVersion()) {
                Optional<String> upgraded = connector.upgradeState(job.stateVersion(), state);
                if (upgraded == null || upgraded.isEmpty()) {
                    return new ConnectorCall(JobRules.STATE_NOT_UPGRADED, null);
                }
                state = upgraded.get();
            }
            JobContext call = context.apply(state);
            Step step = resuming ? connector.resume(call, job.answers()) : connector.start(call);
            if (step == null) {
                return failed(new NoStepReturned(connector.getClass().getName() + (resuming ? ".resume" : ".start")
                        + " returned null instead of a Step"));
            }
            return new ConnectorCall(step, null);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    private static ConnectorCall failed(RuntimeException e) {
        return new ConnectorCall(new Step.Failed(ConnectionStatus.FAILED), e);
    }
}
