package dev.openagg.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every MX Bank scenario, driven through the HTTP API of a real server. */
class MfaFlowTest extends ServerTest {

    @Test
    void the_guides_sequence_fetch_tax_documents_challenged_resume_resumed_connected() {
        String member = flow.member("challenge", true);
        assertThat(flow.status(member).get("connection_status").asText()).isEqualTo("CREATED");

        Reply started = flow.start(member, "fetch_tax_documents");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().at("/member/is_being_aggregated").asBoolean()).isTrue();

        JsonNode challenged = flow.awaitStatus(member, "CHALLENGED");
        assertThat(challenged.get("is_being_aggregated").asBoolean()).isTrue();
        assertThat(challenged.get("is_authenticated").asBoolean()).isFalse();
        assertThat(challenged.get("challenges")).hasSize(1);
        JsonNode challenge = challenged.get("challenges").get(0);
        assertThat(challenge.get("label").asText()).isEqualTo("What city were you born in?");
        assertThat(challenge.get("type").asText()).isEqualTo("TEXT");
        assertThat(challenge.get("guid").asText()).startsWith("CRD-");
        assertThat(challenge.has("field_name")).isTrue();

        Reply listed = api.get(flow.path(member, "challenges"));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().at("/challenges/0/guid").asText()).isEqualTo(challenge.get("guid").asText());
        assertThat(listed.json().at("/pagination/total_entries").asInt()).isEqualTo(1);

        Reply resumed = flow.resume(member, challenge.get("guid").asText(), "correct");
        assertThat(resumed.status()).isEqualTo(202);
        assertThat(resumed.json().at("/member/connection_status").asText()).isEqualTo("RESUMED");
        assertThat(resumed.json().at("/member/is_being_aggregated").asBoolean()).isTrue();

        JsonNode connected = flow.awaitStatus(member, "CONNECTED");
        assertThat(connected.get("is_authenticated").asBoolean()).isTrue();
        assertThat(connected.get("is_being_aggregated").asBoolean()).isFalse();
        assertThat(connected.get("aggregated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(connected.get("successfully_aggregated_at").asText()).isEqualTo(connected.get("aggregated_at").asText());
        assertThat(connected.get("challenges")).isEmpty();
        assertThat(api.get(flow.path(member, "challenges")).status()).isEqualTo(204);
    }

    @Test
    void a_plain_password_connects_without_mfa_on_creation() {
        String member = flow.member("password", false);

        JsonNode connected = flow.awaitStatus(member, "CONNECTED");

        assertThat(connected.get("is_authenticated").asBoolean()).isTrue();
        assertThat(connected.get("has_processed_accounts").asBoolean()).isTrue();
        assertThat(connected.get("has_processed_transactions").asBoolean()).isTrue();
        assertThat(api.get(flow.path(member, "challenges")).status()).isEqualTo(204);
    }

    @Test
    void options_is_two_rounds_with_distinct_challenge_guids() {
        String member = flow.member("options", false);

        JsonNode first = flow.awaitStatus(member, "CHALLENGED").get("challenges").get(0);
        assertThat(first.get("type").asText()).isEqualTo("OPTIONS");
        assertThat(first.get("options").size()).isGreaterThanOrEqualTo(2);
        first.get("options").forEach(o -> {
            assertThat(o.get("guid").asText()).startsWith("CRO-");
            assertThat(o.get("label").asText()).isNotBlank();
            assertThat(o.get("value").asText()).isNotBlank();
        });
        String phone = first.get("options").get(1).get("value").asText();
        assertThat(flow.resume(member, first.get("guid").asText(), phone).status()).isEqualTo(202);

        JsonNode second = flow.awaitStatus(member, "CHALLENGED").get("challenges").get(0);
        assertThat(second.get("type").asText()).isEqualTo("TOKEN");
        assertThat(second.get("label").asText()).contains(phone);
        assertThat(second.get("guid").asText()).isNotEqualTo(first.get("guid").asText());
        assertThat(second.has("options")).isFalse();
        assertThat(flow.resume(member, second.get("guid").asText(), "correct").status()).isEqualTo(202);

        assertThat(flow.awaitStatus(member, "CONNECTED").get("is_authenticated").asBoolean()).isTrue();
    }

    @Test
    void an_option_can_be_answered_by_its_guid() {
        String member = flow.member("options", false);
        JsonNode first = flow.awaitStatus(member, "CHALLENGED").get("challenges").get(0);
        JsonNode option = first.get("options").get(0);

        flow.resume(member, first.get("guid").asText(), option.get("guid").asText());

        JsonNode second = flow.awaitStatus(member, "CHALLENGED").get("challenges").get(0);
        assertThat(second.get("label").asText()).contains(option.get("value").asText());
    }

    @Test
    void token_is_one_round() {
        String member = flow.member("token", false);
        JsonNode challenge = flow.awaitStatus(member, "CHALLENGED").get("challenges").get(0);
        assertThat(challenge.get("type").asText()).isEqualTo("TOKEN");

        flow.resume(member, challenge.get("guid").asText(), "correct");

        flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void image_shows_a_real_png_of_what_to_type() {
        String member = flow.member("image", false);
        JsonNode challenge = flow.awaitStatus(member, "CHALLENGED").get("challenges").get(0);

        assertThat(challenge.get("type").asText()).isEqualTo("IMAGE_DATA");
        String dataUri = challenge.get("image_data").asText();
        assertThat(dataUri).startsWith("data:image/png;base64,");
        byte[] png = Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');

        flow.resume(member, challenge.get("guid").asText(), "correct");
        flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void image_options_offers_pictures_and_takes_the_right_one_by_guid() {
        String member = flow.member("image_options", false);
        JsonNode challenge = flow.awaitStatus(member, "CHALLENGED").get("challenges").get(0);

        assertThat(challenge.get("type").asText()).isEqualTo("IMAGE_OPTIONS");
        assertThat(challenge.has("options")).isFalse();
        JsonNode right = null;
        for (JsonNode option : challenge.get("image_options")) {
            assertThat(option.get("data_uri").asText()).startsWith("data:image/png;base64,");
            assertThat(option.get("guid").asText()).startsWith("CRO-");
            if (option.get("value").asText().equals("correct")) {
                right = option;
            }
        }
        assertThat(right).isNotNull();

        flow.resume(member, challenge.get("guid").asText(), right.get("guid").asText());
        flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void challenge_twice_is_two_text_rounds() {
        String member = flow.member("challenge_twice", false);
        JsonNode first = flow.awaitStatus(member, "CHALLENGED").get("challenges").get(0);
        flow.resume(member, first.get("guid").asText(), "correct");

        JsonNode second = flow.awaitStatus(member, "CHALLENGED").get("challenges").get(0);
        assertThat(second.get("type").asText()).isEqualTo("TEXT");
        assertThat(second.get("guid").asText()).isNotEqualTo(first.get("guid").asText());
        assertThat(second.get("label").asText()).isNotEqualTo(first.get("label").asText());
        flow.resume(member, second.get("guid").asText(), "correct");

        flow.awaitStatus(member, "CONNECTED");
    }

    @ParameterizedTest(name = "password {0} ends {1}")
    @CsvSource({"BAD_REQUEST,FAILED", "UNAUTHORIZED,DENIED", "INVALID,DENIED", "LOCKED,LOCKED", "DISABLED,DENIED",
            "IMPEDED,IMPEDED", "SERVER_ERROR,FAILED", "UNAVAILABLE,FAILED"})
    void error_passwords_end_the_job_with_their_status(String password, String status) {
        String member = flow.member(password, false);

        JsonNode ended = flow.awaitStatus(member, status);

        assertThat(ended.get("is_being_aggregated").asBoolean()).isFalse();
        assertThat(ended.get("is_authenticated").asBoolean()).isFalse();
        assertThat(ended.get("aggregated_at").isNull()).isFalse();
        assertThat(ended.get("successfully_aggregated_at").isNull()).isTrue();
    }

    @Test
    void another_username_is_denied() {
        Reply reply = api.post(flow.members(), Flow.memberBody("someone", "password", false));

        assertThat(flow.awaitStatus(reply.json().at("/member/guid").asText(), "DENIED")
                .get("is_being_aggregated").asBoolean()).isFalse();
    }

    @Test
    void delayed_shows_delayed_then_connects() {
        String member = flow.member("DELAYED", false);

        flow.awaitStatus(member, "DELAYED");
        assertThat(flow.status(member).get("is_being_aggregated").asBoolean()).isTrue();
        server.clock.advance(java.time.Duration.ofSeconds(3));

        flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void a_wrong_answer_rejects_the_member_and_a_new_job_may_start() {
        String member = flow.member("challenge", false);
        JsonNode challenge = flow.awaitStatus(member, "CHALLENGED").get("challenges").get(0);

        assertThat(flow.resume(member, challenge.get("guid").asText(), "Chicago").status()).isEqualTo(202);

        JsonNode rejected = flow.awaitStatus(member, "REJECTED");
        assertThat(rejected.get("is_being_aggregated").asBoolean()).isFalse();
        assertThat(flow.resume(member, challenge.get("guid").asText(), "correct").status()).isEqualTo(409);

        assertThat(flow.start(member, "aggregate").status()).isEqualTo(202);
        JsonNode again = flow.awaitStatus(member, "CHALLENGED").get("challenges").get(0);
        assertThat(again.get("guid").asText()).isNotEqualTo(challenge.get("guid").asText());
    }

    @Test
    void a_member_with_an_mfa_password_is_challenged_on_every_job() {
        String member = flow.member("challenge", false);
        JsonNode challenge = flow.awaitStatus(member, "CHALLENGED").get("challenges").get(0);
        flow.resume(member, challenge.get("guid").asText(), "correct");
        flow.awaitStatus(member, "CONNECTED");

        flow.start(member, "fetch_tax_documents");

        assertThat(flow.awaitStatus(member, "CHALLENGED").get("is_being_aggregated").asBoolean()).isTrue();
    }

    @Test
    void each_job_endpoint_starts_its_job_and_verify_answers_200() {
        for (String job : new String[] {"aggregate", "check_balance", "extend_history", "identify", "verify",
                "fetch_statements", "fetch_tax_documents"}) {
            String member = flow.member("password", true);
            Reply reply = flow.start(member, job);
            assertThat(reply.status()).as(job).isEqualTo(job.equals("verify") ? 200 : 202);
            assertThat(reply.json().at("/member/guid").asText()).isEqualTo(member);
            assertThat(flow.awaitStatus(member, "CONNECTED").get("is_authenticated").asBoolean()).as(job).isTrue();
        }
    }

    @Test
    void verify_marks_account_numbers_processed() {
        String member = flow.member("password", true);
        flow.start(member, "verify");

        assertThat(flow.awaitStatus(member, "CONNECTED").get("has_processed_account_numbers").asBoolean()).isTrue();
    }

    @Test
    void resume_on_a_member_that_is_not_challenged_is_409() {
        String member = flow.member("password", true);

        Reply reply = flow.resume(member, "CRD-00000000-0000-4000-8000-000000000000", "correct");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorMessage()).contains("not challenged");
    }

    @Test
    void a_bad_resume_body_is_refused_and_the_challenge_stays_open() {
        String member = flow.member("challenge", false);
        JsonNode challenge = flow.awaitStatus(member, "CHALLENGED").get("challenges").get(0);
        String guid = challenge.get("guid").asText();

        Reply unknown = flow.resume(member, "CRD-00000000-0000-4000-8000-000000000000", "correct");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.errorMessage()).contains("not an open challenge").contains(guid);

        Reply empty = api.put(flow.path(member, "resume"), "{\"member\": {\"challenges\": []}}");
        assertThat(empty.status()).isEqualTo(422);

        Reply missing = api.put(flow.path(member, "resume"), "{\"member\": {}}");
        assertThat(missing.status()).isEqualTo(422);

        Reply malformed = api.put(flow.path(member, "resume"), "{\"member\": {\"challenges\": \"correct\"}}");
        assertThat(malformed.status()).isEqualTo(400);

        Reply notJson = api.put(flow.path(member, "resume"), "challenges=correct");
        assertThat(notJson.status()).isEqualTo(400);

        JsonNode still = flow.status(member);
        assertThat(still.get("connection_status").asText()).isEqualTo("CHALLENGED");
        assertThat(still.at("/challenges/0/guid").asText()).isEqualTo(guid);
        assertThat(flow.resume(member, guid, "correct").status()).isEqualTo(202);
        flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void three_denied_logins_in_a_row_prevent_the_member_until_its_credentials_change() {
        String member = flow.member("UNAUTHORIZED", false);
        flow.awaitStatus(member, "DENIED");
        flow.start(member, "aggregate");
        flow.awaitStatus(member, "DENIED");
        flow.start(member, "aggregate");

        JsonNode prevented = flow.awaitStatus(member, "PREVENTED");
        assertThat(prevented.get("is_being_aggregated").asBoolean()).isFalse();
        Reply refused = flow.start(member, "aggregate");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorMessage()).contains("PREVENTED");

        Reply updated = api.put(flow.path(member, ""), "{\"member\": {\"credentials\": [{\"guid\": \"" + Flow.PASSWORD
                + "\", \"value\": \"password\"}]}}");
        assertThat(updated.status()).isEqualTo(200);
        flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void challenges_carry_fresh_guids_every_time() {
        Set<String> guids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            String member = flow.member("challenge", false);
            guids.add(flow.awaitStatus(member, "CHALLENGED").at("/challenges/0/guid").asText());
        }
        assertThat(guids).hasSize(3);
    }
}
