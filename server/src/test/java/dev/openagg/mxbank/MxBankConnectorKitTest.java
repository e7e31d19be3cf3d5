package dev.openagg.mxbank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.connector.Challenge;
import dev.openagg.connector.ChallengeOption;
import dev.openagg.connector.ChallengeType;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.DocumentData;
import dev.openagg.connector.Harvest;
import dev.openagg.testkit.ConnectorKit;
import dev.openagg.testkit.JobRun;
import dev.openagg.testkit.KitMember;
import dev.openagg.testkit.Refusal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of MX Bank's password table in the README, run in memory with the connector test kit. */
class MxBankConnectorKitTest {
    private final ConnectorKit kit = ConnectorKit.of(new MxBankConnector());

    private static Map<String, String> password(String password) {
        return Map.of("LOGIN", "mxuser", "PASSWORD", password);
    }

    private JobRun aggregate(String password) {
        return kit.start("aggregate", password(password));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "hunter2", "correct"})
    void a_plain_password_connects_without_mfa_and_brings_back_the_members_data(String password) {
        Harvest harvest = aggregate(password).expectConnected();

        assertThat(harvest.accounts()).extracting(a -> a.type())
                .containsExactlyInAnyOrder("CHECKING", "SAVINGS", "CREDIT_CARD", "INVESTMENT");
        assertThat(harvest.transactions()).isNotEmpty();
        assertThat(harvest.holdings()).isNotEmpty();
    }

    @Test
    void challenge_asks_one_text_question() {
        JobRun run = aggregate("challenge").expectChallenge(ChallengeType.TEXT);

        assertThat(run.challenges().get(0).label()).isEqualTo("What city were you born in?");
        run.answer(MxBankConnector.RIGHT_ANSWER).expectConnected();
    }

    @Test
    void challenge_twice_asks_two_text_rounds_with_fresh_guids() {
        JobRun run = aggregate("challenge_twice").expectChallenge(ChallengeType.TEXT);
        Challenge first = run.challenges().get(0);

        run.answer("correct").expectChallenge(ChallengeType.TEXT);
        Challenge second = run.challenges().get(0);

        assertThat(second.label()).isEqualTo("What was the name of your first pet?");
        assertThat(second.guid()).isNotEqualTo(first.guid());
        run.answer("correct").expectConnected();
    }

    @Test
    void options_answered_with_an_options_value_then_the_token_connects() {
        JobRun run = aggregate("options").expectChallenge(ChallengeType.OPTIONS);
        assertThat(run.challenges().get(0).options()).extracting(ChallengeOption::value)
                .containsExactlyElementsOf(MxBankConnector.PHONES);

        run.answer("(555) ***-**12").expectChallenge(ChallengeType.TOKEN);

        assertThat(run.challenges().get(0).label()).isEqualTo("Enter the code we sent to (555) ***-**12");
        run.answer("correct").expectConnected();
    }

    @Test
    void options_answered_with_an_options_guid_reaches_mx_bank_as_its_value() {
        JobRun run = aggregate("options").expectChallenge(ChallengeType.OPTIONS);
        ChallengeOption second = run.challenges().get(0).options().get(1);

        run.answer(second.guid()).expectChallenge(ChallengeType.TOKEN);

        assertThat(run.challenges().get(0).label()).isEqualTo("Enter the code we sent to " + second.value());
        run.answer("correct").expectConnected();
        aggregate("options").answerOption("Text me at (555) ***-**34").expectChallenge(ChallengeType.TOKEN)
                .answer("correct").expectConnected();
    }

    @Test
    void token_asks_for_a_one_time_code() {
        aggregate("token").expectChallenge(ChallengeType.TOKEN).answer("correct").expectConnected();
    }

    @Test
    void image_shows_the_word_to_type_as_a_png() {
        JobRun run = aggregate("image").expectChallenge(ChallengeType.IMAGE_DATA);

        assertThat(run.challenges().get(0).imageData()).startsWith("data:image/png;base64,");
        run.answer("correct").expectConnected();
    }

    @Test
    void image_options_offers_three_pictures_of_which_the_green_circle_is_right() {
        JobRun run = aggregate("image_options").expectChallenge(ChallengeType.IMAGE_OPTIONS);
        assertThat(run.challenges().get(0).options()).extracting(ChallengeOption::label)
                .containsExactly("Red square", "Green circle", "Blue triangle");
        assertThat(run.challenges().get(0).options()).allSatisfy(o ->
                assertThat(o.dataUri()).startsWith("data:image/png;base64,"));

        run.answerOption("Green circle").expectConnected();
        aggregate("image_options").answerOption("Blue triangle").expectFailed(ConnectionStatus.REJECTED);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "BAD_REQUEST, FAILED, You must fill out the username and password fields.",
            "SERVER_ERROR, FAILED, Internal server error.",
            "UNAUTHORIZED, DENIED, Invalid credentials.",
            "INVALID, DENIED, The login and/or password are invalid.",
            "LOCKED, LOCKED, 'The credentials are valid, but the user is locked.'",
            "DISABLED, DENIED, 'The credentials are valid, but the user is locked.'",
            "IMPEDED, IMPEDED, -",
            "UNAVAILABLE, FAILED, Service is Unavailable."})
    void an_error_password_ends_the_job_in_its_status_with_its_message(String password, ConnectionStatus status,
                                                                       String message) {
        aggregate(password).expectFailed(status, message);
    }

    @ParameterizedTest
    @CsvSource({"LOCKED, LOCKED", "UNAVAILABLE, FAILED", "INVALID, DENIED"})
    void an_error_password_given_as_an_answer_works_as_it_does_at_login(String answer, ConnectionStatus status) {
        aggregate("challenge").expectChallenge(ChallengeType.TEXT).answer(answer).expectFailed(status);
    }

    @Test
    void three_denied_logins_in_a_row_prevent_the_member_until_its_credentials_are_updated() {
        KitMember member = kit.member(password("UNAUTHORIZED"));

        member.start("aggregate").expectFailed(ConnectionStatus.DENIED, "Invalid credentials.");
        member.start("aggregate").expectFailed(ConnectionStatus.DENIED);
        member.start("aggregate").expectFailed(ConnectionStatus.PREVENTED, null);
        member.start("aggregate").expectRefused(Refusal.PREVENTED);

        member.updateCredentials(Map.of("PASSWORD", "password"));
        member.start("aggregate").expectConnected();
    }

    @Test
    void delayed_waits_two_seconds_then_connects() {
        JobRun run = aggregate("DELAYED").expectDelayed();

        run.advance(Duration.ofMillis(1999)).expectDelayed();
        run.advance(Duration.ofMillis(1)).expectConnected();

        assertThat(run.statuses()).containsExactly(ConnectionStatus.CREATED, ConnectionStatus.DELAYED,
                ConnectionStatus.CONNECTED);
    }

    @Test
    void a_wrong_answer_rejects_the_member() {
        aggregate("challenge").expectChallenge(ChallengeType.TEXT).answer("Springfield")
                .expectFailed(ConnectionStatus.REJECTED, null);
        aggregate("options").expectChallenge(ChallengeType.OPTIONS).answer("(555) ***-**99")
                .expectFailed(ConnectionStatus.REJECTED);
    }

    @Test
    void an_unknown_username_is_denied() {
        kit.start("aggregate", Map.of("LOGIN", "someone", "PASSWORD", "password"))
                .expectFailed(ConnectionStatus.DENIED, null);
    }

    @Test
    void an_unanswered_challenge_expires_after_the_challenge_lifetime() {
        aggregate("token").expectChallenge(ChallengeType.TOKEN).advance(Duration.ofMinutes(10))
                .expectFailed(ConnectionStatus.EXPIRED);
    }

    @Test
    void every_job_kind_is_offered_and_brings_back_its_part() {
        assertThat(kit.start("check_balance", password("password")).expectConnected().transactions()).isNull();
        assertThat(kit.start("extend_history", password("password")).expectConnected().transactions()).isNotEmpty();
        assertThat(kit.start("identify", password("password")).expectConnected().owners()).isNotEmpty();
        assertThat(kit.start("verify", password("password")).expectConnected().accountNumbers()).hasSize(2);
        assertThat(kit.start("fetch_statements", password("password")).expectConnected().statements()).isNotEmpty();
        assertThat(kit.start("fetch_tax_documents", password("password")).expectConnected().taxDocuments())
                .extracting(DocumentData::documentType).contains("TAX1099_INT").doesNotContain("TAXW_2");
        assertThat(kit.start("fetch_tax_documents", password("options")).expectChallenge(ChallengeType.OPTIONS)
                .answer("(555) ***-**12").answer("correct").expectConnected().taxDocuments())
                .extracting(DocumentData::documentType).contains("TAXW_2");
    }
}
