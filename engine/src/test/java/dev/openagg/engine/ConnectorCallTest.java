package dev.openagg.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.connector.Answer;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Connector;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.JobKind;
import dev.openagg.connector.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectorCallTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    /** Records the state each call saw; version 2, upgrading version 1's "old" to "new". */
    static final class Recorder implements Connector {
        final List<String> seen = new ArrayList<>();
        Step next = new Step.Succeeded(Harvest.empty());
        RuntimeException toThrow;

        @Override
        public InstitutionInfo institution() {
            return new InstitutionInfo("rec", "Recorder", null, null, List.of(), false, false, false, false, false);
        }

        @Override
        public Step start(JobContext context) {
            return answer("start", context);
        }

        @Override
        public Step resume(JobContext context, List<Answer> answers) {
            return answer("resume", context);
        }

        private Step answer(String method, JobContext context) {
            seen.add(method + " " + context.state());
            if (toThrow != null) {
                throw toThrow;
            }
            return next;
        }

        @Override
        public int stateVersion() {
            return 2;
        }

        @Override
        public Optional<String> upgradeState(int storedVersion, String state) {
            if (state.equals("explode")) {
                throw new IllegalStateException("cannot parse");
            }
            return storedVersion == 1 && state.equals("old") ? Optional.of("new") : Optional.empty();
        }
    }

    static Job waiting(String state, int version, boolean withAnswers) {
        return new Job("JOB-1", "MBR-1", JobKind.AGGREGATE, Job.Phase.RUNNING, 1, state, version,
                List.of(), withAnswers ? List.of(new Answer("CRD-1", "x")) : null, null, null, 0, NOW, NOW, null);
    }

    static ConnectorCall call(Recorder connector, Job job) {
        return ConnectorCall.of(connector, job, state -> new JobContext(job.guid(), job.kind(), "USR-1", "MBR-1",
                Map.of(), state, NOW, 0, 0));
    }

    @Test
    void a_first_step_starts_and_answers_resume_with_the_stored_state() {
        Recorder connector = new Recorder();

        assertThat(call(connector, waiting(null, 0, false)).step()).isEqualTo(connector.next);
        call(connector, waiting("round:1", 2, true));

        assertThat(connector.seen).containsExactly("start null", "resume round:1");
    }

    @Test
    void a_state_of_an_older_version_is_upgraded_before_the_call() {
        Recorder connector = new Recorder();

        ConnectorCall call = call(connector, waiting("old", 1, true));

        assertThat(call.failure()).isNull();
        assertThat(connector.seen).containsExactly("resume new");
    }

    @Test
    void a_state_that_cannot_be_upgraded_fails_the_job_without_calling_the_connector() {
        Recorder connector = new Recorder();

        assertThat(call(connector, waiting("gibberish", 1, true)).step()).isSameAs(JobRules.STATE_NOT_UPGRADED);
        assertThat(call(connector, waiting("explode", 1, true)).failure()).hasMessage("cannot parse");
        assertThat(connector.seen).isEmpty();
    }

    @Test
    void an_exception_or_a_missing_step_fails_the_job_with_the_standard_message() {
        Recorder connector = new Recorder();
        connector.toThrow = new IllegalArgumentException("the bank's page changed");

        ConnectorCall threw = call(connector, waiting(null, 0, false));
        connector.toThrow = null;
        connector.next = null;
        ConnectorCall nothing = call(connector, waiting("s", 2, true));

        assertThat(threw.step()).isEqualTo(new Step.Failed(ConnectionStatus.FAILED));
        assertThat(threw.failure()).hasMessage("the bank's page changed");
        assertThat(nothing.step()).isEqualTo(new Step.Failed(ConnectionStatus.FAILED));
        assertThat(nothing.failure()).isInstanceOf(ConnectorCall.NoStepReturned.class)
                .hasMessageEndingWith("Recorder.resume returned null instead of a Step");
    }
}
