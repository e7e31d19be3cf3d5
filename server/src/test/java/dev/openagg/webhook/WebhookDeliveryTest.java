package dev.openagg.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Await;
import dev.openagg.support.Receiver;
import dev.openagg.support.Webhook;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the sender does with awkward receivers, disabled webhooks and old deliveries. */
class WebhookDeliveryTest extends ServerWithReceiver {

    @Test
    void a_receiver_whose_answer_never_ends_is_done_with_once_its_status_line_arrives() {
        String[] webhook = Webhook.register(api, receiver.url(), false);
        receiver.stallBodyNext(1);
        flow.member("password", true);

        JsonNode delivery = awaitDelivered(webhook[0]);

        assertThat(delivery.get("attempts")).hasSize(1);
        assertThat(delivery.at("/attempts/0/http_status").asInt()).isEqualTo(200);
    }

    @Test
    void a_disabled_webhook_keeps_its_deliveries_until_it_is_enabled_again() {
        String[] first = Webhook.register(api, receiver.url(), false);
        receiver.failNext(1);
        String member = flow.member("password", true);
        Await.until(() -> deliveries(first[0]).at("/deliveries/0/attempts").size(), n -> n == 1, BOUND, "a failed attempt");
        api.put("/webhooks/" + first[0], "{\"webhook\": {\"enabled\": false}}");
        server.clock.advance(Duration.ofHours(1));

        try (Receiver other = Receiver.start()) {
            Webhook.register(api, other.url(), false);
            api.put(flow.path(member, ""), "{\"member\": {\"metadata\": \"later\"}}");
            Await.until(other::received, r -> r.size() == 1, BOUND, "the update, at the other webhook");
        }
        assertThat(receiver.received()).hasSize(1);
        assertThat(deliveries(first[0]).at("/pagination/total_entries").asInt()).isEqualTo(1);

        api.put("/webhooks/" + first[0], "{\"webhook\": {\"enabled\": true}}");
        assertThat(awaitDelivered(first[0]).get("attempts")).hasSize(2);
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void finished_deliveries_are_listed_for_thirty_days() {
        String[] webhook = Webhook.register(api, receiver.url(), false);
        flow.member("password", true);
        String old = awaitDelivered(webhook[0]).get("guid").asText();

        server.clock.advance(Duration.ofDays(31));
        flow.member("password", true);

        JsonNode listed = Await.until(() -> deliveries(webhook[0]), d -> d.at("/pagination/total_entries").asInt() == 1
                && d.at("/deliveries/0/status").asText().equals("DELIVERED"), BOUND, "only the new delivery");
        assertThat(listed.at("/deliveries/0/guid").asText()).isNotEqualTo(old);
        assertThat(api.post("/webhooks/" + webhook[0] + "/deliveries/" + old + "/redeliver", null).status()).isEqualTo(404);
    }
}
