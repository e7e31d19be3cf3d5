package dev.openagg.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberApiTest extends ServerTest {
    private static final String SECRET = "s3cret-Password-value";

    @Test
    void a_member_carries_exactly_the_fields_of_mx_member_response() {
        Reply reply = api.post(flow.members(), "{\"member\": {\"institution_code\": \"mxbank\", \"id\": \"m-shape\","
                + " \"metadata\": \"meta\", \"skip_aggregation\": true, \"credentials\": ["
                + "{\"guid\": \"" + Flow.LOGIN + "\", \"value\": \"mxuser\"}, {\"guid\": \"" + Flow.PASSWORD + "\", \"value\": \"" + SECRET + "\"}]}}");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode member = reply.json().get("member");
        assertThat(names(member)).containsExactlyInAnyOrder("aggregated_at", "background_aggregation_is_disabled",
                "connection_status", "connection_status_message", "guid", "id", "institution_code",
                "institution_guid", "is_being_aggregated", "is_managed_by_user", "is_manual", "is_oauth", "metadata",
                "most_recent_job_detail_code", "most_recent_job_detail_text", "most_recent_job_guid", "name",
                "needs_updated_credentials", "oauth_window_uri", "successfully_aggregated_at", "use_cases",
                "user_guid", "user_id");
        assertThat(member.get("guid").asText()).startsWith("MBR-");
        assertThat(member.get("connection_status").asText()).isEqualTo("CREATED");
        assertThat(member.get("institution_code").asText()).isEqualTo("mxbank");
        assertThat(member.get("institution_guid").asText()).startsWith("INS-");
        assertThat(member.get("name").asText()).isEqualTo("MX Bank");
        assertThat(member.get("id").asText()).isEqualTo("m-shape");
        assertThat(member.get("metadata").asText()).isEqualTo("meta");
        assertThat(member.get("user_guid").asText()).isEqualTo(flow.userGuid);
        assertThat(member.get("is_being_aggregated").asBoolean()).isFalse();
        assertThat(member.has("has_processed_accounts")).isFalse();
    }

    @Test
    void credential_values_never_appear_in_any_response() {
        String guid = api.post(flow.members(), "{\"member\": {\"institution_code\": \"mxbank\", \"credentials\": ["
                + "{\"guid\": \"" + Flow.LOGIN + "\", \"value\": \"mxuser\"}, {\"guid\": \"" + Flow.PASSWORD + "\", \"value\": \"" + SECRET + "\"}]}}")
                .json().at("/member/guid").asText();
        flow.awaitStatus(guid, "CONNECTED");

        List<Reply> replies = List.of(api.get(flow.path(guid, "")), api.get(flow.members()),
                api.get(flow.path(guid, "status")), api.get(flow.path(guid, "credentials")),
                api.put(flow.path(guid, ""), "{\"member\": {\"metadata\": \"x\"}}"),
                api.post(flow.path(guid, "aggregate"), null));
        for (Reply reply : replies) {
            assertThat(reply.text()).doesNotContain(SECRET).doesNotContain("mxuser");
        }
        JsonNode credentials = api.get(flow.path(guid, "credentials")).json();
        assertThat(credentials.get("credentials")).hasSize(2);
        assertThat(credentials.at("/credentials/0/guid").asText()).isEqualTo(Flow.LOGIN);
        assertThat(credentials.at("/credentials/0/field_name").asText()).isEqualTo("LOGIN");
        assertThat(credentials.at("/credentials/0").has("value")).isFalse();
    }

    @Test
    void create_validates_every_field_and_names_each_problem() {
        Flow own = new Flow(api);
        Reply reply = api.post(own.members(), "{\"member\": {\"credentials\": [{\"guid\": \"CRD-nope\", \"value\": \"x\"}]}}");
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorMessage()).contains("institution_code is required");

        Reply unknownInstitution = api.post(own.members(), "{\"member\": {\"institution_code\": \"nobank\", \"credentials\": []}}");
        assertThat(unknownInstitution.status()).isEqualTo(422);
        assertThat(unknownInstitution.errorMessage()).contains("nobank");

        Reply badCredentials = api.post(own.members(), "{\"member\": {\"institution_code\": \"mxbank\", \"credentials\": ["
                + "{\"guid\": \"CRD-nope\", \"value\": \"x\"}, {\"guid\": \"" + Flow.LOGIN + "\", \"value\": \"\"}]}}");
        assertThat(badCredentials.status()).isEqualTo(422);
        assertThat(badCredentials.errorMessage()).contains("CRD-nope").contains("LOGIN needs a value")
                .contains("PASSWORD").contains("required");

        Reply noCredentials = api.post(own.members(), "{\"member\": {\"institution_code\": \"mxbank\"}}");
        assertThat(noCredentials.status()).isEqualTo(422);
        assertThat(noCredentials.errorMessage()).contains("credentials is required");

        Reply wrongType = api.post(own.members(), "{\"member\": {\"institution_code\": \"mxbank\", \"credentials\": \"x\"}}");
        assertThat(wrongType.status()).isEqualTo(400);

        assertThat(api.get(own.members()).json().at("/pagination/total_entries").asInt()).isZero();
    }

    @Test
    void a_member_of_an_unknown_or_foreign_user_is_404() {
        assertThat(api.post("/users/USR-00000000-0000-4000-8000-000000000000/members", Flow.memberBody("mxuser", "password", true))
                .status()).isEqualTo(404);
        String member = flow.member("password", true);
        Flow otherUser = new Flow(api);
        assertThat(api.get(otherUser.path(member, "")).status()).isEqualTo(404);
        assertThat(api.get(flow.path("MBR-00000000-0000-4000-8000-000000000000", "")).status()).isEqualTo(404);
    }

    @Test
    void update_changes_id_and_metadata_and_reconnects_on_new_credentials() {
        String member = flow.member("password", true);

        Reply details = api.put(flow.path(member, ""), "{\"member\": {\"id\": \"renamed\", \"metadata\": \"m2\"}}");
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.json().at("/member/id").asText()).isEqualTo("renamed");
        assertThat(details.json().at("/member/metadata").asText()).isEqualTo("m2");
        assertThat(details.json().at("/member/connection_status").asText()).isEqualTo("CREATED");

        Reply credentials = api.put(flow.path(member, ""), "{\"member\": {\"credentials\": [{\"guid\": \""
                + Flow.PASSWORD + "\", \"value\": \"challenge\"}]}}");
        assertThat(credentials.status()).isEqualTo(200);
        assertThat(credentials.json().at("/member/is_being_aggregated").asBoolean()).isTrue();
        assertThat(flow.awaitStatus(member, "CHALLENGED").get("challenges")).hasSize(1);

        Reply badGuid = api.put(flow.path(member, ""), "{\"member\": {\"credentials\": [{\"guid\": \"CRD-x\", \"value\": \"v\"}]}}");
        assertThat(badGuid.status()).isEqualTo(422);
    }

    @Test
    void list_members_paginates_and_delete_removes_the_member() {
        Flow own = new Flow(api);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            created.add(own.member("password", true));
        }
        JsonNode page2 = api.get(own.members() + "?records_per_page=10&page=2").json();
        assertThat(page2.get("members")).hasSize(2);
        assertThat(page2.at("/pagination/total_entries").asInt()).isEqualTo(12);

        assertThat(api.delete(own.path(created.get(0), "")).status()).isEqualTo(204);
        assertThat(api.get(own.path(created.get(0), "")).status()).isEqualTo(404);
        assertThat(api.get(own.members()).json().at("/pagination/total_entries").asInt()).isEqualTo(11);
    }

    @Test
    void deleting_a_user_deletes_its_members() {
        Flow own = new Flow(api);
        String member = own.member("challenge", false);
        own.awaitStatus(member, "CHALLENGED");

        assertThat(api.delete("/users/" + own.userGuid).status()).isEqualTo(204);

        assertThat(api.get(own.path(member, "")).status()).isEqualTo(404);
        assertThat(api.get(own.path(member, "status")).status()).isEqualTo(404);
    }

    @Test
    void a_duplicate_member_id_for_the_user_is_409() {
        String body = "{\"member\": {\"institution_code\": \"mxbank\", \"id\": \"same\", \"skip_aggregation\": true, \"credentials\": ["
                + "{\"guid\": \"" + Flow.LOGIN + "\", \"value\": \"mxuser\"}, {\"guid\": \"" + Flow.PASSWORD + "\", \"value\": \"p\"}]}}";
        Flow own = new Flow(api);
        assertThat(api.post(own.members(), body).status()).isEqualTo(200);
        Reply second = api.post(own.members(), body);
        assertThat(second.status()).isEqualTo(409);
        assertThat(api.get(own.members()).json().at("/pagination/total_entries").asInt()).isEqualTo(1);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
