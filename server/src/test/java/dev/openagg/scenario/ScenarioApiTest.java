package dev.openagg.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scenario institutions registered through the API and run through the same engine as every connector. */
class ScenarioApiTest extends ServerTest {
    private static final Map<String, String> ALICE = Map.of("LOGIN", "alice", "PASSWORD", "pw");
    private static final String PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private Scripted client;

    @BeforeAll
    void client() {
        client = new Scripted(api);
    }

    @Test
    void the_issues_three_round_login_answered_right_connects_with_exactly_its_account_and_transaction() {
        client.registered(Scripted.acme("acme_cu"));
        String member = client.member("acme_cu", ALICE);

        JsonNode first = client.answer(member, "smith");
        assertThat(first.get(0).get("label").asText()).isEqualTo("Mother's maiden name?");
        JsonNode second = client.answer(member, "sms");
        assertThat(second.get(0).get("type").asText()).isEqualTo("OPTIONS");
        assertThat(Scripted.list(second.get(0).get("options"), "value")).containsExactly("sms", "email");
        JsonNode third = client.answer(member, "123456");
        assertThat(third.get(0).get("type").asText()).isEqualTo("TOKEN");
        JsonNode connected = client.flow.awaitStatus(member, "CONNECTED");
        assertThat(connected.get("is_authenticated").asBoolean()).isTrue();

        JsonNode accounts = api.get(client.flow.path(member, "accounts")).json().get("accounts");
        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).get("name").asText()).isEqualTo("Share Savings");
        assertThat(accounts.get(0).get("type").asText()).isEqualTo("SAVINGS");
        assertThat(accounts.get(0).get("balance").decimalValue()).isEqualByComparingTo(new BigDecimal("1234.56"));
        JsonNode transactions = api.get(client.flow.path(member, "transactions")).json().get("transactions");
        assertThat(transactions).hasSize(1);
        JsonNode coffee = transactions.get(0);
        assertThat(coffee.get("description").asText()).isEqualTo("Coffee");
        assertThat(coffee.get("amount").decimalValue()).isEqualByComparingTo(new BigDecimal("12.50"));
        assertThat(coffee.get("type").asText()).isEqualTo("DEBIT");
        assertThat(coffee.get("date").asText()).isEqualTo("2026-11-02");
        assertThat(coffee.get("account_guid").asText()).isEqualTo(accounts.get(0).get("guid").asText());
    }

    @Test
    void a_wrong_answer_in_any_round_ends_the_job_rejected() {
        client.registered(Scripted.acme("acme_wrong"));
        List<String> right = List.of("smith", "sms", "123456");

        for (int wrongRound = 0; wrongRound < right.size(); wrongRound++) {
            String member = client.member("acme_wrong", ALICE);
            for (int round = 0; round < wrongRound; round++) {
                client.answer(member, right.get(round));
            }
            client.answer(member, List.of("jones", "email", "654321").get(wrongRound));

            assertThat(client.flow.awaitStatus(member, "REJECTED").get("is_authenticated").asBoolean())
                    .as("wrong in round %d", wrongRound).isFalse();
        }
    }

    @Test
    void credentials_that_match_no_login_are_denied_and_a_login_may_end_in_any_status() {
        client.registered(Scripted.acme("acme_ends"));

        client.flow.awaitStatus(client.member("acme_ends", Map.of("LOGIN", "bob", "PASSWORD", "pw")), "DENIED");
        client.flow.awaitStatus(client.member("acme_ends", Map.of("LOGIN", "anyone", "PASSWORD", "locked")), "LOCKED");
    }

    @Test
    void a_wrong_answer_asks_the_same_round_again_up_to_its_retries_then_ends_as_told() {
        client.registered("""
                {"institution": {"code": "retry_bank", "name": "Retry Bank",
                  "credentials": [{"field_name": "PASSWORD", "label": "Password", "type": "PASSWORD"}],
                  "logins": [{"steps": [{"challenges": [{"type": "TOKEN", "label": "Code", "answer": "111"}],
                                         "on_wrong_answer": {"retry": 2, "then": "LOCKED",
                                                             "message": "Too many wrong codes."}}]}]}}""");
        String retried = client.member("retry_bank", Map.of("PASSWORD", "x"));
        JsonNode asked = client.answer(retried, "999");
        JsonNode again = client.answer(retried, "111");
        assertThat(again.get(0).get("guid").asText()).isNotEqualTo(asked.get(0).get("guid").asText());
        assertThat(again.get(0).get("label").asText()).isEqualTo("Code");
        client.flow.awaitStatus(retried, "CONNECTED");

        String locked = client.member("retry_bank", Map.of("PASSWORD", "x"));
        client.answer(locked, "1");
        client.answer(locked, "2");
        client.answer(locked, "3");
        assertThat(client.message(locked, "LOCKED"))
                .isEqualTo("Too many wrong codes.");
    }

    @Test
    void a_wrong_answer_can_go_to_another_round() {
        client.registered("""
                {"institution": {"code": "goto_bank", "name": "Go To Bank",
                  "credentials": [{"field_name": "PASSWORD", "label": "Password", "type": "PASSWORD"}],
                  "logins": [{"steps": [
                      {"challenges": [{"type": "TEXT", "label": "Pet's name?", "answer": "rex"}],
                       "on_wrong_answer": {"go_to": 1}},
                      {"delay_seconds": 1},
                      {"challenges": [{"type": "TOKEN", "label": "Then a code", "answer": "42"}]}]}]}}""");
        String member = client.member("goto_bank", Map.of("PASSWORD", "x"));

        client.answer(member, "fido");
        client.flow.awaitStatus(member, "DELAYED");
        server.clock.advance(java.time.Duration.ofSeconds(2));
        JsonNode code = client.answer(member, "42");

        assertThat(code.get(0).get("label").asText()).isEqualTo("Then a code");
        client.flow.awaitStatus(member, "CONNECTED");
    }

    /**
     * The scheduler looks for due steps every two seconds of real time, whatever the server's clock shows: a step put
     * off by a second runs once the clock has moved by a second, less than that interval.
     */
    @Test
    void a_step_put_off_runs_once_the_clock_reaches_it_however_little_the_clock_moved() {
        client.registered("""
                {"institution": {"code": "pause_bank", "name": "Pause Bank",
                  "credentials": [{"field_name": "PASSWORD", "label": "Password", "type": "PASSWORD"}],
                  "logins": [{"steps": [{"delay_seconds": 1}]}]}}""");
        String member = client.member("pause_bank", Map.of("PASSWORD", "x"));

        client.flow.awaitStatus(member, "DELAYED");
        server.clock.advance(java.time.Duration.ofSeconds(1));

        client.flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void every_challenge_type_several_in_one_round_and_answers_as_lists_patterns_or_anything() throws IOException {
        client.registered("""
                {"institution": {"code": "all_types", "name": "All Types Bank",
                  "credentials": [{"field_name": "PASSWORD", "label": "Password", "type": "PASSWORD"}],
                  "logins": [{"steps": [
                      {"challenges": [
                         {"type": "TEXT", "label": "City?", "answer": ["Paris", "paris"]},
                         {"type": "TOKEN", "label": "Six digits", "answer": {"pattern": "[0-9]{6}"}},
                         {"type": "IMAGE_DATA", "label": "What do you see?", "image": "PNG", "answer": {"any": true}},
                         {"type": "OPTIONS", "label": "Phone?", "answer": "b",
                          "options": [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}]}]},
                      {"challenges": [
                         {"type": "IMAGE_OPTIONS", "label": "The circle", "answer": "circle",
                          "options": [{"label": "Square", "value": "square", "image": {"shape": "square", "color": "#C0392B"}},
                                      {"label": "Circle", "value": "circle", "image": {"shape": "circle", "color": "#27AE60"}}]},
                         {"type": "IMAGE_DATA", "label": "Type the word", "image": {"word": "Sky 42"},
                          "answer": "Sky 42"}]}]}]}}""".replace("PNG", PNG));
        String member = client.member("all_types", Map.of("PASSWORD", "x"));

        JsonNode first = client.answer(member, "paris", "123456", "anything at all", "b");
        assertThat(Scripted.list(first, "type")).containsExactly("TEXT", "TOKEN", "IMAGE_DATA", "OPTIONS");
        assertThat(first.get(2).get("image_data").asText()).isEqualTo(PNG);
        JsonNode second = client.flow.awaitStatus(member, "CHALLENGED").get("challenges");
        assertThat(Scripted.list(second, "type")).containsExactly("IMAGE_OPTIONS", "IMAGE_DATA");
        second.get(0).get("image_options").forEach(o ->
                assertThat(o.get("data_uri").asText()).startsWith("data:image/png;base64,"));
        assertThat(PicturesTest.png(second.get(1).get("image_data").asText()).getWidth())
                .isGreaterThan(PicturesTest.png(Pictures.word("Sky")).getWidth());
        String circle = second.get(0).get("image_options").get(1).get("guid").asText();
        client.answer(member, circle, "Sky 42");

        client.flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void a_pattern_answer_refuses_what_it_does_not_match() {
        client.registered("""
                {"institution": {"code": "pattern_bank", "name": "Pattern Bank",
                  "credentials": [{"field_name": "PASSWORD", "label": "Password", "type": "PASSWORD"}],
                  "logins": [{"steps": [{"challenges": [{"type": "TOKEN", "label": "Code",
                                                         "answer": {"pattern": "[0-9]{6}"}}]}]}]}}""");
        String member = client.member("pattern_bank", Map.of("PASSWORD", "x"));

        client.answer(member, "12345a");

        client.flow.awaitStatus(member, "REJECTED");
    }

    @Test
    void behaviour_differs_by_job_kind_and_by_attempt() {
        client.registered("""
                {"institution": {"code": "moody_bank", "name": "Moody Bank",
                  "credentials": [{"field_name": "PASSWORD", "label": "Password", "type": "PASSWORD"}],
                  "supports": ["identify", "verify"],
                  "logins": [{"outcome": "CONNECTED",
                    "jobs": [
                      {"if": {"attempt": 1},
                       "steps": [{"challenges": [{"type": "TEXT", "label": "First time?", "answer": "yes"}]}]},
                      {"if": {"kind": ["verify"]}, "outcome": "IMPEDED", "message": "Verify at our branch."},
                      {"if": {"every": 3}, "outcome": "FAILED", "message": "Every third job fails."}]}]}}""");
        String member = client.member("moody_bank", Map.of("PASSWORD", "x"));

        client.answer(member, "yes");
        client.flow.awaitStatus(member, "CONNECTED");
        client.flow.start(member, "aggregate");
        assertThat(client.flow.awaitStatus(member, "CONNECTED", "CHALLENGED").get("connection_status").asText())
                .isEqualTo("CONNECTED");
        client.flow.start(member, "verify");
        assertThat(client.message(member, "IMPEDED"))
                .isEqualTo("Verify at our branch.");
        client.flow.start(member, "identify");
        client.flow.awaitStatus(member, "CONNECTED");
        client.flow.start(member, "identify");
        client.flow.awaitStatus(member, "CONNECTED");
        client.flow.start(member, "aggregate");
        assertThat(client.message(member, "FAILED"))
                .isEqualTo("Every third job fails.");
        assertThat(client.flow.start(member, "fetch_tax_documents").status()).isEqualTo(400);
    }

    @Test
    void attempts_can_count_the_jobs_of_one_kind_only() {
        client.registered("""
                {"institution": {"code": "kind_count_bank", "name": "Kind Count Bank",
                  "credentials": [{"field_name": "PASSWORD", "label": "Password", "type": "PASSWORD"}],
                  "logins": [{"jobs": [{"if": {"kind": ["identify"], "attempt": [1], "count": "kind"},
                                        "outcome": "DEGRADED"}]}]}}""");
        String member = client.member("kind_count_bank", Map.of("PASSWORD", "x"));
        client.flow.awaitStatus(member, "CONNECTED");

        client.flow.start(member, "identify");
        client.flow.awaitStatus(member, "DEGRADED");
        client.flow.start(member, "identify");
        client.flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void generated_data_reports_the_balances_chosen_for_its_accounts() {
        String document = """
                {"institution": {"code": "CODE", "name": "Balance Bank",
                  "credentials": [{"field_name": "PASSWORD", "label": "Password", "type": "PASSWORD"}],
                  "logins": [{}],
                  "data": {"generated": {"accounts": 3, "days": 30,
                                         "balances": {"CHECKING": 2500.00, "CREDIT_CARD": 450.25}}}}}""";
        client.registered(document.replace("CODE", "balance_bank"));
        String member = client.member("balance_bank", Map.of("PASSWORD", "x"));
        client.flow.awaitStatus(member, "CONNECTED");

        JsonNode accounts = api.get(client.flow.path(member, "accounts")).json().get("accounts");
        assertThat(Scripted.list(accounts, "type")).containsExactly("CHECKING", "SAVINGS", "CREDIT_CARD");
        JsonNode checking = accounts.get(0);
        JsonNode card = accounts.get(2);
        assertThat(checking.get("balance").decimalValue()).isEqualByComparingTo("2500.00");
        assertThat(checking.get("available_balance").decimalValue()).isLessThanOrEqualTo(new BigDecimal("2500.00"));
        assertThat(card.get("balance").decimalValue()).isEqualByComparingTo("450.25");
        assertThat(card.get("available_balance").decimalValue())
                .isLessThanOrEqualTo(card.get("credit_limit").decimalValue().subtract(new BigDecimal("450.25")));
        assertThat(api.get(client.flow.path(member, "transactions")).json().get("transactions")).isNotEmpty();

        Reply refused = client.register(document.replace("CODE", "balance_bank_two")
                .replace("\"accounts\": 3", "\"accounts\": 2"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorMessage()).isEqualTo("$.institution.data.generated.balances.CREDIT_CARD: there is no"
                + " generated CREDIT_CARD account: with accounts 2, the generated ones are CHECKING, SAVINGS");
    }

    @Test
    void an_inline_custom_scenario_member_scripts_itself() {
        String rule = """
                {"steps": [{"challenges": [{"type": "TEXT", "label": "Favourite colour?", "answer": "blue"}]}],
                 "outcome": "CONNECTED",
                 "data": {"accounts": [{"id": "chk", "name": "Inline Checking", "type": "CHECKING", "balance": 10,
                                        "account_number": "12345678", "routing_number": "123456780"}]}}""";
        String member = client.member("custom_scenario", Map.of("LOGIN", "anyone", "PASSWORD", rule));

        JsonNode asked = client.answer(member, "blue");

        assertThat(asked.get(0).get("label").asText()).isEqualTo("Favourite colour?");
        client.flow.awaitStatus(member, "CONNECTED");
        JsonNode accounts = api.get(client.flow.path(member, "accounts")).json().get("accounts");
        assertThat(Scripted.list(accounts, "name")).containsExactly("Inline Checking");
        client.flow.start(member, "verify");
        client.answer(member, "blue");
        client.flow.awaitStatus(member, "CONNECTED");
        JsonNode numbers = api.get(client.flow.path(member, "account_numbers")).json().get("account_numbers");
        assertThat(numbers.get(0).get("account_number").asText()).isEqualTo("12345678");
    }

    @Test
    void an_inline_scenario_that_is_not_valid_is_refused_at_creation_naming_each_problem_by_its_path() {
        Scripted fresh = new Scripted(api);
        Reply bad = fresh.createMember("custom_scenario", Map.of("LOGIN", "anyone", "PASSWORD",
                "{\"outcome\": \"SUNNY\", \"steps\": [{\"challenges\": [{\"type\": \"CAPTCHA\", \"label\": \"x\"}]}]}"));

        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.errorMessage().split("; ")).containsExactly(
                "credential PASSWORD holds an invalid scenario: $.steps[0].challenges[0].type: CAPTCHA is not one of"
                        + " TEXT, OPTIONS, TOKEN, IMAGE_DATA, IMAGE_OPTIONS",
                "credential PASSWORD holds an invalid scenario: $.steps[0].challenges[0].answer: is required: the right"
                        + " answer (a value, a list of values, {\"pattern\": ...} or {\"any\": true})",
                "credential PASSWORD holds an invalid scenario: $.outcome: SUNNY is not one of PREVENTED, DENIED,"
                        + " REJECTED, LOCKED, CONNECTED, IMPEDED, DEGRADED, DISCONNECTED, DISCONTINUED, CLOSED, FAILED,"
                        + " DISABLED, EXPIRED, IMPAIRED");
        Reply notJson = fresh.createMember("custom_scenario", Map.of("LOGIN", "anyone", "PASSWORD", "locked"));
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(notJson.errorMessage())
                .isEqualTo("credential PASSWORD holds an invalid scenario: $: not valid JSON at column 1");
        assertThat(api.get(fresh.flow.members()).json().get("members")).isEmpty();
    }

    @Test
    void an_inline_scenario_that_is_not_valid_is_refused_at_update_and_nothing_is_saved() {
        String member = client.member("custom_scenario", Map.of("LOGIN", "anyone", "PASSWORD",
                "{\"outcome\": \"LOCKED\"}"));
        client.flow.awaitStatus(member, "LOCKED");

        Reply bad = client.updateCredentials(member, "custom_scenario", Map.of("LOGIN", "someone else", "PASSWORD",
                "{\"outcome\": \"LOCKED\", \"colour\": \"red\"}"), "new-id");

        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.errorMessage()).startsWith(
                "credential PASSWORD holds an invalid scenario: $.colour: unknown field (expected one of ");
        JsonNode kept = api.get(client.flow.path(member, "")).json().get("member");
        assertThat(kept.get("id").isNull()).isTrue();
        assertThat(kept.get("connection_status").asText()).isEqualTo("LOCKED");
        client.flow.start(member, "aggregate");
        client.flow.awaitStatus(member, "LOCKED");
        Reply good = client.updateCredentials(member, "custom_scenario", Map.of("PASSWORD", "{\"outcome\": \"CONNECTED\"}"),
                "new-id");
        assertThat(good.status()).isEqualTo(200);
        client.flow.awaitStatus(member, "CONNECTED");
        assertThat(client.updateCredentials(member, "custom_scenario", Map.of("LOGIN", "renamed"), "new-id").status())
                .isEqualTo(200);
    }

    @Test
    void an_institution_registered_by_one_client_is_invisible_to_another() {
        client.registered(Scripted.acme("private_cu"));
        Api other = server.otherClient("scenario-other-client");
        Scripted stranger = new Scripted(other);

        assertThat(Scripted.list(api.get("/institutions?records_per_page=100").json().get("institutions"), "code"))
                .contains("private_cu", "mxbank", "custom_scenario");
        assertThat(Scripted.list(other.get("/institutions?records_per_page=100").json().get("institutions"), "code"))
                .doesNotContain("private_cu").contains("mxbank");
        assertThat(other.get("/institutions/private_cu").status()).isEqualTo(404);
        assertThat(other.get("/institutions/private_cu/credentials").status()).isEqualTo(404);
        assertThat(other.get("/sandbox/institutions/private_cu").status()).isEqualTo(404);
        assertThat(other.put("/sandbox/institutions/private_cu", Scripted.acme("private_cu")).status()).isEqualTo(404);
        assertThat(other.delete("/sandbox/institutions/private_cu").status()).isEqualTo(404);
        assertThat(other.get("/sandbox/institutions").json().get("institutions")).isEmpty();
        Reply made = stranger.createMember("private_cu", ALICE);
        assertThat(made.status()).isEqualTo(422);
        assertThat(made.errorMessage()).contains("private_cu is not a known institution");
        assertThat(stranger.register(Scripted.acme("private_cu")).errorMessage())
                .isEqualTo("$.institution.code: private_cu already exists");
        assertThat(api.get("/sandbox/institutions/private_cu").json().at("/institution/name").asText())
                .isEqualTo("Acme Credit Union");
    }

    @Test
    void a_change_takes_effect_and_a_deleted_institution_keeps_its_members_working() {
        client.registered(Scripted.acme("changing_cu"));
        String member = client.member("changing_cu", Map.of("LOGIN", "x", "PASSWORD", "locked"));
        client.flow.awaitStatus(member, "LOCKED");

        Reply changed = api.put("/sandbox/institutions/changing_cu", Scripted.acme("changing_cu")
                .replace("\"outcome\": \"LOCKED\"", "\"outcome\": \"CONNECTED\"")
                .replace("Acme Credit Union", "Acme Federal"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(api.get("/institutions/changing_cu").json().at("/institution/name").asText())
                .isEqualTo("Acme Federal");
        client.flow.start(member, "aggregate");
        client.flow.awaitStatus(member, "CONNECTED");

        assertThat(api.delete("/sandbox/institutions/changing_cu").status()).isEqualTo(204);
        assertThat(api.get("/institutions/changing_cu").status()).isEqualTo(404);
        assertThat(api.get("/sandbox/institutions/changing_cu").status()).isEqualTo(404);
        assertThat(client.createMember("changing_cu", ALICE).status()).isEqualTo(422);
        assertThat(api.get(client.flow.path(member, "")).json().at("/member/institution_code").asText())
                .isEqualTo("changing_cu");
        client.flow.start(member, "aggregate");
        client.flow.awaitStatus(member, "CONNECTED");

        client.registered(Scripted.acme("changing_cu"));
        assertThat(api.get("/institutions/changing_cu").json().at("/institution/name").asText())
                .isEqualTo("Acme Credit Union");
    }

    @Test
    void a_put_must_keep_the_code_and_the_list_shows_the_clients_own() {
        client.registered(Scripted.acme("listed_cu"));

        Reply renamed = api.put("/sandbox/institutions/listed_cu", Scripted.acme("other_code"));

        assertThat(renamed.status()).isEqualTo(422);
        assertThat(renamed.errorMessage()).isEqualTo(
                "$.institution.code: must be listed_cu, the code of the institution being changed");
        assertThat(api.put("/sandbox/institutions/nothing_here", Scripted.acme("nothing_here")).status())
                .isEqualTo(404);
        assertThat(Scripted.list(api.allPages("/sandbox/institutions", "institutions"), "code")).contains("listed_cu");
    }
}
