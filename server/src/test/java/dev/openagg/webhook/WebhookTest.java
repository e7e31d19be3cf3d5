package dev.openagg.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.MutableClock;
import dev.openagg.support.Receiver;
import dev.openagg.support.Receiver.Received;
import dev.openagg.support.Reply;
import dev.openagg.support.TestServer;
import dev.openagg.support.Webhook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Webhooks delivered to a real receiver by a real server. */
class WebhookTest extends ServerWithReceiver {
    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=[0-9a-f]{64}");

    @Test
    void the_guides_flow_arrives_in_order_with_mx_payloads_and_valid_signatures() {
        String[] webhook = Webhook.register(api, receiver.url(), false);
        String member = api.withHeader("X-CALLBACK-PAYLOAD", "ref-42")
                .post(flow.members(), Flow.memberBody("mxuser", "challenge", false)).json().at("/member/guid").asText();
        JsonNode challenge = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0");
        flow.resume(member, challenge.get("guid").asText(), "correct");
        flow.awaitStatus(member, "CONNECTED");

        List<Received> got = Await.until(receiver::received, r -> r.size() >= 3, BOUND, "three events");
        assertThat(got).extracting(r -> r.json().get("type").asText())
                .containsExactly("MEMBER", "CONNECTION_STATUS", "AGGREGATION");

        JsonNode created = got.get(0).json();
        assertThat(created.get("action").asText()).isEqualTo("CREATED");
        assertThat(created.at("/member/guid").asText()).isEqualTo(member);
        assertThat(created.at("/member/connection_status").asText()).isEqualTo("CREATED");
        assertThat(created.get("callback_payload").asText()).isEqualTo("ref-42");
        assertThat(got.get(0).header("X-CALLBACK-PAYLOAD")).isEqualTo("ref-42");

        JsonNode challenged = got.get(1).json();
        assertThat(challenged.get("action").asText()).isEqualTo("CHANGED");
        assertThat(challenged.get("connection_status").asText()).isEqualTo("CHALLENGED");
        assertThat(challenged.get("connection_status_id").asInt()).isEqualTo(3);
        assertThat(challenged.get("connection_status_message").asText()).contains("MX Bank");
        assertThat(challenged.get("member_guid").asText()).isEqualTo(member);
        assertThat(challenged.get("user_guid").asText()).isEqualTo(flow.userGuid);

        JsonNode aggregated = got.get(2).json();
        assertThat(aggregated.get("action").asText()).isEqualTo("member_data_updated");
        assertThat(aggregated.get("type").asText()).isEqualTo("AGGREGATION");
        assertThat(aggregated.get("job_guid").asText()).startsWith("JOB-");
        assertThat(aggregated.get("transactions_created_count").asInt()).isGreaterThan(100);
        assertThat(aggregated.get("transactions_updated_count").asInt()).isZero();
        assertThat(aggregated.get("is_background").asBoolean()).isFalse();
        assertThat(aggregated.get("completed_on").asText()).matches("\\d{4}-\\d\\d-\\d\\d");

        for (Received r : got) {
            Matcher signature = SIGNATURE.matcher(r.header("X-OpenAgg-Signature"));
            assertThat(signature.matches()).as(r.header("X-OpenAgg-Signature")).isTrue();
            long t = Long.parseLong(signature.group(1));
            assertThat(t).isEqualTo(server.clock.instant().getEpochSecond());
            assertThat(signature.group()).isEqualTo(Signature.header(webhook[1], t, r.body()));
            assertThat(r.header("X-OpenAgg-Event-Id")).startsWith("EVT-");
        }
        assertThat(got).extracting(r -> r.header("X-OpenAgg-Event-Id")).doesNotHaveDuplicates();
    }

    @Test
    void subscribers_may_opt_into_every_status_change() {
        Webhook.register(api, receiver.url(), true);
        String member = flow.member("password", false);
        flow.awaitStatus(member, "CONNECTED");

        List<Received> got = Await.until(receiver::received, r -> r.stream()
                .anyMatch(x -> x.json().path("connection_status").asText().equals("CONNECTED")), BOUND, "CONNECTED event");
        assertThat(got.stream().map(Received::json).filter(j -> j.get("type").asText().equals("CONNECTION_STATUS"))
                .map(j -> j.get("connection_status").asText())).containsExactly("CONNECTED");
    }

