package dev.openagg.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The log's entries, written in multi-row batches, read back alike from both databases, empty fields included. */
class RequestLogDatabasesTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final int REQUESTS = 250;

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void entries_of_more_than_one_batch_are_stored_whole_on_each_database(String db) {
        try (TestServer server = TestServer.start(TestServer.config(db))) {
            Api api = server.api();
            String user = api.withHeader("X-Request-Id", "first").post("/users", "{\"user\": {\"id\": \"db-user\"}}")
                    .json().at("/user/guid").asText();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String id = "read-" + i;
                ids.add(id);
                assertThat(api.withHeader("X-Request-Id", id).get("/users/" + user + "?n=" + i).status()).isEqualTo(200);
            }
            api.withHeader("X-Request-Id", "missing").get("/users/USR-nobody");

            Await.until(() -> api.get("/requests").json().at("/pagination/total_entries").asInt(),
                    n -> n == REQUESTS + 2, BOUND, "every request logged");
            List<String> logged = new ArrayList<>();
            for (int page = 1; page <= 3; page++) {
                api.get("/requests?records_per_page=100&page=" + page).json().get("requests")
                        .forEach(r -> logged.add(r.get("request_id").asText()));
            }
            assertThat(logged).hasSize(REQUESTS + 2).containsAll(ids).contains("first", "missing");

            JsonNode created = api.get("/requests/first").json().get("request");
            assertThat(created.get("method").asText()).isEqualTo("POST");
            assertThat(created.get("query").isNull()).isTrue();
            assertThat(created.get("member_guid").isNull()).isTrue();
            assertThat(created.get("user_guid").asText()).isEqualTo(user);
            assertThat(created.get("request_body").asText()).contains("db-user");
            JsonNode read = api.get("/requests/read-7").json().get("request");
            assertThat(read.get("query").asText()).isEqualTo("n=7");
            assertThat(read.get("request_body").isNull()).isTrue();
            assertThat(read.get("response_body").asText()).contains(user);
            assertThat(read.get("requested_at").asText()).endsWith("Z");
            JsonNode missing = api.get("/requests/missing").json().get("request");
            assertThat(missing.get("status").asInt()).isEqualTo(404);
            assertThat(missing.get("user_guid").asText()).as("the user the path named").isEqualTo("USR-nobody");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void narrowing_to_a_member_lists_its_requests_alone_newest_first_on_each_database(String db) {
        try (TestServer server = TestServer.start(TestServer.config(db))) {
            Api api = server.api();
            Flow flow = new Flow(api);
            String first = flow.member("password", true);
            String second = flow.member("password", true);
            for (int i = 0; i < 3; i++) {
                for (String member : List.of(first, second)) {
                    assertThat(api.withHeader("X-Request-Id", member + "-" + i).get(flow.path(member, "status")).status())
                            .isEqualTo(200);
                }
            }

            JsonNode listed = Await.until(() -> api.get("/requests?member_guid=" + first).json(),
                    j -> j.at("/pagination/total_entries").asInt() == 4, BOUND, "the first member's requests logged");

            List<String> ids = new ArrayList<>();
            listed.get("requests").forEach(r -> {
                assertThat(r.get("member_guid").asText()).isEqualTo(first);
                ids.add(r.get("request_id").asText());
            });
            assertThat(ids).hasSize(4).startsWith(first + "-2", first + "-1", first + "-0");
            assertThat(api.get("/requests?member_guid=MBR-none").json().at("/pagination/total_entries").asInt()).isZero();
        }
    }

}
