package dev.openagg.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import org.junit.jupiter.api.Test;

/** Both of MX's API versions from one server: how a request picks one, and what differs between them. */
class ApiVersionTest extends ServerTest {
    private static final String V1_JSON = "application/vnd.mx.api.v1+json";
    private static final String BETA_JSON = "application/vnd.mx.api.v2beta+json";

    @Test
    void accept_version_chooses_the_version_and_wins_over_accept() {
        assertVersion(api, "v20111101");
        assertVersion(api.withHeader("Accept", null), "v20111101");
        assertVersion(api.withHeader("Accept", "application/json"), "v20111101");
        assertVersion(api.withHeader("Accept", "*/*"), "v20111101");
        assertVersion(api.inVersion("v20250224"), "v20250224");
        assertVersion(api.withHeader("Accept", "application/json").inVersion("v20250224"), "v20250224");
        assertVersion(api.withHeader("Accept", BETA_JSON), "v20250224");
        assertVersion(api.withHeader("Accept", BETA_JSON).inVersion("v20111101"), "v20111101");
    }

    @Test
    void an_unknown_accept_version_is_406_in_mx_error_shape() {
        Reply reply = api.inVersion("v20990101").get("/institutions/mxbank");

        assertThat(reply.status()).isEqualTo(406);
        assertThat(reply.errorMessage()).contains("v20990101").contains("v20250224").contains("v20111101");
        assertThat(reply.json().size()).isEqualTo(1);
    }

    @Test
    void a_v20111101_member_after_a_job_has_a_null_most_recent_job_guid_and_v20250224_has_the_guid() {
        String member = flow.member("password", false);
        flow.awaitStatus(member, "CONNECTED");

        JsonNode old = api.get(flow.path(member, "")).json().get("member");
        JsonNode current = api.inVersion("v20250224").get(flow.path(member, "")).json().get("member");

        assertThat(old.has("most_recent_job_guid")).isTrue();
        assertThat(old.get("most_recent_job_guid").isNull()).isTrue();
        assertThat(current.get("most_recent_job_guid").asText()).startsWith("JOB-");
        assertThat(old.get("connection_status").asText()).isEqualTo(current.get("connection_status").asText());
        JsonNode listed = api.get(flow.members()).json().at("/members/0");
        assertThat(listed.get("most_recent_job_guid").isNull()).isTrue();
        JsonNode started = api.inVersion("v20250224").post(flow.path(member, "aggregate"), null).json().get("member");
        assertThat(started.get("most_recent_job_guid").asText()).startsWith("JOB-")
                .isNotEqualTo(current.get("most_recent_job_guid").asText());
    }

    @Test
    void institutions_carry_supports_flags_in_v20111101_and_supported_products_in_v20250224() {
        JsonNode old = api.get("/institutions/mxbank").json().get("institution");
        JsonNode current = api.inVersion("v20250224").get("/institutions/mxbank").json().get("institution");

        assertThat(old.get("supports_account_verification").asBoolean()).isTrue();
        assertThat(old.has("supported_products")).isFalse();
        assertThat(current.has("supports_account_verification")).isFalse();
        assertThat(current.get("guid").asText()).startsWith("INS-");
        assertThat(current.get("supported_products")).extracting(JsonNode::asText).containsExactly(
                "account_verification", "identity_verification", "transactions", "transaction_history", "statements",
                "investments");
        Api v2025 = api.inVersion("v20250224");
        assertThat(v2025.get("/institutions?supported_products=account_verification&supported_products=history")
                .json().get("institutions")).extracting(i -> i.get("code").asText()).contains("mxbank");
        assertThat(v2025.get("/institutions?supported_products=rewards").json().get("institutions")).isEmpty();
        assertThat(v2025.get("/institutions?supported_products=mortgages").status()).isEqualTo(400);
    }