    @Test
    void a_receiver_that_fails_three_times_gets_the_event_on_the_fourth_attempt() {
        String[] webhook = Webhook.register(api, receiver.url(), false);
        receiver.failNext(3);
        flow.member("password", true);

        for (int attempt = 1; attempt <= 3; attempt++) {
            int seen = attempt;
            Await.until(() -> deliveries(webhook[0]).at("/deliveries/0/attempts").size(),
                    n -> n >= seen, BOUND, "attempt " + attempt + " recorded");
            assertThat(receiver.received()).hasSize(attempt);
            server.clock.advance(Duration.ofHours(1));
        }
        List<Received> got = Await.until(receiver::received, r -> r.size() >= 4, BOUND, "fourth attempt");
        assertThat(got).extracting(r -> r.header("X-OpenAgg-Event-Id")).containsOnly(got.get(0).header("X-OpenAgg-Event-Id"));

        JsonNode delivery = awaitDelivered(webhook[0]);
        assertThat(delivery.get("attempts")).hasSize(4);
        assertThat(delivery.at("/attempts/0/http_status").asInt()).isEqualTo(500);
        assertThat(delivery.at("/attempts/3/http_status").asInt()).isEqualTo(204);
    }

    @Test
    void with_a_one_second_retry_base_a_retry_comes_within_seconds() {
        server.close();
        server = TestServer.start(TestServer.config().withWebhookRetryBase(Duration.ofSeconds(1)), MutableClock.running());
        api = server.api();
        flow = new Flow(api);
        Webhook.register(api, receiver.url(), false);
        receiver.failNext(1);

        flow.member("password", true);

        // The bound is the assertion: with the default 30 s base the retry could not come within it.
        Await.until(receiver::received, r -> r.size() >= 2, Duration.ofSeconds(10), "the retry");
    }

    @Test
    void a_receiver_that_never_answers_does_not_slow_status_reads() {
        receiver.hang();
        Webhook.register(api, receiver.url(), true);
        String member = flow.member("password", false);
        Await.until(receiver::received, r -> !r.isEmpty(), BOUND, "a hanging delivery");

        // A read held by the hanging delivery would take its whole 10 s time-out; a read on a loaded machine can
        // take a second now and then. So the median must be fast, and no read may come near the time-out.
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long started = System.nanoTime();
            assertThat(api.get(flow.path(member, "status")).status()).isEqualTo(200);
            millis.add((System.nanoTime() - started) / 1_000_000);
        }
        assertThat(millis).as("status reads, ms").allMatch(m -> m < 5_000);
        assertThat(millis.stream().sorted().toList().get(millis.size() / 2)).as("median of %s", millis)
                .isLessThan(1_000L);
        flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void an_event_waiting_for_a_receiver_that_was_down_is_delivered_after_a_restart() {
        String url = receiver.url();
        receiver.close();
        Webhook.register(api, url, false);
        flow.member("password", true);
        Await.until(() -> api.get("/webhooks").json().at("/webhooks/0/guid").asText(), g -> !g.isEmpty(), BOUND, "webhook");
        String guid = api.get("/webhooks").json().at("/webhooks/0/guid").asText();
        Await.until(() -> deliveries(guid).at("/deliveries/0/attempts").size(),
                n -> n >= 1, BOUND, "a failed attempt");

        server.restart();
        try (Receiver back = Receiver.start(url)) {
            server.clock.advance(Duration.ofMinutes(5));
            List<Received> got = Await.until(back::received, r -> !r.isEmpty(), BOUND, "delivery after restart");
            assertThat(got.get(0).json().get("type").asText()).isEqualTo("MEMBER");
        }
    }

