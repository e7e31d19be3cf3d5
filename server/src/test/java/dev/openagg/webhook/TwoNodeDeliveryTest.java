package dev.openagg.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.Config;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.Receiver;
import dev.openagg.support.Receiver.Received;
import dev.openagg.support.TestServer;
import dev.openagg.support.Webhook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two servers on one database, both sending from the same outbox. */
class TwoNodeDeliveryTest {
    private static final int MEMBERS = 8;

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void a_backlog_arrives_once_per_event_and_in_order_per_member(String db) {
        Config config = TestServer.config(db);
        Receiver down = Receiver.start();
        String url = down.url();
        down.close();
        try (TestServer one = TestServer.start(config)) {
            TestServer two = TestServer.start(config);
            try {
                Api a = one.api();
                Api b = two.api();
                String[] webhook = Webhook.register(a, url, false);
                Flow viaA = new Flow(a);
                Flow viaB = new Flow(b, viaA.userGuid);
                List<String> members = new ArrayList<>();
                for (int i = 0; i < MEMBERS; i++) {
                    String member = viaA.member("password", true);
                    members.add(member);
                    b.put(viaB.path(member, ""), "{\"member\": {\"metadata\": \"1\"}}");
                    a.put(viaA.path(member, ""), "{\"member\": {\"metadata\": \"2\"}}");
                    b.delete(viaB.path(member, ""));
                }

                // Each member's first event is tried once while the receiver is down; the rest wait behind it. Only
                // then does the clock move, so no attempt is in flight when it does.
                Await.until(() -> a.get("/webhooks/" + webhook[0] + "/deliveries?records_per_page=100").json().get("deliveries"),
                        d -> {
                            int tried = 0;
                            for (JsonNode delivery : d) {
                                tried += delivery.get("attempts").isEmpty() ? 0 : 1;
                            }
                            return tried >= MEMBERS;
                        }, Duration.ofSeconds(30), "each member's first event tried while the receiver is down");
                try (Receiver receiver = Receiver.start(url)) {
                    one.clock.advance(Duration.ofMinutes(5));
                    two.clock.advance(Duration.ofMinutes(5));
                    List<Received> got = Await.until(receiver::received, r -> r.size() >= 4 * MEMBERS,
                            Duration.ofSeconds(30), "every event");
                    assertThat(got).extracting(r -> r.header("X-OpenAgg-Event-Id")).doesNotHaveDuplicates();
                    Map<String, List<String>> byMember = new LinkedHashMap<>();
                    for (Received r : got) {
                        JsonNode event = r.json();
                        byMember.computeIfAbsent(event.at("/member/guid").asText(), m -> new ArrayList<>())
                                .add(event.get("action").asText() + ":" + event.at("/member/metadata").asText());
                    }
                    assertThat(byMember.keySet()).containsExactlyInAnyOrderElementsOf(members);
                    byMember.values().forEach(actions -> assertThat(actions)
                            .containsExactly("CREATED:null", "UPDATED:1", "UPDATED:2", "DELETED:2"));

                    JsonNode deliveries = Await.until(
                            () -> a.get("/webhooks/" + webhook[0] + "/deliveries?records_per_page=100").json(),
                            d -> d.findValuesAsText("status").stream().allMatch("DELIVERED"::equals),
                            Duration.ofSeconds(10), "every delivery recorded");
                    assertThat(deliveries.at("/pagination/total_entries").asInt()).isEqualTo(4 * MEMBERS);
                    assertThat(receiver.received()).hasSize(4 * MEMBERS);
                }
            } finally {
                two.stop();
            }
        }
    }
}
