package dev.openagg.testkit;

import static dev.openagg.testkit.TestConnector.CREDENTIALS;
import static dev.openagg.testkit.TestConnector.connected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.ChallengeOption;
import dev.openagg.connector.ChallengeType;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.JobKind;
import dev.openagg.connector.Step;
import dev.openagg.engine.MemberStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of step a connector returns, and the answers that lead from one step to the next. */
class StepsTest {

    @Test
    void a_succeeded_step_connects_the_member_and_hands_back_the_harvest() {
        ConnectorKit kit = ConnectorKit.of(TestConnector.starting(c -> connected()));

        JobRun run = kit.start("aggregate", CREDENTIALS);
        Harvest harvest = run.expectConnected();

        assertThat(harvest.accounts()).containsExactly(TestConnector.checking());
        assertThat(harvest.transactions()).isNull();
        MemberStatus status = run.status();
        assertThat(status.isAuthenticated()).isTrue();
        assertThat(status.isBeingAggregated()).isFalse();
        assertThat(status.aggregatedAt()).isEqualTo(kit.now());
        assertThat(status.hasProcessedAccounts()).isTrue();
        assertThat(run.statuses()).containsExactly(ConnectionStatus.CREATED, ConnectionStatus.CONNECTED);
    }

    @Test
    void the_connector_sees_the_job_the_member_its_credentials_and_the_clock() {
        List<JobContext> seen = new ArrayList<>();
        ConnectorKit kit = ConnectorKit.of(TestConnector.starting(c -> {
            seen.add(c);
            return connected();
        }));
        KitMember member = kit.member(CREDENTIALS);

        JobRun run = member.start(JobKind.BALANCE);
        run.expectConnected();

        JobContext context = seen.get(0);
        assertThat(context.kind()).isEqualTo(JobKind.BALANCE);
        assertThat(context.jobGuid()).startsWith("JOB-").isEqualTo(run.job().orElseThrow().guid());
        assertThat(context.memberGuid()).startsWith("MBR-").isEqualTo(member.guid());
        assertThat(context.userGuid()).startsWith("USR-").isEqualTo(member.userGuid());
        assertThat(context.credentials()).isEqualTo(CREDENTIALS);
        assertThat(context.state()).isNull();
        assertThat(context.now()).isEqualTo(ConnectorKit.DEFAULT_START);
    }

    @Test
    void a_failed_step_ends_the_job_in_its_status_with_its_message() {
        ConnectorKit kit = ConnectorKit.of(TestConnector.starting(
                c -> new Step.Failed(ConnectionStatus.LOCKED, "Call your branch.")));

        JobRun run = kit.start("aggregate", CREDENTIALS).expectFailed(ConnectionStatus.LOCKED, "Call your branch.");

        assertThat(run.status().isBeingAggregated()).isFalse();
        assertThat(run.status().isAuthenticated()).isFalse();
    }

    @Test
    void a_failure_without_a_message_leaves_mx_standard_message() {
        ConnectorKit kit = ConnectorKit.of(TestConnector.starting(c -> new Step.Failed(ConnectionStatus.IMPEDED)));

        kit.start("aggregate", CREDENTIALS).expectFailed(ConnectionStatus.IMPEDED, null);
    }

    @Test
    void a_challenge_answered_right_runs_resume_with_the_state_and_connects() {
        ConnectorKit kit = ConnectorKit.of(TestConnector
                .starting(c -> new Step.Challenged(List.of(Challenge.text("Your first pet?")), "asked"))
                .resuming((c, answers) -> c.state().equals("asked") && answers.get(0).value().equals("Rex")
                        ? connected() : new Step.Failed(ConnectionStatus.REJECTED)));

        JobRun run = kit.start("aggregate", CREDENTIALS).expectChallenge(ChallengeType.TEXT);
        assertThat(run.challenges()).extracting(Challenge::label).containsExactly("Your first pet?");
        assertThat(run.status().isBeingAggregated()).isTrue();

        run.answer("Rex").expectConnected();
        assertThat(run.statuses()).containsExactly(ConnectionStatus.CREATED, ConnectionStatus.CHALLENGED,
                ConnectionStatus.RESUMED, ConnectionStatus.CONNECTED);
    }

    @Test
    void a_flow_of_two_rounds_carries_its_state_from_step_to_step() {
        ConnectorKit kit = ConnectorKit.of(TestConnector
                .starting(c -> new Step.Challenged(List.of(Challenge.text("Your first pet?")), "round 1"))
                .resuming((c, answers) -> switch (c.state()) {
                    case "round 1" -> new Step.Challenged(List.of(Challenge.token("The code we sent")), "round 2");
                    case "round 2" -> answers.get(0).value().equals("123456")
                            ? connected() : new Step.Failed(ConnectionStatus.REJECTED);
                    default -> throw new IllegalStateException(c.state());
                }));

        JobRun run = kit.start("aggregate", CREDENTIALS).expectChallenge(ChallengeType.TEXT);
        String firstGuid = run.challenges().get(0).guid();
        run.answer("Rex").expectChallenge(ChallengeType.TOKEN);

        assertThat(run.challenges().get(0).guid()).isNotEqualTo(firstGuid);
        run.answer("123456").expectConnected();
    }