    @Test
    void member_updates_and_deletes_echo_their_callback_payload() {
        Webhook.register(api, receiver.url(), false);
        String member = flow.member("password", true);
        api.withHeader("X-CALLBACK-PAYLOAD", "upd-1").put(flow.path(member, ""), "{\"member\": {\"metadata\": \"m\"}}");
        api.withHeader("X-CALLBACK-PAYLOAD", "del-1").delete(flow.path(member, ""));

        List<Received> got = Await.until(receiver::received, r -> r.size() >= 3, BOUND, "three member events");
        assertThat(got).extracting(r -> r.json().get("action").asText()).containsExactly("CREATED", "UPDATED", "DELETED");
        assertThat(got.get(1).header("X-CALLBACK-PAYLOAD")).isEqualTo("upd-1");
        assertThat(got.get(1).json().at("/member/metadata").asText()).isEqualTo("m");
        assertThat(got.get(2).json().get("callback_payload").asText()).isEqualTo("del-1");
    }

    @Test
    void registration_is_validated_secrets_are_shown_once_and_webhooks_are_the_clients_own() {
        Reply ftp = api.post("/webhooks", "{\"webhook\": {\"url\": \"ftp://example.com/x\", \"event_types\": [\"MEMBER\"]}}");
        assertThat(ftp.status()).isEqualTo(422);
        assertThat(ftp.errorMessage()).contains("http or https");
        Reply badType = api.post("/webhooks", "{\"webhook\": {\"url\": \"https://example.com/x\", \"event_types\": [\"NOPE\"]}}");
        assertThat(badType.status()).isEqualTo(422);
        assertThat(badType.errorMessage()).contains("NOPE");

        Reply created = api.post("/webhooks", "{\"webhook\": {\"url\": \"https://example.com/x\", \"event_types\": [\"MEMBER\"],"
                + " \"username\": \"u\", \"password\": \"p-secret\"}}");
        assertThat(created.status()).isEqualTo(200);
        String guid = created.json().at("/webhook/guid").asText();
        assertThat(guid).startsWith("WHK-");
        assertThat(created.json().at("/webhook/secret").asText()).startsWith("whsec_");
        assertThat(created.json().at("/webhook/enabled").asBoolean()).isTrue();
        Reply read = api.get("/webhooks/" + guid);
        assertThat(read.json().get("webhook").has("secret")).isFalse();
        assertThat(read.text()).doesNotContain("p-secret");
        assertThat(read.json().at("/webhook/has_password").asBoolean()).isTrue();

        Reply disabled = api.put("/webhooks/" + guid, "{\"webhook\": {\"enabled\": false}}");
        assertThat(disabled.json().at("/webhook/enabled").asBoolean()).isFalse();

        Api other = server.otherClient("other");
        assertThat(other.get("/webhooks/" + guid).status()).isEqualTo(404);
        assertThat(other.delete("/webhooks/" + guid).status()).isEqualTo(404);
        assertThat(other.get("/webhooks").json().get("webhooks")).isEmpty();
        assertThat(api.delete("/webhooks/" + guid).status()).isEqualTo(204);
        assertThat(api.get("/webhooks/" + guid).status()).isEqualTo(404);
    }

    @Test
    void a_delivery_can_be_sent_again_on_demand() {
        String[] webhook = Webhook.register(api, receiver.url(), false);
        flow.member("password", true);
        Await.until(receiver::received, r -> r.size() == 1, BOUND, "the first delivery");
        String delivery = awaitDelivered(webhook[0]).get("guid").asText();

        Reply again = api.post("/webhooks/" + webhook[0] + "/deliveries/" + delivery + "/redeliver", null);

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().at("/delivery/guid").asText()).isNotEqualTo(delivery);
        List<Received> got = Await.until(receiver::received, r -> r.size() == 2, BOUND, "the redelivery");
        assertThat(got.get(1).header("X-OpenAgg-Event-Id")).isEqualTo(got.get(0).header("X-OpenAgg-Event-Id"));
        assertThat(api.post("/webhooks/" + webhook[0] + "/deliveries/WHD-nope/redeliver", null).status()).isEqualTo(404);
    }
}
