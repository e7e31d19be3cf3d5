package dev.openagg.testkit;

import static dev.openagg.testkit.TestConnector.CREDENTIALS;
import static dev.openagg.testkit.TestConnector.connected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.JobKind;
import dev.openagg.connector.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the rules do to a member across jobs: PREVENTED, refused starts, new credentials. */
class MemberRulesTest {
    /** Denies every password but "right". */
    private static final TestConnector STRICT = TestConnector.starting(c -> c.credential("PASSWORD").equals("right")
            ? connected() : new Step.Failed(ConnectionStatus.DENIED, "Wrong password."));

    @Test
    void three_denied_logins_in_a_row_prevent_the_member_until_its_credentials_change() {
        KitMember member = ConnectorKit.of(STRICT).member(CREDENTIALS);

        member.start("aggregate").expectFailed(ConnectionStatus.DENIED, "Wrong password.");
        member.start("aggregate").expectFailed(ConnectionStatus.DENIED);
        member.start("aggregate").expectFailed(ConnectionStatus.PREVENTED, null);
        assertThat(member.status().failedLogins()).isEqualTo(3);
        member.start("aggregate").expectRefused(Refusal.PREVENTED);
        member.start("check_balance").expectRefused(Refusal.PREVENTED);

        member.updateCredentials(Map.of("PASSWORD", "right"));
        assertThat(member.status().connectionStatus()).isEqualTo(ConnectionStatus.UPDATED);
        assertThat(member.status().failedLogins()).isZero();
        member.start("aggregate").expectConnected();
        assertThat(member.credentials()).containsEntry("LOGIN", "jane").containsEntry("PASSWORD", "right");
    }

    @Test
    void a_connection_between_denials_starts_the_count_again() {
        List<Step> script = new ArrayList<>(List.of(new Step.Failed(ConnectionStatus.DENIED),
                new Step.Failed(ConnectionStatus.DENIED), connected(), new Step.Failed(ConnectionStatus.DENIED)));
        KitMember member = ConnectorKit.of(TestConnector.starting(c -> script.remove(0))).member(CREDENTIALS);

        member.start("aggregate").expectFailed(ConnectionStatus.DENIED);
        member.start("aggregate").expectFailed(ConnectionStatus.DENIED);
        member.start("aggregate").expectConnected();
        member.start("aggregate").expectFailed(ConnectionStatus.DENIED);

        assertThat(member.status().failedLogins()).isEqualTo(1);
    }

    @Test
    void a_member_that_ended_in_an_error_reconnects_on_its_next_job() {
        List<Step> script = new ArrayList<>(List.of(new Step.Failed(ConnectionStatus.DEGRADED), connected()));
        KitMember member = ConnectorKit.of(TestConnector.starting(c -> script.remove(0))).member(CREDENTIALS);
        member.start("aggregate").expectFailed(ConnectionStatus.DEGRADED);

        JobRun again = member.start("aggregate");

        again.expectConnected();
        assertThat(again.statuses()).containsExactly(ConnectionStatus.DEGRADED, ConnectionStatus.RECONNECTED,
                ConnectionStatus.CONNECTED);
        assertThat(member.statuses()).containsExactly(ConnectionStatus.CREATED, ConnectionStatus.DEGRADED,
                ConnectionStatus.RECONNECTED, ConnectionStatus.CONNECTED);
    }

    @Test
    void a_kind_the_institution_does_not_offer_is_refused_without_calling_the_connector() {
        List<JobKind> started = new ArrayList<>();
        TestConnector connector = TestConnector.starting(c -> {
            started.add(c.kind());
            return connected();
        });
        ConnectorKit kit = ConnectorKit.of(connector);

        kit.start("verify", CREDENTIALS).expectRefused(Refusal.UNSUPPORTED);
        kit.start(JobKind.TAX_DOCUMENTS, CREDENTIALS).expectRefused(Refusal.UNSUPPORTED);
        kit.start("check_balance", CREDENTIALS).expectConnected();
        ConnectorKit.of(connector.supportingEveryJob()).start("verify", CREDENTIALS).expectConnected();

        assertThat(started).containsExactly(JobKind.BALANCE, JobKind.VERIFICATION);
    }

    @Test
    void a_second_start_while_a_job_runs_is_refused() {
        KitMember member = ConnectorKit.of(TestConnector.starting(c -> c.state() == null
                ? new Step.Delayed(Duration.ofSeconds(5), "later") : connected())).member(CREDENTIALS);
        JobRun running = member.start("aggregate").expectDelayed();

        member.start("aggregate").expectRefused(Refusal.ALREADY_RUNNING);
        member.start("check_balance").expectRefused(Refusal.BUSY);
        assertThatThrownBy(() -> member.updateCredentials(Map.of("PASSWORD", "new")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("409");

        running.advance(Duration.ofSeconds(5)).expectConnected();
        member.start("check_balance").expectDelayed();
    }

    @Test
    void credentials_are_checked_against_the_institutions_fields() {
        ConnectorKit kit = ConnectorKit.of(STRICT);

        assertThatThrownBy(() -> kit.member(Map.of("LOGIN", "jane")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PASSWORD is required");
        assertThatThrownBy(() -> kit.member(Map.of("USERNAME", "jane", "LOGIN", "jane", "PASSWORD", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("USERNAME is not a credential field of test_bank")
                .hasMessageContaining("the fields are LOGIN, PASSWORD");
        assertThatThrownBy(() -> kit.member(Map.of("LOGIN", "", "PASSWORD", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOGIN needs a value");
        assertThatThrownBy(() -> kit.member(CREDENTIALS).updateCredentials(Map.of("PIN", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PIN is not a credential field");
    }

    @Test
    void a_job_kind_is_named_as_its_endpoint() {
        ConnectorKit kit = ConnectorKit.of(STRICT);

        assertThatThrownBy(() -> kit.start("aggregation", CREDENTIALS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no job kind \"aggregation\"")
                .hasMessageContaining("aggregate, check_balance, extend_history");
    }
}