    @Test
    void v20250224_names_users_members_and_accounts_by_guid_or_id_where_its_spec_allows() {
        Api v2025 = api.inVersion("v20250224");
        String user = v2025.post("/users", "{\"user\": {\"id\": \"partner-user-ids\"}}").json().at("/user/guid").asText();
        String member = connectedMemberNamedById(v2025, user, "partner-user-ids", "partner-member-ids");

        assertThat(v2025.get("/users/partner-user-ids").json().at("/user/guid").asText()).isEqualTo(user);
        assertThat(v2025.get("/users/partner-user-ids/members/partner-member-ids/status").json()
                .at("/member/guid").asText()).isEqualTo(member);
        JsonNode accounts = v2025.get("/users/partner-user-ids/members/partner-member-ids/accounts").json().get("accounts");
        String accountId = accounts.get(0).get("id").asText();
        String accountGuid = accounts.get(0).get("guid").asText();
        assertThat(v2025.get("/users/partner-user-ids/members/partner-member-ids/accounts/" + accountId).json()
                .at("/account/guid").asText()).isEqualTo(accountGuid);
        assertThat(v2025.get("/users/" + user + "/members/" + member + "/accounts/" + accountGuid).status()).isEqualTo(200);

        // v20111101 and the paths v20250224 keeps guid-only take the guid alone.
        assertThat(api.get("/users/partner-user-ids").status()).isEqualTo(404);
        assertThat(api.get("/users/" + user + "/members/partner-member-ids").status()).isEqualTo(404);
        assertThat(v2025.get("/users/partner-user-ids/accounts/" + accountGuid).status()).isEqualTo(404);
        assertThat(v2025.get("/users/" + user + "/accounts/" + accountId).status()).isEqualTo(404);
        assertThat(v2025.get("/users/" + user + "/members/partner-member-ids/statements").status()).isEqualTo(404);
        assertThat(v2025.get("/users/" + user + "/accounts/" + accountGuid).status()).isEqualTo(200);
    }

    @Test
    void a_user_s_new_id_names_its_members_at_once_and_its_old_id_no_longer_does() {
        Api v2025 = api.inVersion("v20250224");
        String user = v2025.post("/users", "{\"user\": {\"id\": \"id-before\"}}").json().at("/user/guid").asText();
        String member = connectedMemberNamedById(v2025, user, "id-before", "member-of-renamed");
        assertThat(api.get("/users/" + user + "/members/" + member).json().at("/member/user_id").asText())
                .isEqualTo("id-before");

        assertThat(api.put("/users/" + user, "{\"user\": {\"id\": \"id-after\"}}").status()).isEqualTo(200);

        assertThat(api.get("/users/" + user + "/members/" + member).json().at("/member/user_id").asText())
                .isEqualTo("id-after");
        assertThat(api.get("/users/" + user + "/members").json().at("/members/0/user_id").asText()).isEqualTo("id-after");
        assertThat(v2025.get("/users/id-after/members/" + member + "/status").json().at("/member/guid").asText())
                .isEqualTo(member);
        assertThat(v2025.get("/users/id-after/members/member-of-renamed/status").json().at("/member/guid").asText())
                .isEqualTo(member);
        assertThat(v2025.get("/users/id-before/members/" + member + "/status").status()).isEqualTo(404);
        assertThat(v2025.get("/users/id-before/members/member-of-renamed").status()).isEqualTo(404);

        // Another client naming the same user and member, by guid or by id, finds nothing.
        Api other = server.otherClient("renamed-other").inVersion("v20250224");
        other.post("/users", "{\"user\": {\"id\": \"id-after\"}}");
        assertThat(other.get("/users/id-after/members/" + member + "/status").status()).isEqualTo(404);
        assertThat(other.get("/users/id-after/members/member-of-renamed/status").status()).isEqualTo(404);
        assertThat(other.get("/users/" + user + "/members/" + member + "/status").status()).isEqualTo(404);
    }

