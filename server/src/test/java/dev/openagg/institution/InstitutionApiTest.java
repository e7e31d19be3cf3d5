package dev.openagg.institution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Flow;
import dev.openagg.support.ServerTest;
import org.junit.jupiter.api.Test;

class InstitutionApiTest extends ServerTest {

    @Test
    void mx_bank_is_listed_and_found_by_name() {
        JsonNode all = api.get("/institutions").json();
        assertThat(all.get("institutions").findValuesAsText("code")).contains("mxbank");
        assertThat(all.at("/pagination/current_page").asInt()).isEqualTo(1);

        assertThat(api.get("/institutions?name=mx%20bank").json().get("institutions").findValuesAsText("code"))
                .containsExactly("mxbank", "mx_bank_oauth");
        assertThat(api.get("/institutions?name=nothing-like-it").json().get("institutions")).isEmpty();
        assertThat(api.get("/institutions?supports_tax_document=true").json().get("institutions").findValuesAsText("code"))
                .contains("mxbank");
        assertThat(api.get("/institutions?supports_tax_document=false").json().get("institutions").findValuesAsText("code"))
                .doesNotContain("mxbank");
        assertThat(api.get("/institutions?supports_account_statement=maybe").status()).isEqualTo(400);
    }

    @Test
    void reading_mx_bank_gives_the_institution_response_fields() {
        JsonNode institution = api.get("/institutions/mxbank").json().get("institution");

        assertThat(institution.get("code").asText()).isEqualTo("mxbank");
        assertThat(institution.get("name").asText()).isEqualTo("MX Bank");
        assertThat(institution.get("supports_tax_document").asBoolean()).isTrue();
        assertThat(institution.get("supports_account_statement").asBoolean()).isTrue();
        assertThat(institution.has("forgot_password_url")).isTrue();
        assertThat(institution.size()).isEqualTo(15);
    }

    @Test
    void mx_bank_has_a_login_and_a_password_field_with_stable_guids() {
        JsonNode credentials = api.get("/institutions/mxbank/credentials").json().get("credentials");

        assertThat(credentials).hasSize(2);
        assertThat(credentials.get(0).get("field_name").asText()).isEqualTo("LOGIN");
        assertThat(credentials.get(0).get("guid").asText()).isEqualTo(Flow.LOGIN);
        assertThat(credentials.get(0).get("display_order").asInt()).isEqualTo(1);
        assertThat(credentials.get(1).get("field_name").asText()).isEqualTo("PASSWORD");
        assertThat(credentials.get(1).get("guid").asText()).isEqualTo(Flow.PASSWORD);
        assertThat(credentials.get(1).get("type").asText()).isEqualTo("PASSWORD");
    }

    @Test
    void an_unknown_institution_is_404() {
        assertThat(api.get("/institutions/nobank").status()).isEqualTo(404);
        assertThat(api.get("/institutions/nobank/credentials").errorMessage()).contains("institution");
    }
}
