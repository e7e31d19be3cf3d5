package dev.openagg.webhook;

import dev.openagg.secret.Keyring;
import dev.openagg.secret.SecretColumn;
import dev.openagg.threads.Daemons;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries from the outbox. Every node runs one; a node claims a delivery by writing a lease on its row
 * (an update that succeeds for one node only), so each attempt is made once, and a node that dies mid-delivery
 * leaves a lease that runs out and the delivery is tried again. A member's deliveries to one webhook go in order: a
 * delivery waits while an earlier one to the same webhook for the same member is pending. Sending happens on its
 * own threads with a timeout, so a slow or dead receiver never holds up the API or the jobs; and each client may
 * hold at most a quarter of those threads, so one client's dead receivers never hold up another client's events.
 */
final class Deliverer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final Keyring keyring;
    private final Clock clock;
    private final Backoff backoff;
    private final Post post;
    private final int senders;
    private final int share;
    private final ExecutorService threads;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(Daemons.named("webhook-loop"));
    private final Semaphore slots;
    private final Map<String, Integer> sending = new HashMap<>();
    private Instant lastPruned;

    Deliverer(Jdbi jdbi, Keyring keyring, Clock clock, Backoff backoff, Post post, int senders) {
        this.jdbi = jdbi;
        this.keyring = keyring;
        this.clock = clock;
        this.backoff = backoff;
        this.post = post;
        this.senders = senders;
        this.share = Math.max(1, senders / 4);
        this.threads = Executors.newFixedThreadPool(senders, Daemons.named("webhook-sender"));
        this.slots = new Semaphore(senders);
    }

    void start(Duration every) {
        loop.scheduleWithFixedDelay(this::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            sendDue();
            Instant now = clock.instant();
            if (lastPruned == null || !now.isBefore(lastPruned.plus(PRUNE_EVERY))) {
                lastPruned = now;
                jdbi.useTransaction(h -> Deliveries.prune(h, now.minus(Deliveries.KEPT)));
            }
        } catch (RuntimeException e) {
            LOG.warn("webhook delivery loop: {}", e.toString());
        }
    }

    private void sendDue() {
        for (Due due : due()) {
            if (!takeShare(due.clientId())) {
                continue;
            }
            if (!slots.tryAcquire()) {
                releaseShare(due.clientId());
                return;
            }
            if (claim(due.guid())) {
                threads.execute(() -> {
                    try {
                        send(due.guid());
                    } catch (RuntimeException e) {
                        LOG.warn("webhook delivery {}: {}", due.guid(), e.toString());
                    } finally {
                        slots.release();
                        releaseShare(due.clientId());
                    }
                });
            } else {
                slots.release();
                releaseShare(due.clientId());
            }
        }
    }

    private synchronized boolean takeShare(String clientId) {
        int held = sending.getOrDefault(clientId, 0);
        if (held >= share) {
            return false;
        }
        sending.put(clientId, held + 1);
        return true;
    }

    private synchronized void releaseShare(String clientId) {
        sending.computeIfPresent(clientId, (c, held) -> held <= 1 ? null : held - 1);
    }

    /** A delivery ready to be sent, and the client whose share of the senders it takes. */
    record Due(String guid, String clientId) {
    }

    /**
     * Deliveries whose time has come, oldest first: unclaimed (or whose claim ran out), to an enabled webhook, and
     * with no earlier delivery for the same member and webhook still pending. At most a share's worth per client,
     * so a client with a long backlog cannot crowd the others out of the list.
     */
    List<Due> due() {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT guid, client_id FROM (
                          SELECT d.guid, d.seq, w.client_id,
                            ROW_NUMBER() OVER (PARTITION BY w.client_id ORDER BY d.seq) AS place
                          FROM webhook_delivery d JOIN webhook w ON w.guid = d.webhook_guid AND w.enabled = TRUE
                          WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                            AND (d.claimed_until IS NULL OR d.claimed_until < :now)
                            AND NOT EXISTS (SELECT 1 FROM webhook_delivery e WHERE e.webhook_guid = d.webhook_guid
                              AND e.member_guid = d.member_guid AND e.status = 'PENDING' AND e.seq < d.seq)
                        ) due WHERE place <= :share ORDER BY seq LIMIT :limit""")
                .bind("now", now).bind("share", share).bind("limit", senders)
                .map((rs, c) -> new Due(rs.getString("guid"), rs.getString("client_id"))).list());
    }

    /**
     * Takes the delivery for this node until its lease runs out: one conditional update, which both databases apply
     * to one of several racing nodes only (the others find the lease taken once the winner commits).
     */
    boolean claim(String guid) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE webhook_delivery SET claimed_until = :until
                        WHERE guid = :guid AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < :now)""")
                .bind("until", now.plus(lease())).bind("guid", guid).bind("now", now)
                .execute()) == 1;
    }

    /** Longer than an attempt can take (connecting, then waiting for the answer's status line). */
    Duration lease() {
        return post.timeout().multipliedBy(2).plusSeconds(20);
    }

    private record Outgoing(String url, String username, String password, String secret, String eventId, String payload,
                            String callback, int attempts) {
    }

    private void send(String guid) {
        Outgoing out = jdbi.withHandle(h -> h.createQuery("""
                        SELECT w.guid AS webhook, w.url, w.username, w.password, w.secret, e.id, e.payload, e.callback,
                          d.attempts
                        FROM webhook_delivery d JOIN webhook w ON w.guid = d.webhook_guid JOIN webhook_event e ON e.id = d.event_id
                        WHERE d.guid = :guid""")
                .bind("guid", guid)
                .map((rs, c) -> new Outgoing(rs.getString("url"), rs.getString("username"),
                        keyring.open(SecretColumn.WEBHOOK_PASSWORD.aad(rs.getString("webhook")), rs.getString("password")),
                        keyring.open(SecretColumn.WEBHOOK_SECRET.aad(rs.getString("webhook")), rs.getString("secret")),
                        rs.getString("id"), rs.getString("payload"), rs.getString("callback"), rs.getInt("attempts")))
                .findOne().orElse(null));
        if (out == null) {
            return;
        }
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            status = post.send(URI.create(out.url()), headers(out), out.payload().getBytes(StandardCharsets.UTF_8));
        } catch (Targets.Refused e) {
            error = "refused: " + e.getMessage();
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        record(guid, out.attempts() + 1, status, error, (int) ((System.nanoTime() - started) / 1_000_000));
    }

    private Map<String, String> headers(Outgoing out) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-OpenAgg-Event-Id", out.eventId());
        headers.put("X-OpenAgg-Signature", Signature.header(out.secret(), clock.instant().getEpochSecond(), out.payload()));
        if (out.username() != null) {
            String basic = out.username() + ":" + (out.password() == null ? "" : out.password());
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        if (out.callback() != null) {
            headers.put("X-CALLBACK-PAYLOAD", out.callback());
        }
        return headers;
    }

    private void record(String guid, int attempt, Integer status, String error, int millis) {
        Instant now = clock.instant();
        boolean delivered = status != null && status >= 200 && status < 300;
        Duration wait = delivered ? null : backoff.after(attempt);
        String next = delivered ? Deliveries.DELIVERED : wait == null ? Deliveries.FAILED : Deliveries.PENDING;
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO webhook_attempt (delivery_guid, attempt, attempted_at, http_status, error, duration_ms)
                            VALUES (:guid, :attempt, :now, :status, :error, :millis)""")
                    .bind("guid", guid).bind("attempt", attempt).bind("now", now).bind("status", status)
                    .bind("error", error == null ? null : error.substring(0, Math.min(500, error.length())))
                    .bind("millis", millis)
                    .execute();
            h.createUpdate("""
                            UPDATE webhook_delivery SET status = :status, attempts = :attempt, claimed_until = NULL,
                              next_attempt_at = :next, updated_at = :now WHERE guid = :guid""")
                    .bind("status", next).bind("attempt", attempt).bind("next", wait == null ? now : now.plus(wait))
                    .bind("now", now).bind("guid", guid)
                    .execute();
        });
    }

    @Override
    public void close() {
        loop.shutdownNow();
        threads.shutdownNow();
    }
}
