package dev.openagg.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of mistake in a scenario is a 422 naming each problem with its JSON path, and nothing is saved. */
class InvalidScenarioTest extends ServerTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void a_scenario_with_a_mistake_is_refused_naming_it_by_its_path(Scripted.Mistake mistake) {
        String code = "bad_" + Math.abs(mistake.name().hashCode());
        String document = mistake.in(code);
        assertThat(document).isNotEqualTo(Scripted.acme(code));

        Reply reply = api.post("/sandbox/institutions", document);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorMessage()).startsWith(mistake.problem()).doesNotContain("; ");
        assertThat(api.get("/institutions/" + code).status()).isEqualTo(404);
    }

    static Stream<Scripted.Mistake> mistakes() {
        return Scripted.MISTAKES.stream();
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
