package dev.openagg.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openagg.connector.AccountData;
import dev.openagg.connector.AccountNumberData;
import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.ChallengeOption;
import dev.openagg.connector.ChallengeType;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobKind;
import dev.openagg.connector.Step;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The README's table "How a job moves a member", row by row, against the decision function itself. */
class JobRulesTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final JobRules RULES = new JobRules(LIFETIME);
    static final InstitutionInfo BANK = new InstitutionInfo("bank", "Bank", null, null, List.of(), false, false,
            false, false, false);
    static final MemberStatus CREATED = MemberStatus.created();

    static Transition started(MemberStatus status, JobKind kind) {
        StartDecision decision = RULES.start("MBR-1", status, null, BANK, kind, "JOB-1", T0);
        assertThat(decision).isInstanceOf(StartDecision.Started.class);
        return ((StartDecision.Started) decision).transition();
    }

    static MemberStatus ended(ConnectionStatus status, int failedLogins) {
        return CREATED.ended(status, T0.minusSeconds(60), failedLogins, null);
    }

    static Transition challenged(Challenge... challenges) {
        Transition start = started(CREATED, JobKind.AGGREGATE);
        return RULES.afterStep(start.status(), start.job(), new Step.Challenged(List.of(challenges), "round:1"), 3, T0);
    }

    @Nested
    class Starting {

        @ParameterizedTest
        @EnumSource(value = ConnectionStatus.class, names = {"CREATED", "UPDATED", "CONNECTED"})
        void a_job_starting_on_a_created_updated_or_connected_member_keeps_its_status(ConnectionStatus from) {
            MemberStatus before = from == ConnectionStatus.CREATED ? CREATED
                    : from == ConnectionStatus.UPDATED ? CREATED.credentialsUpdated()
                    : CREATED.connected(T0.minusSeconds(60), true, true, false);

            Transition t = started(before, JobKind.AGGREGATE);

            assertThat(t.status().connectionStatus()).isEqualTo(from);
            assertThat(t.status().isBeingAggregated()).isTrue();
            assertThat(t.status().isAuthenticated()).isFalse();
            assertThat(t.status().mostRecentJobGuid()).isEqualTo("JOB-1");
            assertThat(t.jobBefore()).isNull();
            assertThat(t.job()).isEqualTo(Job.start("JOB-1", "MBR-1", JobKind.AGGREGATE, T0));
            assertThat(t.events()).isEmpty();
            assertThat(t.nextStepAt()).contains(T0);
        }

        @ParameterizedTest
        @EnumSource(value = ConnectionStatus.class, names = {"DENIED", "REJECTED", "LOCKED", "IMPEDED", "FAILED",
                "DEGRADED", "DISABLED", "EXPIRED"})
        void a_job_starting_on_a_member_that_ended_in_an_error_shows_reconnected(ConnectionStatus from) {
            Transition t = started(ended(from, 1), JobKind.AGGREGATE);

            assertThat(t.status().connectionStatus()).isEqualTo(ConnectionStatus.RECONNECTED);
            assertThat(t.status().isBeingAggregated()).isTrue();
            assertThat(t.status().failedLogins()).isEqualTo(1);
            assertThat(t.events()).containsExactly(
                    new Transition.Event.StatusChanged(from, ConnectionStatus.RECONNECTED, null));
        }

        @Test
        void the_same_kind_of_job_while_one_runs_starts_nothing_and_another_kind_is_busy() {
            Transition running = started(CREATED, JobKind.AGGREGATE);

            assertThat(RULES.start("MBR-1", running.status(), running.job(), BANK, JobKind.AGGREGATE, "JOB-2", T0))
                    .isEqualTo(new StartDecision.AlreadyRunning(JobKind.AGGREGATE));
            assertThat(RULES.start("MBR-1", running.status(), running.job(), BANK, JobKind.BALANCE, "JOB-2", T0))
                    .isEqualTo(new StartDecision.Busy(JobKind.AGGREGATE));
        }

        @Test
        void a_challenged_job_is_still_running_for_a_new_start() {
            Transition waiting = challenged(Challenge.text("City?"));

            assertThat(RULES.start("MBR-1", waiting.status(), waiting.job(), BANK, JobKind.BALANCE, "JOB-2", T0))
                    .isEqualTo(new StartDecision.Busy(JobKind.AGGREGATE));
        }

        @Test
        void a_prevented_member_gets_no_job_until_its_credentials_are_updated() {
            MemberStatus prevented = ended(ConnectionStatus.PREVENTED, 3);

            assertThat(RULES.start("MBR-1", prevented, null, BANK, JobKind.AGGREGATE, "JOB-2", T0))
                    .isEqualTo(new StartDecision.Prevented(3));
            assertThat(started(RULES.credentialsUpdated(prevented), JobKind.AGGREGATE).status().connectionStatus())
                    .isEqualTo(ConnectionStatus.UPDATED);
        }

        @ParameterizedTest
        @EnumSource(value = JobKind.class, names = {"HISTORY", "IDENTITY", "VERIFICATION", "STATEMENTS",
                "TAX_DOCUMENTS"})
        void a_job_the_institution_does_not_offer_is_refused_before_anything_else(JobKind kind) {
            Transition running = started(CREATED, JobKind.AGGREGATE);

            assertThat(RULES.start("MBR-1", running.status(), running.job(), BANK, kind, "JOB-2", T0))
                    .isEqualTo(new StartDecision.Unsupported(kind));
        }
    }

    @Nested
    class AfterAStep {

        @Test
        void a_challenge_shows_challenged_and_waits_for_the_lifetime_with_the_connectors_state() {
            Challenge question = Challenge.text("City?");

            Transition t = challenged(question);

            assertThat(t.status().connectionStatus()).isEqualTo(ConnectionStatus.CHALLENGED);
            assertThat(t.status().isBeingAggregated()).isTrue();
            assertThat(t.status().isAuthenticated()).isFalse();
            assertThat(t.job().phase()).isEqualTo(Job.Phase.CHALLENGED);
            assertThat(t.job().challenges()).containsExactly(question);
            assertThat(t.job().connectorState()).isEqualTo("round:1");
            assertThat(t.job().stateVersion()).isEqualTo(3);
            assertThat(t.job().expiresAt()).isEqualTo(T0.plus(LIFETIME));
            assertThat(t.nextStepAt()).isEmpty();
            assertThat(t.events()).containsExactly(
                    new Transition.Event.StatusChanged(ConnectionStatus.CREATED, ConnectionStatus.CHALLENGED, null));
        }

        @Test
        void a_delay_shows_delayed_and_runs_the_next_step_after_it() {
            Transition start = started(CREATED, JobKind.AGGREGATE);

            Transition t = RULES.afterStep(start.status(), start.job(), new Step.Delayed(Duration.ofSeconds(2), "d"),
                    1, T0);

            assertThat(t.status().connectionStatus()).isEqualTo(ConnectionStatus.DELAYED);
            assertThat(t.status().isBeingAggregated()).isTrue();
            assertThat(t.job().isRunning()).isTrue();
            assertThat(t.job().step()).isEqualTo(1);
            assertThat(t.job().connectorState()).isEqualTo("d");
            assertThat(t.job().answers()).isNull();
            assertThat(t.nextStepAt()).contains(T0.plusSeconds(2));
        }

        @Test
        void success_connects_authenticates_sets_both_times_and_hands_over_the_data() {
            Transition start = started(ended(ConnectionStatus.DENIED, 2), JobKind.AGGREGATE);
            Harvest harvest = Harvest.builder()
                    .accounts(List.of(new AccountData("a1", "Checking", "CHECKING", null, "1234", null,
                            BigDecimal.TEN, null, null, null, null, "USD")))
                    .accountNumbers(List.of(new AccountNumberData("a1", "1234", "011000015"))).build();

            Transition t = RULES.afterStep(start.status(), start.job(), new Step.Succeeded(harvest), 1,
                    T0.plusSeconds(5));

            MemberStatus s = t.status();
            assertThat(s.connectionStatus()).isEqualTo(ConnectionStatus.CONNECTED);
            assertThat(s.isBeingAggregated()).isFalse();
            assertThat(s.isAuthenticated()).isTrue();
            assertThat(s.aggregatedAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(s.successfullyAggregatedAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(s.hasProcessedAccounts()).isTrue();
            assertThat(s.hasProcessedTransactions()).isFalse();
            assertThat(s.hasProcessedAccountNumbers()).isTrue();
            assertThat(s.failedLogins()).isZero();
            assertThat(t.job().phase()).isEqualTo(Job.Phase.FINISHED);
            assertThat(t.job().outcome()).isEqualTo(ConnectionStatus.CONNECTED);
            assertThat(t.events()).containsExactly(
                    new Transition.Event.StatusChanged(ConnectionStatus.RECONNECTED, ConnectionStatus.CONNECTED, null),
                    new Transition.Event.Harvested(JobKind.AGGREGATE, harvest));
        }

        @ParameterizedTest
        @EnumSource(value = ConnectionStatus.class, names = {"DENIED", "REJECTED", "LOCKED", "DISABLED", "IMPEDED",
                "FAILED", "DEGRADED"})
        void a_failure_ends_the_job_in_its_status_with_its_message(ConnectionStatus status) {
            Transition start = started(CREATED, JobKind.AGGREGATE);

            Transition t = RULES.afterStep(start.status(), start.job(), new Step.Failed(status, "Bank says no."), 1,
                    T0.plusSeconds(1));

            assertThat(t.status().connectionStatus()).isEqualTo(status);
            assertThat(t.status().isBeingAggregated()).isFalse();
            assertThat(t.status().isAuthenticated()).isFalse();
            assertThat(t.status().aggregatedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(t.status().successfullyAggregatedAt()).isNull();
            assertThat(t.status().message()).isEqualTo("Bank says no.");
            assertThat(t.job().outcome()).isEqualTo(status);
            assertThat(t.events()).containsExactly(
                    new Transition.Event.StatusChanged(ConnectionStatus.CREATED, status, "Bank says no."));
        }

        @Test
        void denied_after_two_denials_in_a_row_is_prevented_with_the_standard_message() {
            Transition start = started(ended(ConnectionStatus.DENIED, 2), JobKind.AGGREGATE);

            Transition t = RULES.afterStep(start.status(), start.job(),
                    new Step.Failed(ConnectionStatus.DENIED, "Invalid credentials."), 1, T0);

            assertThat(t.status().connectionStatus()).isEqualTo(ConnectionStatus.PREVENTED);
            assertThat(t.status().failedLogins()).isEqualTo(3);
            assertThat(t.status().message()).isNull();
            assertThat(t.job().outcome()).isEqualTo(ConnectionStatus.PREVENTED);
        }

        @Test
        void a_failure_that_is_not_a_denial_keeps_the_count_of_denials() {
            Transition start = started(ended(ConnectionStatus.DENIED, 2), JobKind.AGGREGATE);

            Transition t = RULES.afterStep(start.status(), start.job(), new Step.Failed(ConnectionStatus.LOCKED), 1, T0);

            assertThat(t.status().failedLogins()).isEqualTo(2);
        }

        @Test
        void only_a_running_job_takes_a_step() {
            Transition waiting = challenged(Challenge.text("City?"));

            assertThatThrownBy(() -> RULES.afterStep(waiting.status(), waiting.job(), new Step.Failed(ConnectionStatus.FAILED), 1, T0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Resuming {

        @Test
        void answers_to_every_open_challenge_resume_the_job_and_queue_its_next_step() {
            Transition waiting = challenged(Challenge.text("City?"));
            String guid = waiting.job().challenges().get(0).guid();

            ResumeDecision decision = RULES.resume(waiting.status(), waiting.job(), List.of(new Answer(guid, "Chicago")),
                    T0.plusSeconds(30));

            Transition t = ((ResumeDecision.Resumed) decision).transition();
            assertThat(t.status().connectionStatus()).isEqualTo(ConnectionStatus.RESUMED);
            assertThat(t.status().isBeingAggregated()).isTrue();
            assertThat(t.status().isAuthenticated()).isFalse();
            assertThat(t.job().isRunning()).isTrue();
            assertThat(t.job().step()).isEqualTo(waiting.job().step() + 1);
            assertThat(t.job().answers()).containsExactly(new Answer(guid, "Chicago"));
            assertThat(t.job().connectorState()).isEqualTo("round:1");
            assertThat(t.nextStepAt()).contains(T0.plusSeconds(30));
        }

        @Test
        void an_option_named_by_its_guid_is_answered_with_its_value() {
            ChallengeOption first = ChallengeOption.of("Text 555-0001", "sms");
            Transition waiting = challenged(Challenge.options(ChallengeType.OPTIONS, "Where?",
                    List.of(first, ChallengeOption.of("Email", "email"))));
            String guid = waiting.job().challenges().get(0).guid();

            ResumeDecision decision = RULES.resume(waiting.status(), waiting.job(),
                    List.of(new Answer(guid, first.guid())), T0);

            assertThat(((ResumeDecision.Resumed) decision).transition().job().answers())
                    .containsExactly(new Answer(guid, "sms"));
        }

        @Test
        void answers_that_do_not_fit_change_nothing_and_name_every_problem() {
            Challenge city = Challenge.text("City?");
            Challenge pet = Challenge.text("Pet?");
            Transition waiting = challenged(city, pet);

            ResumeDecision decision = RULES.resume(waiting.status(), waiting.job(),
                    List.of(new Answer(city.guid(), ""), new Answer("CRD-unknown", "x")), T0);

            assertThat(decision).isInstanceOf(ResumeDecision.InvalidAnswers.class);
            assertThat(((ResumeDecision.InvalidAnswers) decision).problems()).containsExactly(
                    "challenge " + city.guid() + " needs a value",
                    "challenge guid CRD-unknown is not an open challenge of this member",
                    "challenge " + pet.guid() + " (Pet?) is not answered");
            assertThat(RULES.resume(waiting.status(), waiting.job(), List.of(), T0))
                    .isInstanceOf(ResumeDecision.InvalidAnswers.class);
        }

        @Test
        void a_member_that_is_not_challenged_cannot_resume() {
            Transition running = started(CREATED, JobKind.AGGREGATE);

            assertThat(RULES.resume(running.status(), running.job(), List.of(new Answer("CRD-1", "x")), T0))
                    .isEqualTo(new ResumeDecision.NotChallenged(ConnectionStatus.CREATED));
            assertThat(RULES.resume(CREATED, null, List.of(new Answer("CRD-1", "x")), T0))
                    .isEqualTo(new ResumeDecision.NotChallenged(ConnectionStatus.CREATED));
        }
    }

    @Nested
    class TimePassing {

        @Test
        void a_challenge_left_unanswered_for_its_lifetime_expires_the_member() {
            Transition waiting = challenged(Challenge.text("City?"));

            assertThat(RULES.expire(waiting.status(), waiting.job(), T0.plus(LIFETIME).minusMillis(1))).isEmpty();
            Transition t = RULES.expire(waiting.status(), waiting.job(), T0.plus(LIFETIME)).orElseThrow();

            assertThat(t.status().connectionStatus()).isEqualTo(ConnectionStatus.EXPIRED);
            assertThat(t.status().isBeingAggregated()).isFalse();
            assertThat(t.status().isAuthenticated()).isFalse();
            assertThat(t.job().outcome()).isEqualTo(ConnectionStatus.EXPIRED);
            assertThat(t.events()).containsExactly(new Transition.Event.StatusChanged(ConnectionStatus.CHALLENGED,
                    ConnectionStatus.EXPIRED, null));
        }

        @Test
        void answers_after_the_expiry_find_the_job_expired() {
            Transition waiting = challenged(Challenge.text("City?"));
            Transition expired = RULES.expire(waiting.status(), waiting.job(), T0.plus(LIFETIME)).orElseThrow();

            assertThat(RULES.resume(expired.status(), expired.job(),
                    List.of(new Answer(waiting.job().challenges().get(0).guid(), "x")), T0.plus(LIFETIME)))
                    .isEqualTo(new ResumeDecision.Expired());
        }

        @Test
        void a_running_or_finished_job_never_expires() {
            Transition running = started(CREATED, JobKind.AGGREGATE);

            assertThat(RULES.expire(running.status(), running.job(), T0.plus(Duration.ofDays(30)))).isEmpty();
            assertThat(RULES.expire(CREATED, null, T0)).isEmpty();
        }
    }

    @Nested
    class Credentials {

        @Test
        void new_credentials_show_updated_and_forget_earlier_failed_logins() {
            MemberStatus updated = RULES.credentialsUpdated(ended(ConnectionStatus.PREVENTED, 3));

            assertThat(updated.connectionStatus()).isEqualTo(ConnectionStatus.UPDATED);
            assertThat(updated.failedLogins()).isZero();
            assertThat(updated.message()).isNull();
        }
    }

    @Nested
    class ByHand {

        @Test
        void a_member_rests_only_in_connected_or_an_error_a_job_can_end_in() {
            assertThat(java.util.Arrays.stream(ConnectionStatus.values()).filter(JobRules::isResting))
                    .containsExactlyInAnyOrder(ConnectionStatus.CONNECTED, ConnectionStatus.PREVENTED,
                            ConnectionStatus.DENIED, ConnectionStatus.REJECTED, ConnectionStatus.LOCKED,
                            ConnectionStatus.IMPEDED, ConnectionStatus.DEGRADED, ConnectionStatus.DISCONNECTED,
                            ConnectionStatus.DISCONTINUED, ConnectionStatus.CLOSED, ConnectionStatus.FAILED,
                            ConnectionStatus.DISABLED, ConnectionStatus.EXPIRED, ConnectionStatus.IMPAIRED);
        }

        @Test
        void a_forced_status_leaves_the_fields_a_job_ending_there_would() {
            MemberStatus connected = CREATED.connected(T0.minusSeconds(60), true, true, false);
            MemberStatus prevented = RULES.forced(connected, ConnectionStatus.PREVENTED, T0).orElseThrow();
            assertThat(prevented.failedLogins()).isEqualTo(JobRules.LOGINS_BEFORE_PREVENTED);
            assertThat(prevented.isAuthenticated()).isFalse();
            assertThat(RULES.start("MBR-1", prevented, null, BANK, JobKind.AGGREGATE, "JOB-2", T0))
                    .isInstanceOf(StartDecision.Prevented.class);
            MemberStatus back = RULES.forced(prevented, ConnectionStatus.CONNECTED, T0).orElseThrow();
            assertThat(back.isAuthenticated()).isTrue();
            assertThat(back.failedLogins()).isZero();
            assertThat(back.hasProcessedAccounts()).isTrue();
            assertThat(RULES.forced(connected, ConnectionStatus.CHALLENGED, T0)).isEmpty();
        }

        @Test
        void nothing_is_forced_while_a_job_runs() {
            Transition running = started(CREATED, JobKind.AGGREGATE);
            assertThat(RULES.forced(running.status(), ConnectionStatus.DENIED, T0)).isEmpty();
        }

        @Test
        void an_open_challenge_expires_now_when_asked_and_nothing_else_does() {
            Transition waiting = challenged(Challenge.text("City?"));
            Transition expired = RULES.expireNow(waiting.status(), waiting.job(), T0.plusSeconds(1)).orElseThrow();
            assertThat(expired.status().connectionStatus()).isEqualTo(ConnectionStatus.EXPIRED);
            assertThat(expired.job().outcome()).isEqualTo(ConnectionStatus.EXPIRED);
            assertThat(RULES.expireNow(expired.status(), expired.job(), T0.plusSeconds(2))).isEmpty();
            Transition running = started(CREATED, JobKind.AGGREGATE);
            assertThat(RULES.expireNow(running.status(), running.job(), T0)).isEmpty();
        }
    }

    @Test
    void a_challenge_lifetime_must_be_positive() {
        assertThatThrownBy(() -> new JobRules(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
