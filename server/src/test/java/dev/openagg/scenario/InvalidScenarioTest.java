package dev.openagg.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of mistake in a scenario is a 422 naming each problem with its JSON path, and nothing is saved. */
class InvalidScenarioTest extends ServerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an unknown field|\"outcome\": \"LOCKED\"|\"outcome\": \"LOCKED\", \"colour\": \"red\""
                    + "|$.institution.logins[1].colour: unknown field",
            "a challenge type that does not exist|\"type\": \"TOKEN\"|\"type\": \"CAPTCHA\""
                    + "|$.institution.logins[0].steps[2].challenges[0].type: CAPTCHA is not one of TEXT, OPTIONS",
            "a status that does not exist|\"outcome\": \"LOCKED\"|\"outcome\": \"SUNNY\""
                    + "|$.institution.logins[1].outcome: SUNNY is not one of PREVENTED, DENIED, REJECTED, LOCKED, CONNECTED",
            "a round without an answer|, \"answer\": \"smith\"|''"
                    + "|$.institution.logins[0].steps[0].challenges[0].answer: is required",
            "an option answer that is not one of its options|\"answer\": \"sms\"|\"answer\": \"fax\""
                    + "|$.institution.logins[0].steps[1].challenges[0].answer: \"fax\" is not the value of one of the options",
            "a wrong-answer rule going nowhere|\"on_wrong_answer\": \"REJECTED\"|\"on_wrong_answer\": \"CONNECTED\""
                    + "|$.institution.on_wrong_answer: CONNECTED is not one of PREVENTED",
            "an account without a balance|\"balance\": 1234.56,|''"
                    + "|$.institution.data.accounts[0].balance: is required",
            "a when naming no credential|\"when\": {\"PASSWORD\": \"locked\"}|\"when\": {\"PIN\": \"1\"}"
                    + "|$.institution.logins[1].when.PIN: is not a credential field_name of this institution"})
    void a_scenario_with_a_mistake_is_refused_naming_it_by_its_path(String mistake, String from, String to,
                                                                   String message) {
        String code = "bad_" + Math.abs(mistake.hashCode());
        String document = Scripted.acme(code).replace(from, to);
        assertThat(document).isNotEqualTo(Scripted.acme(code));

        Reply reply = api.post("/sandbox/institutions", document);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorMessage()).contains(message);
        assertThat(api.get("/institutions/" + code).status()).isEqualTo(404);
    }

    @Test
    void every_problem_is_named_at_once() {
        Reply reply = api.post("/sandbox/institutions", Scripted.acme("many_bad")
                .replace("\"type\": \"TOKEN\"", "\"type\": \"CAPTCHA\"")
                .replace("\"outcome\": \"LOCKED\"", "\"outcome\": \"SUNNY\""));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorMessage().split("; ")).hasSize(2);
    }

    @Test
    void a_duplicate_code_and_a_code_of_a_built_in_institution_are_refused() {
        assertThat(api.post("/sandbox/institutions", Scripted.acme("twice_cu")).status()).isEqualTo(200);

        assertThat(api.post("/sandbox/institutions", Scripted.acme("twice_cu")).errorMessage())
                .isEqualTo("$.institution.code: twice_cu already exists; change it with PUT /sandbox/institutions/twice_cu");
        assertThat(api.post("/sandbox/institutions", Scripted.acme("mxbank")).errorMessage())
                .isEqualTo("$.institution.code: mxbank is the code of a built-in institution");
        assertThat(api.post("/sandbox/institutions", Scripted.acme("custom_scenario")).status()).isEqualTo(422);
        assertThat(api.post("/sandbox/institutions", Scripted.acme("Not A Code")).errorMessage())
                .contains("$.institution.code: \"Not A Code\" must be 1 to 64 lower-case letters");
    }

    @Test
    void a_body_that_is_not_json_is_a_400_and_one_without_institution_a_422() {
        assertThat(api.post("/sandbox/institutions", "{\"institution\": ").status()).isEqualTo(400);
        Reply empty = api.post("/sandbox/institutions", "{}");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.errorMessage()).isEqualTo("$.institution: is required");
        assertThat(api.post("/sandbox/institutions", "[1]").errorMessage()).isEqualTo("$: must be an object");
    }
}