    @Test
    void several_challenges_at_once_are_answered_in_their_order() {
        List<Answer> received = new ArrayList<>();
        ConnectorKit kit = ConnectorKit.of(TestConnector
                .starting(c -> new Step.Challenged(List.of(Challenge.text("Pet?"), Challenge.token("Code?")), "s"))
                .resuming((c, answers) -> {
                    received.addAll(answers);
                    return connected();
                }));

        JobRun run = kit.start("aggregate", CREDENTIALS).expectChallenges(ChallengeType.TEXT, ChallengeType.TOKEN);
        List<Challenge> open = run.challenges();
        run.answer("Rex", "123456").expectConnected();

        assertThat(received).containsExactly(new Answer(open.get(0).guid(), "Rex"),
                new Answer(open.get(1).guid(), "123456"));
    }

    @Test
    void an_option_answered_by_its_guid_reaches_the_connector_as_its_value() {
        List<String> values = new ArrayList<>();
        ConnectorKit kit = ConnectorKit.of(TestConnector
                .starting(c -> new Step.Challenged(List.of(Challenge.options(ChallengeType.OPTIONS, "Send the code to",
                        List.of(ChallengeOption.of("Phone ending 12", "phone-12"),
                                ChallengeOption.of("Phone ending 34", "phone-34")))), "choose"))
                .resuming((c, answers) -> {
                    values.add(answers.get(0).value());
                    return connected();
                }));

        JobRun byGuid = kit.start("aggregate", CREDENTIALS).expectChallenge(ChallengeType.OPTIONS);
        byGuid.answer(byGuid.challenges().get(0).options().get(1).guid()).expectConnected();
        kit.start("aggregate", CREDENTIALS).expectChallenge(ChallengeType.OPTIONS)
                .answerOption("Phone ending 12").expectConnected();
        kit.start("aggregate", CREDENTIALS).expectChallenge(ChallengeType.OPTIONS)
                .answer("phone-34").expectConnected();

        assertThat(values).containsExactly("phone-34", "phone-12", "phone-34");
    }

    @Test
    void image_challenges_carry_their_pictures() {
        String png = "data:image/png;base64,iVBORw0KGgo=";
        ConnectorKit kit = ConnectorKit.of(TestConnector
                .starting(c -> new Step.Challenged(List.of(Challenge.image("Type the word", png),
                        Challenge.options(ChallengeType.IMAGE_OPTIONS, "Pick the circle",
                                List.of(ChallengeOption.image("Circle", "circle", png),
                                        ChallengeOption.image("Square", "square", png)))), "pictures"))
                .resuming((c, answers) -> answers.get(1).value().equals("circle")
                        ? connected() : new Step.Failed(ConnectionStatus.REJECTED)));

        JobRun run = kit.start("aggregate", CREDENTIALS)
                .expectChallenges(ChallengeType.IMAGE_DATA, ChallengeType.IMAGE_OPTIONS);
        assertThat(run.challenges().get(0).imageData()).isEqualTo(png);
        assertThat(run.challenges().get(1).options()).extracting(ChallengeOption::dataUri).containsOnly(png);

        run.answer("word", run.challenges().get(1).options().get(0).guid()).expectConnected();
    }

    @Test
    void a_wrong_answer_ends_the_job_as_the_connector_says() {
        ConnectorKit kit = ConnectorKit.of(TestConnector
                .starting(c -> new Step.Challenged(List.of(Challenge.text("Pet?")), "asked"))
                .resuming((c, answers) -> new Step.Failed(ConnectionStatus.REJECTED)));

        kit.start("aggregate", CREDENTIALS).expectChallenge(ChallengeType.TEXT).answer("Tom")
                .expectFailed(ConnectionStatus.REJECTED, null);
    }

    @Test
    void answers_that_do_not_fit_are_refused_and_leave_the_challenges_open() {
        ConnectorKit kit = ConnectorKit.of(TestConnector
                .starting(c -> new Step.Challenged(List.of(Challenge.text("Pet?"), Challenge.text("City?")), "s"))
                .resuming((c, answers) -> connected()));
        JobRun run = kit.start("aggregate", CREDENTIALS).expectChallenges(ChallengeType.TEXT, ChallengeType.TEXT);

        run.answer("Rex").expectInvalidAnswers().expectChallenges(ChallengeType.TEXT, ChallengeType.TEXT);
        run.answer("Rex", "").expectInvalidAnswers();
        run.answer("Rex", "Paris", "extra").expectInvalidAnswers();
        run.resume(List.of(new Answer("CRD-not-open", "Rex"))).expectInvalidAnswers();
        run.answer("Rex", "Paris").expectConnected();
    }

    @Test
    void answering_a_member_that_is_not_challenged_is_refused() {
        ConnectorKit kit = ConnectorKit.of(TestConnector.starting(c -> connected()));

        JobRun run = kit.start("aggregate", CREDENTIALS);
        run.expectConnected();

        run.answer("anything").expectRefused(Refusal.NOT_CHALLENGED).expectConnected();
    }
}
