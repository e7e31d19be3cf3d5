package dev.openagg.mxbank;

import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.ChallengeType;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Connector;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.Step;
import dev.openagg.engine.JobRules;
import dev.openagg.testkit.ConnectorKit;
import dev.openagg.testkit.JobRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Jobs that waited on the hand-written MX Bank (state version 1) go on under the scenario-run MX Bank. */
class MxBankUpgradeTest {

    /** The earlier MX Bank as far as a waiting job saw it: one step that stored {@code state}. */
    private record VersionOne(Step first) implements Connector {
        @Override
        public InstitutionInfo institution() {
            return new MxBankConnector().institution();
        }

        @Override
        public Step start(JobContext context) {
            return first;
        }

        @Override
        public Step resume(JobContext context, List<Answer> answers) {
            throw new AssertionError("version 1 is gone by the time the answer comes");
        }
    }

    private static JobRun waitingUnderVersionOne(String password, Step first) {
        ConnectorKit kit = ConnectorKit.of(new VersionOne(first));
        JobRun run = kit.start("aggregate", Map.of("LOGIN", "mxuser", "PASSWORD", password));
        kit.replaceConnector(new MxBankConnector());
        return run;
    }

    @ParameterizedTest
    @ValueSource(strings = {"challenge", "token", "image"})
    void a_job_waiting_on_its_only_round_connects_with_the_right_answer(String password) {
        waitingUnderVersionOne(password, new Step.Challenged(List.of(Challenge.text("Q?")), password + ":1"))
                .answer("correct")
                .expectConnected();
    }

    @Test
    void a_job_waiting_on_the_first_of_two_rounds_is_asked_the_second() {
        waitingUnderVersionOne("challenge_twice", new Step.Challenged(List.of(Challenge.text("Q?")), "challenge_twice:1"))
                .answer("correct")
                .expectChallenge(ChallengeType.TEXT)
                .answer("correct")
                .expectConnected();
    }

    @Test
    void a_job_waiting_for_the_code_after_choosing_a_phone_connects_with_it() {
        waitingUnderVersionOne("options", new Step.Challenged(List.of(Challenge.token("Code?")), "options:2"))
                .answer("correct")
                .expectConnected();
    }

    @Test
    void a_job_waiting_out_its_delay_connects_when_the_delay_is_over() {
        waitingUnderVersionOne("DELAYED", new Step.Delayed(Duration.ofSeconds(2), "delayed:1"))
                .expectDelayed()
                .advance(Duration.ofSeconds(2))
                .expectConnected();
    }

    @Test
    void a_state_version_1_never_wrote_fails_the_job_cleanly() {
        waitingUnderVersionOne("challenge", new Step.Challenged(List.of(Challenge.text("Q?")), "something:else"))
                .answer("correct")
                .expectFailed(ConnectionStatus.FAILED, JobRules.STATE_NOT_UPGRADED.message());
    }
}
