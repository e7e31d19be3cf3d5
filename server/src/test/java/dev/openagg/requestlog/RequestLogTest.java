package dev.openagg.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.FreshServerTest;
import dev.openagg.support.RawHttp;
import dev.openagg.support.Reply;
import dev.openagg.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class RequestLogTest extends FreshServerTest {
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final String WEBHOOK_PASSWORD = "hook-pw-31d7e";

    private final AtomicInteger sequence = new AtomicInteger();
    private final List<String> sent = new ArrayList<>();

    /** The test client sending the next request with its own id, remembered. */
    private Api next() {
        String id = "t-" + sequence.incrementAndGet();
        sent.add(id);
        return api.withHeader("X-Request-Id", id);
    }

    @Test
    void the_guides_flow_is_logged_request_by_request_with_bodies_and_no_credential_answer_or_secret() {
        String user = next().post("/users", "{\"user\": {\"id\": \"partner-user-1\"}}").json().at("/user/guid").asText();
        Reply created = next().post("/users/" + user + "/members", dev.openagg.support.Flow.memberBody("mxuser", "challenge", true));
        String member = created.json().at("/member/guid").asText();
        assertThat(next().post("/users/" + user + "/members/" + member + "/fetch_tax_documents", null).status()).isEqualTo(202);
        JsonNode challenge = Await.until(() -> next().get("/users/" + user + "/members/" + member + "/status").json(),
                s -> s.at("/member/connection_status").asText().equals("CHALLENGED"), BOUND, "CHALLENGED")
                .at("/member/challenges/0");
        assertThat(next().put("/users/" + user + "/members/" + member + "/resume", "{\"member\": {\"challenges\": [{\"guid\": \""
                + challenge.get("guid").asText() + "\", \"value\": \"correct\"}]}}").status()).isEqualTo(202);
        Await.until(() -> next().get("/users/" + user + "/members/" + member + "/status").json(),
                s -> s.at("/member/connection_status").asText().equals("CONNECTED")
                        && !s.at("/member/is_being_aggregated").asBoolean(), BOUND, "CONNECTED");
        String secret = next().post("/webhooks", "{\"webhook\": {\"url\": \"http://127.0.0.1:9/h\", \"event_types\": [\"MEMBER\"],"
                + " \"username\": \"hooks\",  \"password\": \"" + WEBHOOK_PASSWORD + "\"}}").json().at("/webhook/secret").asText();
        String widgetUrl = next().post("/users/" + user + "/widget_urls", "{\"widget_url\": {\"widget_type\": \"connect_widget\"}}")
                .json().at("/widget_url/url").asText();
        String token = widgetUrl.replaceFirst(".*/", "");
        assertThat(next().get("/users/" + user + "/members/MBR-nobody").header("X-Request-Id")).isEqualTo(sent.get(sent.size() - 1));

        // The fixture's own user, created before the test, is the one more entry.
        JsonNode logged = Await.until(() -> api.get("/requests?records_per_page=100").json(),
                l -> l.at("/pagination/total_entries").asInt() == sent.size() + 1, BOUND, "every request logged");
        List<String> ids = new ArrayList<>();
        logged.get("requests").forEach(r -> ids.add(r.get("request_id").asText()));
        ids.remove(ids.size() - 1);
        assertThat(ids).containsExactlyElementsOf(newestFirst(sent));

        JsonNode creation = api.get("/requests/t-2").json().get("request");
        assertThat(creation.get("method").asText()).isEqualTo("POST");
        assertThat(creation.get("path").asText()).isEqualTo("/users/" + user + "/members");
        assertThat(creation.get("status").asInt()).isEqualTo(200);
        assertThat(creation.get("user_guid").asText()).isEqualTo(user);
        assertThat(creation.get("member_guid").asText()).isEqualTo(member);
        assertThat(creation.get("duration_ms").asInt()).isNotNegative();
        assertThat(creation.get("requested_at").asText()).isEqualTo(dev.openagg.api.Wire.time(server.clock.instant()));
        assertThat(creation.get("request_body").asText()).contains("CRD-9d2f7a3e", "\"value\":\"[redacted]\"");
        assertThat(creation.get("response_body").asText()).contains(member, "\"connection_status\"");
        JsonNode notFound = api.get("/requests/" + sent.get(sent.size() - 1)).json().get("request");
        assertThat(notFound.get("status").asInt()).isEqualTo(404);
        assertThat(notFound.get("response_body").asText()).contains("member not found");
        assertThat(notFound.get("user_guid").asText()).isEqualTo(user);

        assertThat(api.get("/requests?member_guid=" + member + "&records_per_page=100").json()
                .at("/pagination/total_entries").asInt()).isEqualTo(sent.size() - 4);
        assertThat(api.get("/requests?status=404").json().at("/requests/0/request_id").asText())
                .isEqualTo(sent.get(sent.size() - 1));
        assertThat(api.get("/requests?user_guid=" + user + "&status=202").json().at("/pagination/total_entries").asInt())
                .as("the job started and the answer").isEqualTo(2);

        String[] secrets = {"\"mxuser\"", "\"challenge\"", "\"correct\"", WEBHOOK_PASSWORD, secret, token};
        String listed = api.get("/requests?records_per_page=100").text();
        assertThat(listed).doesNotContain(secrets);
        String stored = String.join("\n", (List<String>) Jdbi.create(server.config.jdbcUrl()).withHandle(h -> h.createQuery(
                "SELECT * FROM request_log").map((rs, c) -> {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    return row.toString();
                }).list()));
        assertThat(stored).contains(member, "[redacted]").doesNotContain(secrets);
    }

    private static List<String> newestFirst(List<String> ids) {
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    @Test
    void a_body_sent_in_chunks_is_logged_like_one_sent_with_its_length_and_a_request_without_one_has_none() {
        RawHttp.Response created = RawHttp.send(server.port(), "POST /users HTTP/1.1\r\nHost: localhost\r\n"
                + RawHttp.basic(TestServer.CLIENT_ID, TestServer.API_KEY) + "Accept: application/vnd.mx.api.v1+json\r\n"
                + "Content-Type: application/json\r\nX-Request-Id: chunked-1\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n" + RawHttp.chunked("{\"user\": ", "{\"id\": \"chunked-user\"}}"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(api.withHeader("X-Request-Id", "no-body-1").get("/users").status()).isEqualTo(200);

        JsonNode chunked = Await.until(() -> api.get("/requests/chunked-1"), r -> r.status() == 200, BOUND,
                "the chunked request logged").json().get("request");
        assertThat(chunked.get("request_body").asText()).contains("chunked-user");
        JsonNode bodiless = Await.until(() -> api.get("/requests/no-body-1"), r -> r.status() == 200, BOUND,
                "the request without a body logged").json().get("request");
        assertThat(bodiless.get("request_body").isNull()).as("request_body of a GET").isTrue();
        assertThat(bodiless.get("response_body").asText()).contains("chunked-user");
    }

    @Test
    void filters_that_are_not_valid_are_refused_with_400() {
        for (Map.Entry<String, String> bad : Map.of("status=abc", "status must be an HTTP status, 100 to 599",
                "status=700", "status must be an HTTP status, 100 to 599",
                "from=yesterday", "from must be a UTC time such as 2026-01-31T12:00:00Z",
                "to=2026-13-01", "to must be a UTC time such as 2026-01-31T12:00:00Z",
                "page=x", "page must be a whole number").entrySet()) {
            Reply reply = api.get("/requests?" + bad.getKey());
            assertThat(reply.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(reply.errorMessage()).isEqualTo(bad.getValue());
        }
    }

    @Test
    void a_client_sees_only_its_own_requests() {
        String user = next().post("/users", "{\"user\": {}}").json().at("/user/guid").asText();
        Api bob = server.otherClient("bob");
        Reply bobs = bob.withHeader("X-Request-Id", "bob-1").post("/users", "{\"user\": {}}");
        assertThat(bobs.status()).isEqualTo(200);
        Await.until(() -> bob.get("/requests/bob-1").status(), s -> s == 200, BOUND, "bob's request logged");
        Await.until(() -> api.get("/requests/t-1").status(), s -> s == 200, BOUND, "the test client's request logged");

        assertThat(bob.get("/requests/t-1").status()).isEqualTo(404);
        assertThat(bob.get("/requests/t-1").errorMessage()).isEqualTo("request not found");
        assertThat(api.get("/requests/bob-1").status()).isEqualTo(404);
        assertThat(bob.get("/requests?user_guid=" + user).json().at("/pagination/total_entries").asInt()).isZero();
        JsonNode bobsLog = bob.get("/requests").json();
        assertThat(bobsLog.at("/pagination/total_entries").asInt()).isEqualTo(1);
        assertThat(bobsLog.at("/requests/0/request_id").asText()).isEqualTo("bob-1");
    }

    @Test
    void requests_older_than_the_retention_are_pruned_by_the_servers_clock() {
        next().post("/users", "{\"user\": {}}");
        Await.until(() -> api.get("/requests/t-1").status(), s -> s == 200, BOUND, "the request logged");
        server.clock.advance(Duration.ofDays(6));
        next().post("/users", "{\"user\": {}}");
        Await.until(() -> api.get("/requests/t-2").status(), s -> s == 200, BOUND, "the second request logged");
        assertThat(api.get("/requests/t-1").status()).as("six days old, within the seven kept").isEqualTo(200);

        server.clock.advance(Duration.ofDays(1).plusMinutes(11));
        Await.until(() -> api.get("/requests/t-1").status(), s -> s == 404, BOUND, "the week-old request pruned");
        assertThat(api.get("/requests/t-2").status()).isEqualTo(200);
        assertThat(api.get("/requests").json().at("/requests/0/request_id").asText()).isEqualTo("t-2");
        assertThat(api.get("/requests").json().at("/pagination/total_entries").asInt()).isEqualTo(1);
    }
}
