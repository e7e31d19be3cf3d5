package dev.openagg.testkit;

import static dev.openagg.testkit.TestConnector.CREDENTIALS;
import static dev.openagg.testkit.TestConnector.connected;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openagg.connector.Challenge;
import dev.openagg.connector.ChallengeOption;
import dev.openagg.connector.ChallengeType;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Step;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An expectation that is not met fails with an AssertionError that says what was expected and what happened. */
class FailureMessagesTest {
    private static final TestConnector ASKING = TestConnector
            .starting(c -> new Step.Challenged(List.of(Challenge.text("What city were you born in?")), "asked"))
            .resuming((c, answers) -> answers.get(0).value().equals("Paris")
                    ? connected() : new Step.Failed(ConnectionStatus.REJECTED, "That is not the city we have."));
    private static final TestConnector CHOOSING = TestConnector
            .starting(c -> new Step.Challenged(List.of(Challenge.options(ChallengeType.OPTIONS, "Send the code to",
                    List.of(ChallengeOption.of("Phone ending 12", "phone-12")))), "choose"))
            .resuming((c, answers) -> connected());

    @Test
    void expecting_a_connection_from_a_challenged_member_shows_the_challenge() {
        JobRun run = ConnectorKit.of(ASKING).start("aggregate", CREDENTIALS);

        assertThatThrownBy(run::expectConnected)
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected the job to end CONNECTED, but the member is CHALLENGED with challenges"
                        + " [TEXT \"What city were you born in?\"] (statuses CREATED -> CHALLENGED)");
    }

    @Test
    void expecting_the_wrong_challenge_type_names_both() {
        JobRun run = ConnectorKit.of(ASKING).start("aggregate", CREDENTIALS);

        assertThatThrownBy(() -> run.expectChallenges(ChallengeType.TOKEN, ChallengeType.TEXT))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected the member CHALLENGED with [TOKEN, TEXT], but the member is"
                        + " CHALLENGED with challenges [TEXT \"What city");
    }

    @Test
    void expecting_another_failure_shows_the_status_and_message_the_job_ended_with() {
        JobRun run = ConnectorKit.of(ASKING).start("aggregate", CREDENTIALS).answer("Lyon");

        assertThatThrownBy(() -> run.expectFailed(ConnectionStatus.DENIED))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected the job to end DENIED, but the member is REJECTED with message \"That is not"
                        + " the city we have.\" (statuses CREATED -> CHALLENGED -> RESUMED -> REJECTED)");
        assertThatThrownBy(() -> run.expectFailed(ConnectionStatus.REJECTED, "Wrong city."))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected the job to end REJECTED with message \"Wrong city.\", but the"
                        + " member is REJECTED with message \"That is not the city we have.\"");
        assertThatThrownBy(() -> run.expectFailed(ConnectionStatus.REJECTED, null))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected the job to end REJECTED with MX's standard message, but");
    }

    @Test
    void a_failure_after_the_connector_threw_names_the_exception_and_carries_it_as_cause() {
        IllegalStateException thrown = new IllegalStateException("the bank's page changed");
        JobRun run = ConnectorKit.of(TestConnector.starting(c -> {
            throw thrown;
        })).start("aggregate", CREDENTIALS);

        assertThatThrownBy(run::expectConnected)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but the member is FAILED after the connector threw"
                        + " java.lang.IllegalStateException: the bank's page changed")
                .hasCause(thrown);
    }

    @Test
    void answers_refused_but_not_expected_fail_the_next_expectation() {
        JobRun run = ConnectorKit.of(ASKING).start("aggregate", CREDENTIALS).answer("Paris", "extra");

        assertThatThrownBy(run::expectConnected)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected the job to end CONNECTED, but the answers were refused"
                        + " (INVALID_ANSWERS): challenge guid null is not an open challenge of this member;"
                        + " the member is CHALLENGED");
        assertThatThrownBy(() -> run.expectChallenge(ChallengeType.TEXT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the answers were refused (INVALID_ANSWERS)");
        assertThatThrownBy(() -> run.answer("Paris"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected the member to be ready for answers, but the answers were refused");
    }

    @Test
    void a_refused_start_fails_every_expectation_about_its_job() {
        JobRun run = ConnectorKit.of(ASKING).start("verify", CREDENTIALS);

        assertThatThrownBy(() -> run.expectChallenge(ChallengeType.TEXT))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected the member CHALLENGED with [TEXT], but the start was refused (UNSUPPORTED):"
                        + " the member's institution does not support verify jobs; no job started");
        run.expectRefused(Refusal.UNSUPPORTED);
        assertThatThrownBy(() -> run.expectStatus(ConnectionStatus.CREATED))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("but the start was refused (UNSUPPORTED): the member's institution does not"
                        + " support verify jobs; no job started");
        assertThatThrownBy(() -> run.answer("Paris")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void expecting_a_refusal_of_a_start_that_was_taken_fails() {
        JobRun run = ConnectorKit.of(ASKING).start("aggregate", CREDENTIALS);

        assertThatThrownBy(() -> run.expectRefused(Refusal.PREVENTED))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected the start to be refused (PREVENTED), but the member is CHALLENGED");
        assertThatThrownBy(run::expectInvalidAnswers)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected the answers to be refused (INVALID_ANSWERS), but the member is");
    }

    @Test
    void choosing_an_option_that_is_not_offered_lists_the_options() {
        JobRun run = ConnectorKit.of(CHOOSING).start("aggregate", CREDENTIALS);

        assertThatThrownBy(() -> run.answerOption("Phone ending 99"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected an option labelled \"Phone ending 99\", but the member is CHALLENGED with"
                        + " challenges [OPTIONS \"Send the code to\" options [\"Phone ending 12\"=phone-12]]"
                        + " (statuses CREATED -> CHALLENGED)");
        assertThatThrownBy(() -> ConnectorKit.of(ASKING).start("aggregate", CREDENTIALS).answerOption("Paris"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected one OPTIONS or IMAGE_OPTIONS challenge to choose \"Paris\" from");
    }

    @Test
    void expecting_a_delay_or_a_status_that_did_not_come_fails() {
        JobRun run = ConnectorKit.of(ASKING).start("aggregate", CREDENTIALS).answer("Paris");

        assertThatThrownBy(run::expectDelayed)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected the member DELAYED, but the member is CONNECTED");
        assertThatThrownBy(() -> run.expectStatus(ConnectionStatus.RESUMED))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected the member RESUMED, but the member is CONNECTED");
    }

    @Test
    void an_expired_challenge_fails_an_expected_connection() {
        JobRun run = ConnectorKit.of(ASKING).start("aggregate", CREDENTIALS).advance(Duration.ofMinutes(10));

        assertThatThrownBy(run::expectConnected)
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("but the member is EXPIRED (statuses CREATED -> CHALLENGED -> EXPIRED)");
    }

    @Test
    void a_run_whose_member_started_another_job_says_so() {
        KitMember member = ConnectorKit.of(ASKING).member(CREDENTIALS);
        JobRun first = member.start("aggregate").answer("Lyon").expectFailed(ConnectionStatus.REJECTED);
        member.start("aggregate").expectChallenge(ChallengeType.TEXT);

        assertThatThrownBy(() -> first.expectFailed(ConnectionStatus.REJECTED))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the member has started another job since this one");
        assertThatThrownBy(() -> first.answer("Paris")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_status_no_job_fails_with_is_a_mistake_in_the_test() {
        JobRun run = ConnectorKit.of(ASKING).start("aggregate", CREDENTIALS).answer("Paris");

        assertThatThrownBy(() -> run.expectFailed(ConnectionStatus.CONNECTED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CONNECTED is not a status a job fails with");
    }
}
