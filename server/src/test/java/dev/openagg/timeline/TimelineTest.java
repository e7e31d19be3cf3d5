package dev.openagg.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Await;
import dev.openagg.support.FreshServerTest;
import dev.openagg.support.Receiver;
import dev.openagg.support.Reply;
import dev.openagg.support.Webhook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest extends FreshServerTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void the_guides_member_shows_its_job_challenge_answer_data_statuses_and_webhooks_in_order() {
        try (Receiver receiver = Receiver.start()) {
            receiver.failNext(1);
            Webhook.register(api, receiver.url(), true);
            String member = flow.member("challenge", true);
            Reply started = api.withHeader("X-Request-Id", "tl-start").post(flow.path(member, "fetch_tax_documents"), null);
            assertThat(started.status()).isEqualTo(202);
            JsonNode challenge = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0");
            assertThat(api.withHeader("X-Request-Id", "tl-answer").put(flow.path(member, "resume"),
                    "{\"member\": {\"challenges\": [{\"guid\": \"" + challenge.get("guid").asText()
                            + "\", \"value\": \"correct\"}]}}").status()).isEqualTo(202);
            flow.awaitStatus(member, "CONNECTED");
            // The failed attempt is recorded after the receiver answers it: the clock moves on only once it is, so
            // that its retry falls due within the five minutes.
            Await.until(() -> timeline(member), t -> deliveries(t).stream()
                    .anyMatch(d -> d.at("/detail/attempts").size() >= 1), BOUND, "the first delivery's attempt recorded");
            server.clock.advance(Duration.ofMinutes(5));
            Await.until(() -> timeline(member), t -> deliveries(t).stream()
                    .allMatch(d -> d.at("/detail/status").asText().equals("DELIVERED")) && deliveries(t).size() >= 3,
                    BOUND, "every delivery delivered");

            JsonNode timeline = timeline(member);
            List<String> kinds = new ArrayList<>();
            timeline.forEach(e -> kinds.add(e.get("kind").asText() + (e.get("kind").asText().equals("STATUS_CHANGED")
                    ? ":" + e.at("/detail/to").asText() : "")));
            assertThat(kinds.stream().filter(k -> !k.equals("WEBHOOK_DELIVERY")).toList()).containsSubsequence(
                    "JOB_STARTED", "STATUS_CHANGED:CHALLENGED", "CHALLENGES_SHOWN", "ANSWERS_RECEIVED",
                    "STATUS_CHANGED:RESUMED", "DATA_STORED", "STATUS_CHANGED:CONNECTED", "JOB_ENDED");
            List<String> times = new ArrayList<>();
            timeline.forEach(e -> times.add(e.get("at").asText()));
            assertThat(times).isSorted();

            JsonNode jobStarted = entry(timeline, "JOB_STARTED");
            assertThat(jobStarted.get("request_id").asText()).isEqualTo("tl-start");
            assertThat(jobStarted.at("/request/path").asText()).endsWith("/fetch_tax_documents");
            assertThat(jobStarted.at("/detail/job_kind").asText()).isEqualTo("TAX_DOCUMENTS");
            JsonNode shown = entry(timeline, "CHALLENGES_SHOWN");
            assertThat(shown.at("/detail/challenges/0/label").asText()).isEqualTo("What city were you born in?");
            assertThat(shown.at("/detail/challenges/0/type").asText()).isEqualTo("TEXT");
            assertThat(shown.at("/detail/challenges/0/guid").asText()).isEqualTo(challenge.get("guid").asText());
            JsonNode answered = entry(timeline, "ANSWERS_RECEIVED");
            assertThat(answered.get("request_id").asText()).isEqualTo("tl-answer");
            assertThat(answered.at("/request/method").asText()).isEqualTo("PUT");
            assertThat(answered.at("/detail/answers/0/value").asText()).isEqualTo("[redacted]");
            assertThat(entry(timeline, "DATA_STORED").at("/detail/tax_documents").asInt()).isPositive();
            assertThat(entry(timeline, "JOB_ENDED").at("/detail/outcome").asText()).isEqualTo("CONNECTED");
            assertThat(entry(timeline, "JOB_ENDED").get("request_id").isNull()).as("ended by a background step").isTrue();
            assertThat(timeline.toString()).doesNotContain("\"correct\"");

            JsonNode retried = deliveries(timeline).get(0);
            assertThat(retried.at("/detail/attempts")).hasSize(2);
            assertThat(retried.at("/detail/attempts/0/http_status").asInt()).isEqualTo(500);
            assertThat(retried.at("/detail/attempts/1/http_status").asInt()).isBetween(200, 299);
            assertThat(retried.at("/detail/event_type").asText()).isNotEmpty();
        }
    }

    @Test
    void the_timeline_comes_in_mx_pages_that_together_are_the_whole_of_it() {
        String member = flow.member("password", false);
        flow.awaitStatus(member, "CONNECTED");
        String force = "/sandbox/users/" + flow.userGuid + "/members/" + member + "/connection_status";
        for (int i = 0; i < 6; i++) {
            for (String status : List.of("DENIED", "CONNECTED")) {
                assertThat(api.post(force, "{\"member\": {\"connection_status\": \"" + status + "\"}}").status())
                        .isEqualTo(200);
            }
        }
        JsonNode whole = api.get(flow.path(member, "timeline?records_per_page=100")).json();
        int total = whole.get("timeline").size();
        assertThat(total).isBetween(13, 20);
        assertThat(whole.at("/pagination/total_entries").asInt()).isEqualTo(total);

        JsonNode first = api.get(flow.path(member, "timeline?records_per_page=10")).json();
        JsonNode second = api.get(flow.path(member, "timeline?records_per_page=10&page=2")).json();

        assertThat(first.get("pagination").toString()).isEqualTo("{\"current_page\":1,\"per_page\":10,\"total_entries\":"
                + total + ",\"total_pages\":2}");
        assertThat(second.at("/pagination/current_page").asInt()).isEqualTo(2);
        // Compared without the request each entry names: the request log is written after the replies, so a
        // later read may find a request an earlier one did not yet.
        List<String> joined = new ArrayList<>();
        first.get("timeline").forEach(e -> joined.add(e.get("kind") + " " + e.get("at") + " " + e.get("detail")));
        second.get("timeline").forEach(e -> joined.add(e.get("kind") + " " + e.get("at") + " " + e.get("detail")));
        List<String> all = new ArrayList<>();
        whole.get("timeline").forEach(e -> all.add(e.get("kind") + " " + e.get("at") + " " + e.get("detail")));
        assertThat(joined).isEqualTo(all);
        assertThat(api.get(flow.path(member, "timeline?page=3&records_per_page=10")).json().get("timeline")).isEmpty();
        assertThat(api.get(flow.path(member, "timeline?page=x")).status()).isEqualTo(400);
    }

    @Test
    void a_request_id_sent_twice_names_in_each_members_timeline_the_request_about_that_member() {
        String first = flow.member("password", true);
        String second = flow.member("password", true);
        assertThat(api.withHeader("X-Request-Id", "tl-same").post(flow.path(first, "aggregate"), null).status())
                .isEqualTo(202);
        flow.awaitStatus(first, "CONNECTED");
        assertThat(api.withHeader("X-Request-Id", "tl-same").post(flow.path(second, "check_balance"), null).status())
                .isEqualTo(202);
        flow.awaitStatus(second, "CONNECTED");

        JsonNode aggregated = Await.until(() -> timeline(first), t -> requestOf(t, "tl-same") != null, BOUND,
                "the first member's request logged");
        JsonNode balanced = Await.until(() -> timeline(second), t -> requestOf(t, "tl-same") != null, BOUND,
                "the second member's request logged");

        assertThat(requestOf(aggregated, "tl-same").get("path").asText()).endsWith(first + "/aggregate");
        assertThat(requestOf(balanced, "tl-same").get("path").asText()).endsWith(second + "/check_balance");
    }

    /** The request the timeline's entries with this request id name, or null while the log has not written it. */
    private static JsonNode requestOf(JsonNode timeline, String requestId) {
        for (JsonNode e : timeline) {
            if (e.get("request_id").asText().equals(requestId) && !e.get("request").isNull()) {
                return e.get("request");
            }
        }
        return null;
    }

    @Test
    void another_clients_member_has_no_timeline_to_read() {
        String member = flow.member("password", true);
        Reply theirs = server.otherClient("bob").get(flow.path(member, "timeline"));
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.errorMessage()).isEqualTo("member not found");
        assertThat(api.get(flow.path(member, "timeline")).status()).isEqualTo(200);
    }

    private JsonNode timeline(String member) {
        Reply reply = api.get(flow.path(member, "timeline"));
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().get("timeline");
    }

    private static List<JsonNode> deliveries(JsonNode timeline) {
        List<JsonNode> found = new ArrayList<>();
        timeline.forEach(e -> {
            if (e.get("kind").asText().equals("WEBHOOK_DELIVERY")) {
                found.add(e);
            }
        });
        return found;
    }

    private static JsonNode entry(JsonNode timeline, String kind) {
        for (JsonNode e : timeline) {
            if (e.get("kind").asText().equals(kind)) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " in " + timeline);
    }
}
