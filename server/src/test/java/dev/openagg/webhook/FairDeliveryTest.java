package dev.openagg.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.Config;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.Receiver;
import dev.openagg.support.TestServer;
import dev.openagg.support.Webhook;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One client's dead receiver must not hold up another client's events: each client has its share of the senders. */
class FairDeliveryTest {
    private static final Duration BOUND = Duration.ofSeconds(15);

    @Test
    void with_another_clients_twelve_events_stuck_on_a_hanging_receiver_a_clients_own_event_arrives_within_a_second() {
        // Eight senders, as many as the greedy client's stuck events could fill without a share; its share is two.
        Config config = TestServer.config().withWebhooks(new Config.WebhookSettings(Duration.ofSeconds(30), true, 8));
        try (TestServer server = TestServer.start(config); Receiver hanging = Receiver.start();
             Receiver receiver = Receiver.start()) {
            hanging.hang();
            Api greedy = server.otherClient("greedy");
            Webhook.register(greedy, hanging.url(), false);
            Flow greedyFlow = new Flow(greedy);
            for (int i = 0; i < 12; i++) {
                greedyFlow.member("password", true);
            }
            Await.until(hanging::received, r -> r.size() >= 2, BOUND, "the hanging receiver holding two deliveries");

            Api api = server.api();
            Webhook.register(api, receiver.url(), false);
            long started = System.nanoTime();
            String member = new Flow(api).member("password", true);
            Await.until(receiver::received, r -> !r.isEmpty(), BOUND, "the client's own event");
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(receiver.received().get(0).body()).contains(member);
            assertThat(millis).as("milliseconds from creating the member to its event").isLessThan(1_000);
            assertThat(hanging.received()).as("the greedy client's events still stuck").hasSizeLessThan(12);
        }
    }
}
