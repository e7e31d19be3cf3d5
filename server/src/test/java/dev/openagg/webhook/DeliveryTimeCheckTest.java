package dev.openagg.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.Await;
import dev.openagg.support.Receiver;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The address check made when each delivery connects, with a DNS name whose answer the test changes: a receiver
 * accepted at registration that later resolves inside is refused then, and the connection goes to exactly the
 * address that was checked.
 */
class DeliveryTimeCheckTest {
    private static final String NAME = "receiver.test";

    private final OutboxBench bench = new OutboxBench();
    private final Receiver receiver = Receiver.start();
    private final AtomicReference<String> answer = new AtomicReference<>();

    @AfterEach
    void close() {
        bench.close();
        receiver.close();
    }

    private Targets targets(boolean allowPrivateNetworks) {
        return new Targets(allowPrivateNetworks, host -> {
            if (!host.equals(NAME) || answer.get() == null) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(answer.get()));
        });
    }

    private static Post post(Targets targets) {
        return new Post(targets, Duration.ofSeconds(10), Post.defaultTls());
    }

    private String url() {
        return "http://" + NAME + ":" + URI.create(receiver.url()).getPort() + "/hooks";
    }

    @Test
    void a_name_accepted_at_registration_that_now_resolves_to_loopback_is_refused_and_the_attempt_recorded() {
        Targets targets = targets(false);
        answer.set("93.184.215.14");
        assertThat(targets.refusal(URI.create(url()))).as("accepted while it resolves outside").isEmpty();
        String webhook = bench.webhook(url());

        answer.set("127.0.0.1");
        bench.event(webhook, "MBR-moved");
        bench.start(post(targets));

        WebhookJson.Delivery delivery = bench.awaitAttempt(webhook);
        assertThat(delivery.attempts()).hasSize(1);
        WebhookJson.Attempt attempt = delivery.attempts().get(0);
        assertThat(attempt.httpStatus()).isNull();
        assertThat(attempt.error()).isEqualTo("refused: the host resolves to a loopback address; set "
                + "OPENAGG_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true to allow loopback and private addresses for development");
        assertThat(delivery.status()).isEqualTo(Deliveries.PENDING);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void the_connection_goes_to_the_address_that_was_checked_not_to_a_second_lookup() {
        answer.set("127.0.0.1");
        String webhook = bench.webhook(url());
        bench.event(webhook, "MBR-pinned");

        bench.start(post(targets(true)));

        WebhookJson.Delivery delivery = bench.awaitAttempt(webhook);
        assertThat(delivery.attempts().get(0).httpStatus()).as(delivery.attempts().get(0).error()).isEqualTo(204);
        List<Receiver.Received> got = Await.until(receiver::received, r -> r.size() == 1, Duration.ofSeconds(5), "the event");
        assertThat(got.get(0).header("Host")).isEqualTo(NAME + ":" + URI.create(receiver.url()).getPort());
        assertThat(got.get(0).body()).contains("MBR-pinned");
    }

    @Test
    void a_literal_address_inside_is_refused_at_delivery_too() {
        String webhook = bench.webhook(receiver.url());
        bench.event(webhook, "MBR-literal");

        bench.start(post(targets(false)));

        assertThat(bench.awaitAttempt(webhook).attempts().get(0).error()).startsWith("refused: the host is a loopback address");
        assertThat(receiver.received()).isEmpty();
    }
}