    @Test
    void data_request_products_choose_the_job_that_runs_after_connecting() {
        Reply created = api.inVersion("v20250224").post(flow.members(), memberBody(
                ", \"data_request\": {\"products\": [\"transactions\", \"account_verification\"]}"));

        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String member = created.json().at("/member/guid").asText();
        flow.awaitStatus(member, "CONNECTED");
        assertThat(flow.status(member).get("has_processed_account_numbers").asBoolean()).isTrue();
        assertThat(api.get(flow.path(member, "account_numbers")).json().get("account_numbers")).isNotEmpty();
    }

    @Test
    void data_request_products_outside_mx_enum_or_not_offered_are_422() {
        Api v2025 = api.inVersion("v20250224");
        Reply unknown = v2025.post(flow.members(), memberBody(", \"data_request\": {\"products\": [\"mortgages\"]}"));
        Reply rewards = v2025.post(flow.members(), memberBody(", \"data_request\": {\"products\": [\"rewards\"]}"));
        Reply missing = v2025.post(flow.members(), memberBody(", \"data_request\": {}"));
        Reply wrongType = v2025.post(flow.members(), memberBody(", \"data_request\": [\"statements\"]"));

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.errorMessage()).contains("mortgages");
        assertThat(rewards.status()).isEqualTo(422);
        assertThat(rewards.errorMessage()).contains("rewards").contains("not offered");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(api.get(flow.members()).json().get("members")).extracting(m -> m.get("guid").asText())
                .doesNotContain("");
    }

    @Test
    void skip_aggregation_which_v20250224_removed_is_ignored_there() {
        Reply old = api.post(flow.members(), Flow.memberBody("mxuser", "password", true));
        Reply current = api.inVersion("v20250224").post(flow.members(), Flow.memberBody("mxuser", "password", true));

        assertThat(old.status()).isEqualTo(200);
        assertThat(old.json().at("/member/is_being_aggregated").asBoolean()).isFalse();
        assertThat(current.status()).isEqualTo(202);
        assertThat(current.json().at("/member/is_being_aggregated").asBoolean()).isTrue();
        flow.awaitStatus(current.json().at("/member/guid").asText(), "CONNECTED");
    }

    @Test
    void connect_widget_url_which_v20250224_removed_is_404_there() {
        Reply current = api.inVersion("v20250224").post("/users/" + flow.userGuid + "/connect_widget_url", "{}");

        assertThat(current.status()).isEqualTo(404);
        assertThat(current.errorMessage()).contains("widget_urls");
        assertThat(api.post("/users/" + flow.userGuid + "/connect_widget_url", "{\"config\": {}}").status()).isEqualTo(200);
    }

    @Test
    void replies_are_utf8_in_both_versions() {
        for (Api client : new Api[] {api, api.inVersion("v20250224")}) {
            Reply reply = client.post("/users", "{\"user\": {\"metadata\": \"café ✓\"}}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().at("/user/metadata").asText()).isEqualTo("café ✓");
        }
    }

    private static String memberBody(String beside) {
        String body = Flow.memberBody("mxuser", "password", false);
        return body.substring(0, body.length() - 1) + beside + "}";
    }

    /** A member created in v20250224 under the user named by its id, given an id of its own, once CONNECTED. */
    private String connectedMemberNamedById(Api v2025, String userGuid, String userId, String memberId) {
        Reply created = v2025.post("/users/" + userId + "/members", "{\"member\": {\"institution_code\": \"mxbank\","
                + " \"id\": \"" + memberId + "\", \"credentials\": [{\"guid\": \"" + Flow.LOGIN + "\", \"value\": \"mxuser\"},"
                + " {\"guid\": \"" + Flow.PASSWORD + "\", \"value\": \"password\"}]}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String member = created.json().at("/member/guid").asText();
        new Flow(api, userGuid).awaitStatus(member, "CONNECTED");
        return member;
    }

    private static void assertVersion(Api client, String version) {
        Reply reply = client.get("/institutions/mxbank");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        boolean current = reply.json().get("institution").has("supported_products");
        assertThat(current ? "v20250224" : "v20111101").isEqualTo(version);
        assertThat(reply.header("Content-Type")).startsWith(current ? "application/json" : V1_JSON);
    }
}
