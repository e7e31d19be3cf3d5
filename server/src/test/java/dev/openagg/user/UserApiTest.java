package dev.openagg.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import dev.openagg.support.TestServer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserApiTest extends ServerTest {

    @Test
    void create_returns_the_user_in_mx_shape() {
        Reply reply = api.post("/users", "{\"user\": {\"id\": \"u-create\", \"email\": \"a@example.com\", \"metadata\": \"{\\\"x\\\":1}\"}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/vnd.mx.api.v1+json");
        JsonNode user = reply.json().get("user");
        assertThat(fieldNames(user)).containsExactlyInAnyOrder("email", "guid", "id", "is_disabled", "metadata");
        assertThat(user.get("guid").asText()).matches("USR-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(user.get("id").asText()).isEqualTo("u-create");
        assertThat(user.get("email").asText()).isEqualTo("a@example.com");
        assertThat(user.get("is_disabled").asBoolean()).isFalse();
        assertThat(user.get("metadata").asText()).isEqualTo("{\"x\":1}");
    }

    @Test
    void absent_fields_are_null_not_missing() {
        JsonNode user = api.post("/users", "{\"user\": {}}").json().get("user");

        assertThat(user.has("email")).isTrue();
        assertThat(user.get("email").isNull()).isTrue();
        assertThat(user.get("id").isNull()).isTrue();
    }

    @Test
    void read_update_and_delete_a_user() {
        String guid = api.post("/users", "{\"user\": {\"id\": \"u-rud\"}}").json().at("/user/guid").asText();

        assertThat(api.get("/users/" + guid).json().at("/user/id").asText()).isEqualTo("u-rud");

        Reply updated = api.put("/users/" + guid, "{\"user\": {\"email\": \"new@example.com\", \"is_disabled\": true}}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().at("/user/email").asText()).isEqualTo("new@example.com");
        assertThat(updated.json().at("/user/is_disabled").asBoolean()).isTrue();
        assertThat(updated.json().at("/user/id").asText()).isEqualTo("u-rud");

        Reply deleted = api.delete("/users/" + guid);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.bytes()).isEmpty();
        Reply gone = api.get("/users/" + guid);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorMessage()).contains("user");
    }

    @Test
    void a_duplicate_id_within_the_client_is_409_and_nothing_is_written() {
        api.post("/users", "{\"user\": {\"id\": \"u-dup\"}}");

        Reply second = api.post("/users", "{\"user\": {\"id\": \"u-dup\", \"email\": \"other@example.com\"}}");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorMessage()).contains("u-dup");
        assertThat(api.get("/users?id=u-dup").json().at("/pagination/total_entries").asInt()).isEqualTo(1);
    }

    @Test
    void updating_to_another_users_id_is_409() {
        api.post("/users", "{\"user\": {\"id\": \"u-taken\"}}");
        String guid = api.post("/users", "{\"user\": {\"id\": \"u-free\"}}").json().at("/user/guid").asText();

        Reply reply = api.put("/users/" + guid, "{\"user\": {\"id\": \"u-taken\"}}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(api.get("/users/" + guid).json().at("/user/id").asText()).isEqualTo("u-free");
    }

    @Test
    void malformed_json_and_wrong_types_are_400_with_the_error_body() {
        Reply malformed = api.post("/users", "{\"user\": {");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorMessage()).contains("JSON");

        Reply wrongType = api.post("/users", "{\"user\": {\"is_disabled\": \"yes\"}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorMessage()).contains("is_disabled");

        Reply numberForString = api.post("/users", "{\"user\": {\"email\": 5}}");
        assertThat(numberForString.status()).isEqualTo(400);
        assertThat(numberForString.errorMessage()).contains("email");

        Reply noRoot = api.post("/users", "{\"email\": \"a@example.com\"}");
        assertThat(noRoot.status()).isEqualTo(400);
        assertThat(noRoot.errorMessage()).contains("\"user\"");
    }

    @Test
    void missing_or_wrong_credentials_are_401() {
        Reply none = api.withAuthorization(null).get("/users");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.errorMessage()).contains("api_key");

        Reply wrong = new Api(server.port(), TestServer.CLIENT_ID, "not-the-key").get("/users");
        assertThat(wrong.status()).isEqualTo(401);

        Reply garbage = api.withAuthorization("Basic !!!").get("/users");
        assertThat(garbage.status()).isEqualTo(401);
    }

    @Test
    void accept_headers_mx_clients_send_are_served_and_others_are_406() {
        assertThat(api.withHeader("Accept", "application/json").get("/users").status()).isEqualTo(200);
        assertThat(api.withHeader("Accept", "*/*").get("/users").status()).isEqualTo(200);
        assertThat(api.withHeader("Accept", null).get("/users").status()).isEqualTo(200);

        Reply xml = api.withHeader("Accept", "application/xml").get("/users");
        assertThat(xml.status()).isEqualTo(406);
        assertThat(xml.errorMessage()).contains("application/vnd.mx.api.v1+json");
    }

    @Test
    void unknown_user_and_unknown_path_are_404() {
        assertThat(api.get("/users/USR-00000000-0000-4000-8000-000000000000").status()).isEqualTo(404);
        Reply path = api.get("/no/such/thing");
        assertThat(path.status()).isEqualTo(404);
        assertThat(path.errorMessage()).contains("/no/such/thing");
    }

    @Test
    void list_filters_by_id_email_and_is_disabled() {
        api.post("/users", "{\"user\": {\"id\": \"f-1\", \"email\": \"f@example.com\", \"is_disabled\": true}}");
        api.post("/users", "{\"user\": {\"id\": \"f-2\", \"email\": \"f@example.com\"}}");

        assertThat(ids(api.get("/users?email=f@example.com").json())).containsExactly("f-1", "f-2");
        assertThat(ids(api.get("/users?email=f@example.com&is_disabled=true").json())).containsExactly("f-1");
        assertThat(ids(api.get("/users?id=f-2").json())).containsExactly("f-2");
        assertThat(api.get("/users?is_disabled=maybe").status()).isEqualTo(400);
    }

    @Test
    void sixty_users_page_by_twenty_five_then_by_custom_sizes() {
        Api other = separateClient();
        for (int i = 0; i < 60; i++) {
            assertThat(other.post("/users", "{\"user\": {\"id\": \"p-" + i + "\"}}").status()).isEqualTo(200);
        }

        JsonNode first = other.get("/users").json();
        assertThat(first.get("users")).hasSize(25);
        assertThat(first.get("pagination").toString())
                .isEqualTo("{\"current_page\":1,\"per_page\":25,\"total_entries\":60,\"total_pages\":3}");
        JsonNode third = other.get("/users?page=3").json();
        assertThat(ids(third)).hasSize(10).startsWith("p-50").endsWith("p-59");

        List<String> all = new ArrayList<>();
        for (int page = 1; page <= 6; page++) {
            all.addAll(ids(other.get("/users?records_per_page=10&page=" + page).json()));
        }
        assertThat(all).hasSize(60).doesNotHaveDuplicates();

        JsonNode past = other.get("/users?page=9").json();
        assertThat(past.get("users")).isEmpty();
        assertThat(past.at("/pagination/current_page").asInt()).isEqualTo(9);
        assertThat(past.at("/pagination/total_entries").asInt()).isEqualTo(60);

        assertThat(other.get("/users?records_per_page=5").json().at("/pagination/per_page").asInt()).isEqualTo(25);
        assertThat(other.get("/users?records_per_page=500").json().get("users")).hasSize(25);
        assertThat(other.get("/users?page=abc").status()).isEqualTo(400);
    }

    @Test
    void another_clients_user_does_not_exist() {
        String guid = api.post("/users", "{\"user\": {\"id\": \"mine\"}}").json().at("/user/guid").asText();
        Api other = separateClient();

        assertThat(other.get("/users/" + guid).status()).isEqualTo(404);
        assertThat(other.put("/users/" + guid, "{\"user\": {\"email\": \"x@example.com\"}}").status()).isEqualTo(404);
        assertThat(other.delete("/users/" + guid).status()).isEqualTo(404);
        assertThat(ids(other.get("/users?id=mine").json())).isEmpty();
        assertThat(api.get("/users/" + guid).status()).isEqualTo(200);
    }

    @Test
    void an_empty_form_encoded_post_is_read_as_an_empty_body() {
        Reply reply = api.withHeader("Content-Type", "application/x-www-form-urlencoded").post("/users", null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("request body is required");
    }

    private Api separateClient() {
        return server.otherClient("other-" + System.nanoTime());
    }

    private static List<String> ids(JsonNode listing) {
        List<String> ids = new ArrayList<>();
        listing.get("users").forEach(u -> ids.add(u.get("id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
