package dev.openagg.testkit;

import static dev.openagg.testkit.TestConnector.CREDENTIALS;
import static dev.openagg.testkit.TestConnector.connected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openagg.connector.Challenge;
import dev.openagg.connector.ChallengeType;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Step;
import dev.openagg.engine.JobRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the kit calls the connector: exceptions, state versions, a connector replaced while a job waits. */
class ConnectorCallTest {
    /** Version 1 of a connector that asks one question and keeps the account number it saw in its state. */
    private static final TestConnector VERSION_1 = TestConnector
            .starting(c -> new Step.Challenged(List.of(Challenge.text("Pet?")), "account=1234"))
            .resuming((c, answers) -> connected());

    @Test
    void an_exception_in_the_connector_fails_the_job_as_on_the_server() {
        ConnectorKit kit = ConnectorKit.of(TestConnector.starting(c -> {
            throw new IllegalStateException("the bank's page changed");
        }));

        JobRun run = kit.start("aggregate", CREDENTIALS).expectFailed(ConnectionStatus.FAILED, null);

        assertThat(run.toString()).contains("the connector threw java.lang.IllegalStateException: the bank's page changed");
    }

    @Test
    void an_exception_in_resume_fails_the_job_too() {
        ConnectorKit kit = ConnectorKit.of(VERSION_1.resuming((c, answers) -> {
            throw new IllegalArgumentException("no answer parser");
        }));

        kit.start("aggregate", CREDENTIALS).expectChallenge(ChallengeType.TEXT).answer("Rex")
                .expectFailed(ConnectionStatus.FAILED);
    }

    @Test
    void state_written_by_an_older_version_is_upgraded_before_the_next_step() {
        List<String> resumedWith = new ArrayList<>();
        List<Integer> upgradedFrom = new ArrayList<>();
        TestConnector version2 = VERSION_1
                .resuming((c, answers) -> {
                    resumedWith.add(c.state());
                    return connected();
                })
                .stateVersion(2, (stored, state) -> {
                    upgradedFrom.add(stored);
                    return Optional.of("v2;" + state);
                });
        ConnectorKit kit = ConnectorKit.of(VERSION_1);
        JobRun run = kit.start("aggregate", CREDENTIALS).expectChallenge(ChallengeType.TEXT);

        kit.replaceConnector(version2);
        run.answer("Rex").expectConnected();

        assertThat(upgradedFrom).containsExactly(1);
        assertThat(resumedWith).containsExactly("v2;account=1234");
    }

    @Test
    void state_that_cannot_be_upgraded_fails_the_job_with_the_servers_message() {
        ConnectorKit kit = ConnectorKit.of(VERSION_1);
        JobRun run = kit.start("aggregate", CREDENTIALS).expectChallenge(ChallengeType.TEXT);

        kit.replaceConnector(VERSION_1.stateVersion(2, (stored, state) -> Optional.empty()));

        run.answer("Rex").expectFailed(ConnectionStatus.FAILED, JobRules.STATE_NOT_UPGRADED.message());
        assertThat(JobRules.STATE_NOT_UPGRADED.message()).contains("interrupted by an upgrade");
    }

    @Test
    void state_of_the_same_version_is_handed_over_as_it_is() {
        List<String> resumedWith = new ArrayList<>();
        ConnectorKit kit = ConnectorKit.of(VERSION_1);
        JobRun run = kit.start("aggregate", CREDENTIALS).expectChallenge(ChallengeType.TEXT);

        kit.replaceConnector(VERSION_1.resuming((c, answers) -> {
            resumedWith.add(c.state());
            return connected();
        }));
        run.answer("Rex").expectConnected();

        assertThat(resumedWith).containsExactly("account=1234");
    }

    @Test
    void a_connector_of_another_institution_cannot_take_over() {
        ConnectorKit kit = ConnectorKit.of(VERSION_1);
        TestConnector other = VERSION_1.named("other_bank");

        assertThatThrownBy(() -> kit.replaceConnector(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the kit serves test_bank; other_bank is another institution");
    }

    @Test
    void a_connector_that_returns_no_step_is_a_bug_the_kit_names() {
        ConnectorKit kit = ConnectorKit.of(TestConnector.starting(c -> null));

        assertThatThrownBy(() -> kit.start("aggregate", CREDENTIALS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("TestConnector.start returned null");
    }
}
