package dev.openagg.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.connector.ChallengeType;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Harvest;
import dev.openagg.testkit.ConnectorKit;
import dev.openagg.testkit.KitMember;
import dev.openagg.testkit.Refusal;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scenario connector run in memory with the connector test kit, over the engine's own rules. */
class ScenarioConnectorKitTest {

    private static ConnectorKit kit(String document) throws IOException {
        ScenarioReader.Result result = ScenarioReader.read(Scripted.JSON.readTree(document), code -> Optional.empty());
        assertThat(result).isInstanceOf(ScenarioReader.Result.Valid.class);
        return ConnectorKit.of(new ScenarioConnector(((ScenarioReader.Result.Valid) result).scenario()));
    }

    @Test
    void the_issues_scenario_runs_three_rounds_and_returns_its_literal_data() throws IOException {
        ConnectorKit kit = kit(Scripted.acme("acme_cu"));

        Harvest harvest = kit.start("aggregate", Map.of("LOGIN", "alice", "PASSWORD", "pw"))
                .expectChallenge(ChallengeType.TEXT).answer("smith")
                .expectChallenge(ChallengeType.OPTIONS).answerOption("Email a***@acme.example")
                .expectFailed(ConnectionStatus.REJECTED).member()
                .start("aggregate").expectChallenge(ChallengeType.TEXT).answer("smith")
                .expectChallenge(ChallengeType.OPTIONS).answerOption("Text (555) ***-0001")
                .expectChallenge(ChallengeType.TOKEN).answer("123456").expectConnected();

        assertThat(harvest.accounts()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("Share Savings");
            assertThat(a.balance()).isEqualByComparingTo(new BigDecimal("1234.56"));
        });
        assertThat(harvest.transactions()).singleElement().satisfies(t -> {
            assertThat(t.amount()).isEqualByComparingTo(new BigDecimal("12.50"));
            assertThat(t.type()).isEqualTo("DEBIT");
        });
    }

    @Test
    void unmatched_credentials_are_denied_into_prevented_by_the_engines_rules() throws IOException {
        KitMember member = kit(Scripted.acme("acme_cu")).member(Map.of("LOGIN", "bob", "PASSWORD", "pw"));

        member.start("aggregate").expectFailed(ConnectionStatus.DENIED);
        member.start("aggregate").expectFailed(ConnectionStatus.DENIED);
        member.start("aggregate").expectFailed(ConnectionStatus.PREVENTED);
        member.start("aggregate").expectRefused(Refusal.PREVENTED);
    }

    @Test
    void a_member_challenged_on_its_first_job_only_and_a_slow_first_job() throws IOException {
        KitMember member = kit("""
                {"institution": {"code": "first_only", "name": "First Only",
                  "credentials": [{"field_name": "PASSWORD", "label": "Password", "type": "PASSWORD"}],
                  "logins": [{"jobs": [
                      {"if": {"attempt": 1}, "steps": [{"delay_seconds": 3},
                        {"challenges": [{"type": "TOKEN", "label": "Code", "answer": "1"}]}]},
                      {"if": {"kind": ["verify"], "count": "kind", "attempt": [2]}, "outcome": "DEGRADED"}]}]}}""")
                .member(Map.of("PASSWORD", "x"));

        member.start("aggregate").expectDelayed().advance(Duration.ofSeconds(3))
                .expectChallenge(ChallengeType.TOKEN).answer("1").expectConnected();
        member.start("aggregate").expectConnected();
        member.start("verify").expectConnected();
        member.start("verify").expectFailed(ConnectionStatus.DEGRADED);
        member.start("verify").expectConnected();
    }

    @Test
    void an_unanswered_round_expires_by_the_engines_clock() throws IOException {
        kit(Scripted.acme("acme_cu")).start("aggregate", Map.of("LOGIN", "alice", "PASSWORD", "pw"))
                .expectChallenge(ChallengeType.TEXT).advance(Duration.ofMinutes(10))
                .expectFailed(ConnectionStatus.EXPIRED);
    }
}
