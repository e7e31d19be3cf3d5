package dev.openagg.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import dev.openagg.support.Widgets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API the widget page calls, driven over HTTP without a browser: it works on the same members, with the same
 * engine and rules, as the MX API, and reaches only its session's user.
 */
class WidgetApiTest extends ServerTest {
    private static final Duration BOUND = Duration.ofSeconds(15);
    private Widgets widgets;

    @BeforeAll
    void widgets() {
        widgets = new Widgets(api);
    }

    private Api session() {
        return widgets.session(widgets.open(widgets.url(flow.userGuid, "")));
    }

    private static String newMember(String password) {
        return Flow.memberBody("mxuser", password, false);
    }

    private JsonNode awaitWidgetStatus(Api page, String member, String status) {
        return Await.until(() -> page.get("/widget/api/members/" + member).json().get("member"),
                m -> m.get("connection_status").asText().equals(status), BOUND, member + " " + status + " in the widget");
    }

    @Test
    void a_member_connected_in_the_widget_is_the_member_the_mx_api_sees() {
        Api page = session();
        Reply created = page.post("/widget/api/members", newMember("challenge"));
        String member = created.json().at("/member/guid").asText();

        JsonNode challenged = awaitWidgetStatus(page, member, "CHALLENGED");
        JsonNode fromApi = flow.awaitStatus(member, "CHALLENGED");
        Reply resumed = page.put("/widget/api/members/" + member + "/resume", "{\"member\": {\"challenges\": [{\"guid\": \""
                + challenged.at("/challenges/0/guid").asText() + "\", \"value\": \"correct\"}]}}");
        JsonNode connected = flow.awaitStatus(member, "CONNECTED");

        assertThat(created.status()).isEqualTo(202);
        assertThat(api.get(flow.members()).json().findValuesAsText("guid")).contains(member);
        assertThat(challenged.get("challenges")).isEqualTo(fromApi.get("challenges"));
        assertThat(challenged.get("connection_status_id").asInt()).isEqualTo(3);
        assertThat(challenged.get("connection_status_message").asText()).contains("MX Bank");
        assertThat(challenged.get("institution_name").asText()).isEqualTo("MX Bank");
        assertThat(resumed.status()).isEqualTo(202);
        assertThat(resumed.json().at("/member/connection_status").asText()).isEqualTo("RESUMED");
        assertThat(connected.get("is_authenticated").asBoolean()).isTrue();
        assertThat(page.get("/widget/api/session").json().at("/session/member_guid").asText()).isEqualTo(member);
        JsonNode accounts = page.get("/widget/api/members/" + member + "/accounts").json();
        assertThat(accounts.get("accounts")).hasSize(4);
        assertThat(accounts.findValuesAsText("member_guid")).containsOnly(member);
        assertThat(accounts.at("/accounts/0").has("balance")).isTrue();
    }

    @Test
    void the_widget_answers_with_the_apis_rules_and_errors() {
        Api page = session();
        String member = page.post("/widget/api/members", newMember("password")).json().at("/member/guid").asText();
        flow.awaitStatus(member, "CONNECTED");

        Reply notChallenged = page.put("/widget/api/members/" + member + "/resume",
                "{\"member\": {\"challenges\": [{\"guid\": \"CRD-x\", \"value\": \"correct\"}]}}");
        Reply noCredentials = page.post("/widget/api/members", "{\"member\": {\"institution_code\": \"mxbank\"}}");
        Reply noInstitution = page.post("/widget/api/members", "{\"member\": {\"institution_code\": \"nobank\", \"credentials\": []}}");
        Reply emptyUpdate = page.put("/widget/api/members/" + member + "/credentials", "{\"member\": {\"credentials\": []}}");
        Reply malformed = page.post("/widget/api/members", "{\"member\": ");

        assertThat(notChallenged.status()).isEqualTo(409);
        assertThat(notChallenged.errorMessage()).isEqualTo(
                flow.resume(member, "CRD-x", "correct").errorMessage());
        assertThat(noCredentials.status()).isEqualTo(422);
        assertThat(noCredentials.errorMessage()).contains("member.credentials is required");
        assertThat(noInstitution.status()).isEqualTo(422);
        assertThat(noInstitution.errorMessage()).contains("nobank is not a known institution");
        assertThat(emptyUpdate.status()).isEqualTo(422);
        assertThat(malformed.status()).isEqualTo(400);
    }

    @Test
    void denied_credentials_are_updated_through_the_same_member_service() {
        Api page = session();
        String member = page.post("/widget/api/members", newMember("UNAUTHORIZED")).json().at("/member/guid").asText();
        awaitWidgetStatus(page, member, "DENIED");

        Reply updated = page.put("/widget/api/members/" + member + "/credentials", "{\"member\": {\"credentials\": [{\"guid\": \""
                + Flow.PASSWORD + "\", \"value\": \"password\"}]}}");

        assertThat(updated.status()).isEqualTo(202);
        assertThat(flow.awaitStatus(member, "CONNECTED").get("is_authenticated").asBoolean()).isTrue();
        assertThat(api.get(flow.members()).json().findValuesAsText("guid")).containsOnlyOnce(member);
    }

    @Test
    void a_rejected_member_is_retried_with_a_new_job_and_new_challenge() {
        Api page = session();
        String member = page.post("/widget/api/members", newMember("challenge")).json().at("/member/guid").asText();
        String first = awaitWidgetStatus(page, member, "CHALLENGED").at("/challenges/0/guid").asText();
        page.put("/widget/api/members/" + member + "/resume",
                "{\"member\": {\"challenges\": [{\"guid\": \"" + first + "\", \"value\": \"wrong\"}]}}");
        awaitWidgetStatus(page, member, "REJECTED");

        Reply retried = page.post("/widget/api/members/" + member + "/retry", null);
        String second = awaitWidgetStatus(page, member, "CHALLENGED").at("/challenges/0/guid").asText();

        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().at("/member/is_being_aggregated").asBoolean()).isTrue();
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void a_session_reaches_only_its_own_users_members() {
        Api page = session();
        Flow someoneElse = new Flow(api);
        String theirs = someoneElse.member("password", true);

        assertThat(page.get("/widget/api/members/" + theirs).status()).isEqualTo(404);
        assertThat(page.get("/widget/api/members/" + theirs + "/accounts").status()).isEqualTo(404);
        assertThat(page.post("/widget/api/members/" + theirs + "/retry", null).status()).isEqualTo(404);
        assertThat(api.withAuthorization("Bearer not-a-session").get("/widget/api/session").status()).isEqualTo(401);
        assertThat(api.withAuthorization(null).get("/widget/api/institutions").status()).isEqualTo(401);
    }

    @Test
    void institutions_are_searched_by_name_in_mxs_shape() {
        Api page = session();

        JsonNode found = page.get("/widget/api/institutions?name=mx%20b").json();
        JsonNode none = page.get("/widget/api/institutions?name=zzz").json();
        JsonNode credentials = page.get("/widget/api/institutions/mxbank/credentials").json();

        assertThat(found.at("/institutions/0/code").asText()).isEqualTo("mxbank");
        assertThat(found.at("/institutions/0/name").asText()).isEqualTo("MX Bank");
        assertThat(found.findValuesAsText("code")).containsExactly("mxbank", "mx_bank_oauth");
        assertThat(none.get("institutions")).isEmpty();
        assertThat(credentials.findValuesAsText("guid")).containsExactly(Flow.LOGIN, Flow.PASSWORD);
        assertThat(page.get("/widget/api/institutions/nobank").status()).isEqualTo(404);
    }
}
