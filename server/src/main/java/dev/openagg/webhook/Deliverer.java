package dev.openagg.webhook;

import dev.openagg.secret.Keyring;
import dev.openagg.secret.SecretColumn;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
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
 * own threads with a timeout, so a slow or dead receiver never holds up the API or the jobs.
 */
final class Deliverer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);
    private static final int IN_FLIGHT = 8;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final Keyring keyring;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration timeout;
    private final HttpClient http;
    private final ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT, r -> daemon(r, "webhook-sender"));
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-loop"));
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private Instant lastPruned;

    Deliverer(Jdbi jdbi, Keyring keyring, Clock clock, Backoff backoff, Duration timeout) {
        this.jdbi = jdbi;
        this.keyring = keyring;
        this.clock = clock;
        this.backoff = backoff;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
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
        for (String guid : due()) {
            if (!slots.tryAcquire()) {
                return;
            }
            if (claim(guid)) {
                senders.execute(() -> {
                    try {
                        send(guid);
                    } catch (RuntimeException e) {
                        LOG.warn("webhook delivery {}: {}", guid, e.toString());
                    } finally {
                        slots.release();
                    }
                });
            } else {
                slots.release();
            }
        }
    }

    /**
     * Deliveries whose time has come, oldest first: unclaimed (or whose claim ran out), to an enabled webhook, and
     * with no earlier delivery for the same member and webhook still pending.
     */
    List<String> due() {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.guid FROM webhook_delivery d JOIN webhook w ON w.guid = d.webhook_guid AND w.enabled = TRUE
                        WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                          AND (d.claimed_until IS NULL OR d.claimed_until < :now)
                          AND NOT EXISTS (SELECT 1 FROM webhook_delivery e WHERE e.webhook_guid = d.webhook_guid
                            AND e.member_guid = d.member_guid AND e.status = 'PENDING' AND e.seq < d.seq)
                        ORDER BY d.seq LIMIT :limit""")
                .bind("now", now).bind("limit", IN_FLIGHT).mapTo(String.class).list());
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
        return timeout.multipliedBy(2).plusSeconds(20);
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
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(out.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("X-OpenAgg-Event-Id", out.eventId())
                    .header("X-OpenAgg-Signature", Signature.header(out.secret(), clock.instant().getEpochSecond(), out.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(out.payload(), StandardCharsets.UTF_8));
            if (out.username() != null) {
                String basic = out.username() + ":" + (out.password() == null ? "" : out.password());
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            }
            if (out.callback() != null) {
                request.header("X-CALLBACK-PAYLOAD", out.callback());
            }
            // The status line is the answer; a body that never ends must not hold the sender past the time-out.
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            status = response.statusCode();
        } catch (java.io.IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        record(guid, out.attempts() + 1, status, error, (int) ((System.nanoTime() - started) / 1_000_000));
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

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        loop.shutdownNow();
        senders.shutdownNow();
    }
}
