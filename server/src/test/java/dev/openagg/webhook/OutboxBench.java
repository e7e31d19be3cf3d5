package dev.openagg.webhook;

import dev.openagg.Config;
import dev.openagg.api.Page;
import dev.openagg.client.ClientStore;
import dev.openagg.db.Database;
import dev.openagg.support.Await;
import dev.openagg.support.MutableClock;
import dev.openagg.support.TestKeys;
import dev.openagg.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An outbox in a database of its own, with one client, for driving a {@link Deliverer} without a server. */
final class OutboxBench implements AutoCloseable {
    static final String CLIENT = "bench-client";

    final MutableClock clock = MutableClock.ofNow();
    private final Path dir = TestServer.tempDir();
    private final Database database = Database.open(Config.defaults(dir).jdbcUrl(), null, null, 8,
            TestKeys.ring());
    private final List<Deliverer> deliverers = new ArrayList<>();
    private int webhooks;

    OutboxBench() {
        new ClientStore(database.jdbi(), clock).add(CLIENT, CLIENT + "-key");
    }

    /** Registers a webhook for MEMBER events straight into the store, as if registration had accepted it. */
    String webhook(String url) {
        String guid = "WHK-bench-" + ++webhooks;
        new WebhookStore(database.jdbi(), database.keyring()).insert(new Webhook(guid, CLIENT, url, List.of("MEMBER"), false, true,
                null, null, "whsec_bench", clock.instant(), clock.instant()));
        return guid;
    }

    /** Queues an event for {@code member} to the webhook. */
    void event(String webhook, String member) {
        Instant now = clock.instant();
        database.jdbi().useTransaction(h -> Deliveries.add(h, webhook,
                Deliveries.addEvent(h, CLIENT, member, "MEMBER", "{\"member\": \"" + member + "\"}", null, now), member, now));
    }

    /** A deliverer sending with {@code post}, started. */
    Deliverer start(Post post) {
        Deliverer deliverer = new Deliverer(database.jdbi(), database.keyring(), clock,
                new Backoff(Duration.ofMinutes(5)), post, 8);
        deliverers.add(deliverer);
        deliverer.start(Duration.ofMillis(50));
        return deliverer;
    }

    /** The webhook's newest delivery, once it has been attempted. */
    WebhookJson.Delivery awaitAttempt(String webhook) {
        return Await.until(() -> new DeliveryLog(database.jdbi(), clock).list(webhook, Page.of(null, null)).deliveries(),
                list -> !list.isEmpty() && !list.get(0).attempts().isEmpty(), Duration.ofSeconds(20), "an attempt").get(0);
    }

    @Override
    public void close() {
        deliverers.forEach(Deliverer::close);
        database.close();
        TestServer.deleteTree(dir);
    }
}
