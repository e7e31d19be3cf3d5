package dev.openagg.webhook;

import dev.openagg.api.Http;
import dev.openagg.clock.ClientClocks;
import dev.openagg.institution.Institutions;
import dev.openagg.member.Member;
import dev.openagg.member.MemberEvents;
import dev.openagg.secret.Keyring;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** The webhook feature as the server wires it: the outbox the engine writes to, the sender, the routes. */
public final class Webhooks implements AutoCloseable {
    private final Outbox outbox;
    private final Deliverer deliverer;
    private final WebhookRoutes routes;
    private final Jdbi jdbi;

    /**
     * Failed deliveries are first retried after {@code retryBase}; receivers must be on public addresses unless
     * {@code allowPrivateNetworks}; {@code senders} deliveries are sent at once, a quarter of them per client.
     * Passwords and signing secrets are sealed with {@code keyring}. Payloads tell times on the member's client's
     * clock; deliveries are due on the server's.
     */
    public Webhooks(Jdbi jdbi, Keyring keyring, Institutions institutions, ClientClocks clocks, Duration retryBase,
                    boolean allowPrivateNetworks, int senders) {
        this.jdbi = jdbi;
        Clock clock = clocks.base();
        WebhookStore store = new WebhookStore(jdbi, keyring);
        Targets targets = new Targets(allowPrivateNetworks);
        this.outbox = new Outbox(store, institutions, clocks);
        this.deliverer = new Deliverer(jdbi, keyring, clock, new Backoff(retryBase),
                new Post(targets, Duration.ofSeconds(10), Post.defaultTls()), senders);
        this.routes = new WebhookRoutes(store, new DeliveryLog(jdbi, clock), targets, clock);
    }

    public MemberEvents events() {
        return outbox;
    }

    /** The event types a client may subscribe to, and ask a sandbox to send. */
    public static final java.util.List<String> EVENT_TYPES = Webhook.EVENT_TYPES;

    /**
     * Sends the event of {@code type} (one of {@link #EVENT_TYPES}) for the member as it stands to the client's
     * webhooks subscribed to it, through the outbox like every other event.
     */
    public void fire(Member member, String type) {
        jdbi.useTransaction(h -> outbox.fire(h, member, type));
    }

    public Http.Routes routes() {
        return routes;
    }

    /** Starts sending; due deliveries are looked for every {@code every}. */
    public void start(Duration every) {
        deliverer.start(every);
    }

    @Override
    public void close() {
        deliverer.close();
    }
}
