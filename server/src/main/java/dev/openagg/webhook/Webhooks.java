package dev.openagg.webhook;

import dev.openagg.api.Http;
import dev.openagg.institution.Institutions;
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

    public Webhooks(Jdbi jdbi, Keyring keyring, Institutions institutions, Clock clock, Duration retryBase) {
        WebhookStore store = new WebhookStore(jdbi, keyring);
        this.outbox = new Outbox(store, institutions, clock);
        this.deliverer = new Deliverer(jdbi, keyring, clock, new Backoff(retryBase), Duration.ofSeconds(10));
        this.routes = new WebhookRoutes(store, new DeliveryLog(jdbi, clock), clock);
    }

    public MemberEvents events() {
        return outbox;
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
