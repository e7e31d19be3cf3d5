package com.example.openagg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openagg.connector.Answer;
import dev.openagg.connector.ChallengeType;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Connector;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.Step;
import dev.openagg.testkit.ConnectorKit;
import dev.openagg.testkit.Refusal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Example Credit Union's jobs, run in memory by the connector test kit under the server's own rules. */
class ExampleCreditUnionTest {
    private static final Map<String, String> RIGHT = Map.of("LOGIN", "1001", "PASSWORD", "secret");
    private final ConnectorKit kit = ConnectorKit.of(new ExampleCreditUnion());

    @Test
    void two_rounds_of_mfa_lead_to_the_checking_account_and_its_transactions() {
        Harvest harvest = kit.start("aggregate", RIGHT)
                .expectChallenge(ChallengeType.OPTIONS)
                .answerOption("Email m***@example.com")
                .expectChallenge(ChallengeType.TOKEN)
                .answer("123456")
                .expectConnected();

        assertEquals("Share Draft", harvest.accounts().get(0).name());
        assertEquals(3, harvest.transactions().size());
    }

    @Test
    void verification_brings_the_account_and_routing_numbers() {
        Harvest harvest = kit.start("verify", RIGHT)
                .expectChallenge(ChallengeType.OPTIONS).answer("sms")
                .expectChallenge(ChallengeType.TOKEN).answer("123456")
                .expectConnected();

        assertEquals("011000015", harvest.accountNumbers().get(0).routingNumber());
    }

    @Test
    void a_wrong_password_is_denied_with_the_institutions_message_and_three_in_a_row_prevent_the_member() {
        Map<String, String> wrong = Map.of("LOGIN", "1001", "PASSWORD", "guess");
        var member = kit.member(wrong);
        member.start("aggregate").expectFailed(ConnectionStatus.DENIED, "The member number or password is not right.");
        member.start("aggregate").expectFailed(ConnectionStatus.DENIED);
        member.start("aggregate").expectFailed(ConnectionStatus.PREVENTED);

        member.start("aggregate").expectRefused(Refusal.PREVENTED);
    }

    @Test
    void a_wrong_code_is_rejected() {
        kit.start("aggregate", RIGHT)
                .expectChallenge(ChallengeType.OPTIONS).answer("sms")
                .expectChallenge(ChallengeType.TOKEN).answer("000000")
                .expectFailed(ConnectionStatus.REJECTED, "That code is not right. Please start again.");
    }

    @Test
    void jobs_the_institution_does_not_offer_never_reach_the_connector() {
        kit.start("fetch_tax_documents", RIGHT).expectRefused(Refusal.UNSUPPORTED);
        kit.start("extend_history", RIGHT).expectRefused(Refusal.UNSUPPORTED);
    }

    @Test
    void a_job_that_waited_for_its_code_under_version_1_finishes_after_the_upgrade() {
        ConnectorKit old = ConnectorKit.of(new VersionOne());
        var run = old.start("aggregate", RIGHT).expectChallenge(ChallengeType.TOKEN);

        old.replaceConnector(new ExampleCreditUnion());

        run.answer("123456").expectConnected();
    }

    @Test
    void a_challenge_left_unanswered_expires() {
        kit.start("aggregate", RIGHT)
                .expectChallenge(ChallengeType.OPTIONS)
                .advance(ConnectorKit.DEFAULT_CHALLENGE_LIFETIME)
                .expectStatus(ConnectionStatus.EXPIRED);
    }

    /** Version 1 of the connector, as it was: it texted the code at once and stored the state {@code otp}. */
    private static final class VersionOne implements Connector {
        private final ExampleCreditUnion current = new ExampleCreditUnion();

        @Override
        public InstitutionInfo institution() {
            return current.institution();
        }

        @Override
        public Step start(JobContext context) {
            return new Step.Challenged(List.of(dev.openagg.connector.Challenge.token("Enter the code we texted you")),
                    "otp");
        }

        @Override
        public Step resume(JobContext context, List<Answer> answers) {
            throw new IllegalStateException("version 1 is gone by the time the code is typed");
        }
    }
}
