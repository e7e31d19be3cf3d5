package dev.openagg.testkit;

import static dev.openagg.testkit.TestConnector.CREDENTIALS;
import static dev.openagg.testkit.TestConnector.connected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openagg.connector.Challenge;
import dev.openagg.connector.ChallengeType;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Delays and expiry: what happens when the kit's clock moves. */
class TimeTest {
    private static final TestConnector SLOW = TestConnector.starting(c -> c.state() == null
            ? new Step.Delayed(Duration.ofSeconds(2), "waited") : connected());
    private static final TestConnector ASKING = TestConnector
            .starting(c -> new Step.Challenged(List.of(Challenge.text("Pet?")), "asked"))
            .resuming((c, answers) -> connected());

    @Test
    void a_delayed_step_runs_again_with_its_state_when_the_clock_reaches_its_time() {
        List<JobContext> calls = new ArrayList<>();
        ConnectorKit kit = ConnectorKit.of(TestConnector.starting(c -> {
            calls.add(c);
            return c.state() == null ? new Step.Delayed(Duration.ofSeconds(2), "waited") : connected();
        }));

        JobRun run = kit.start("aggregate", CREDENTIALS).expectDelayed();
        run.advance(Duration.ofMillis(1999)).expectDelayed();
        run.advance(Duration.ofSeconds(5)).expectConnected();

        assertThat(calls).extracting(JobContext::state).containsExactly(null, "waited");
        assertThat(calls.get(1).now()).isEqualTo(ConnectorKit.DEFAULT_START.plusSeconds(2));
        assertThat(run.status().aggregatedAt()).isEqualTo(ConnectorKit.DEFAULT_START.plusSeconds(2));
        assertThat(kit.now()).isEqualTo(ConnectorKit.DEFAULT_START.plusMillis(6999));
        assertThat(run.statuses()).containsExactly(ConnectionStatus.CREATED, ConnectionStatus.DELAYED,
                ConnectionStatus.CONNECTED);
    }

    @Test
    void a_challenge_expires_after_the_servers_default_lifetime() {
        ConnectorKit kit = ConnectorKit.of(ASKING);
        JobRun run = kit.start("aggregate", CREDENTIALS).expectChallenge(ChallengeType.TEXT);

        run.advance(Duration.ofSeconds(599)).expectChallenge(ChallengeType.TEXT);
        run.advance(Duration.ofSeconds(1)).expectFailed(ConnectionStatus.EXPIRED);

        assertThat(run.status().aggregatedAt()).isEqualTo(ConnectorKit.DEFAULT_START.plusSeconds(600));
        assertThat(run.challenges()).isEmpty();
        run.answer("Rex").expectRefused(Refusal.EXPIRED);
    }

    @Test
    void the_challenge_lifetime_can_be_set() {
        ConnectorKit kit = ConnectorKit.of(ASKING).challengeLifetime(Duration.ofSeconds(30));

        kit.start("aggregate", CREDENTIALS).expectChallenge(ChallengeType.TEXT)
                .advance(Duration.ofSeconds(30)).expectFailed(ConnectionStatus.EXPIRED);
    }

    @Test
    void answers_in_time_beat_the_expiry() {
        ConnectorKit kit = ConnectorKit.of(ASKING);

        kit.start("aggregate", CREDENTIALS).expectChallenge(ChallengeType.TEXT)
                .advance(Duration.ofSeconds(599)).answer("Rex").expectConnected();
    }

    @Test
    void the_clock_starts_where_it_is_told_and_moves_for_every_member() {
        Instant start = Instant.parse("2030-06-01T08:00:00Z");
        ConnectorKit kit = ConnectorKit.of(SLOW).startingAt(start);
        JobRun first = kit.start("aggregate", CREDENTIALS).expectDelayed();
        kit.advance(Duration.ofSeconds(1));
        JobRun second = kit.start("aggregate", CREDENTIALS).expectDelayed();

        kit.advance(Duration.ofSeconds(1));
        first.expectConnected();
        second.expectDelayed();
        kit.advance(Duration.ofSeconds(1));
        second.expectConnected();

        assertThat(kit.now()).isEqualTo(start.plusSeconds(3));
    }

    @Test
    void a_connector_that_never_stops_delaying_by_zero_is_caught() {
        ConnectorKit kit = ConnectorKit.of(TestConnector.starting(c -> new Step.Delayed(Duration.ZERO, "again")));

        assertThatThrownBy(() -> kit.start("aggregate", CREDENTIALS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1000 steps in a row");
    }

    @Test
    void the_clock_does_not_go_back() {
        ConnectorKit kit = ConnectorKit.of(SLOW);

        assertThatThrownBy(() -> kit.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
