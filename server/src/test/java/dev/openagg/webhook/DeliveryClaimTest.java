package dev.openagg.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.Config;
import dev.openagg.client.ClientStore;
import dev.openagg.db.Database;
import dev.openagg.support.Await;
import dev.openagg.support.MutableClock;
import dev.openagg.support.Postgres;
import dev.openagg.support.Receiver;
import dev.openagg.support.TestKeys;
import dev.openagg.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How nodes share the outbox, on both databases: one node per attempt, and a dead node's claim runs out. */
class DeliveryClaimTest {
    private static final String CLIENT = "claim-client";
    private final MutableClock clock = MutableClock.ofNow();
    private final List<AutoCloseable> open = new ArrayList<>();
    private Database database;
    private String webhook;

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private void open(String db, String url) {
        if ("h2".equals(db)) {
            Path dir = TestServer.tempDir();
            open.add(() -> TestServer.deleteTree(dir));
            database = Database.open(Config.defaults(dir).jdbcUrl(), null, null, 12, TestKeys.ring());
        } else {
            database = Database.open(Postgres.newDatabase(), "postgres", "postgres", 12, TestKeys.ring());
        }
        open.add(database);
        new ClientStore(database.jdbi(), clock).add(CLIENT, CLIENT + "-key");
        webhook = "WHK-claim-" + db;
        new WebhookStore(database.jdbi(), database.keyring()).insert(new Webhook(webhook, CLIENT, url, List.of("MEMBER"), false, true,
                null, null, "whsec_claim", clock.instant(), clock.instant()));
    }

    private String delivery(String member) {
        Instant now = clock.instant();
        return database.jdbi().inTransaction(h -> Deliveries.add(h, webhook,
                Deliveries.addEvent(h, CLIENT, member, "MEMBER", "{\"member\": \"" + member + "\"}", null, now), member, now));
    }

    private Deliverer node() {
        Deliverer node = new Deliverer(database.jdbi(), database.keyring(), clock, new Backoff(Duration.ofSeconds(30)),
                new Post(new Targets(true), Duration.ofSeconds(10), Post.defaultTls()), 8);
        open.add(node);
        return node;
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void of_six_nodes_racing_for_a_delivery_exactly_one_claims_it(String db) throws Exception {
        open(db, "http://127.0.0.1:9/unused");
        List<Deliverer> nodes = List.of(node(), node(), node(), node(), node(), node());
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            for (int i = 0; i < 25; i++) {
                String guid = delivery("MBR-race-" + i);
                CyclicBarrier start = new CyclicBarrier(nodes.size());
                List<Future<Boolean>> claims = new ArrayList<>();
                for (Deliverer node : nodes) {
                    claims.add(threads.submit(() -> {
                        start.await();
                        return node.claim(guid);
                    }));
                }
                int won = 0;
                for (Future<Boolean> claim : claims) {
                    won += claim.get() ? 1 : 0;
                }
                assertThat(won).as("nodes that claimed delivery %d", i).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void a_delivery_held_by_a_node_that_died_is_sent_by_another_once_the_claim_runs_out(String db) {
        Receiver receiver = Receiver.start();
        open.add(receiver);
        open(db, receiver.url());
        String guid = delivery("MBR-orphan");
        Deliverer dead = node();
        assertThat(dead.claim(guid)).isTrue();

        Deliverer alive = node();
        assertThat(alive.due()).extracting(Deliverer.Due::guid).doesNotContain(guid);
        alive.start(Duration.ofMillis(50));
        clock.advance(dead.lease().plusSeconds(1));

        Await.until(receiver::received, r -> !r.isEmpty(), Duration.ofSeconds(15), "the delivery from the live node");
        WebhookJson.Delivery delivered = Await.until(() -> new DeliveryLog(database.jdbi(), clock)
                        .list(webhook, dev.openagg.api.Page.of(null, null)).deliveries().get(0),
                d -> d.status().equals(Deliveries.DELIVERED), Duration.ofSeconds(15), "delivered");
        assertThat(delivered.attempts()).hasSize(1);
        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.received().get(0).body()).contains("MBR-orphan");
    }
}
