package dev.openagg.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.Receiver;
import dev.openagg.support.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A real server and a real webhook receiver beside it, fresh for each test. */
abstract class ServerWithReceiver {
    static final Duration BOUND = Duration.ofSeconds(15);
    TestServer server;
    Receiver receiver;
    Api api;
    Flow flow;

    @BeforeEach
    void start() {
        server = TestServer.start();
        receiver = Receiver.start();
        api = server.api();
        flow = new Flow(api);
    }

    @AfterEach
    void stop() {
        receiver.close();
        server.close();
    }

    /** The webhook's deliveries as {@code GET /webhooks/{guid}/deliveries} lists them. */
    JsonNode deliveries(String webhook) {
        return api.get("/webhooks/" + webhook + "/deliveries").json();
    }

    /** The webhook's newest delivery, once it is DELIVERED. */
    JsonNode awaitDelivered(String webhook) {
        return Await.until(() -> deliveries(webhook).at("/deliveries/0"),
                d -> d.path("status").asText().equals("DELIVERED"), BOUND, "delivered");
    }
}
