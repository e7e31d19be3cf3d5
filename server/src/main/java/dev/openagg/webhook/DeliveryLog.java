package dev.openagg.webhook;

import dev.openagg.api.Page;
import dev.openagg.api.Wire;
import dev.openagg.db.Database;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** A webhook's recent deliveries with their attempts, and redelivery on demand. */
final class DeliveryLog {
    private static final String SELECT = """
            SELECT d.guid, d.event_id, e.type, d.member_guid, d.status, d.next_attempt_at, d.created_at
            FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id""";

    private final Jdbi jdbi;
    private final Clock clock;

    DeliveryLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Newest first. */
    WebhookJson.Deliveries list(String webhookGuid, Page page) {
        return jdbi.withHandle(h -> {
            long total = h.createQuery("SELECT COUNT(*) FROM webhook_delivery WHERE webhook_guid = :w")
                    .bind("w", webhookGuid).mapTo(Long.class).one();
            List<String> guids = h.createQuery("""
                            SELECT guid FROM webhook_delivery WHERE webhook_guid = :w ORDER BY seq DESC LIMIT :l OFFSET :o""")
                    .bind("w", webhookGuid).bind("l", page.size()).bind("o", page.offset()).mapTo(String.class).list();
            return new WebhookJson.Deliveries(guids.stream().map(g -> read(h, g)).toList(), page.pagination(total));
        });
    }

    /** Queues the delivery's event again, as a new delivery to the same webhook; empty when it is not the webhook's. */
    Optional<WebhookJson.Delivery> redeliver(String webhookGuid, String deliveryGuid) {
        return jdbi.inTransaction(h -> h.createQuery(
                        "SELECT event_id, member_guid FROM webhook_delivery WHERE guid = :g AND webhook_guid = :w")
                .bind("g", deliveryGuid).bind("w", webhookGuid)
                .map((rs, c) -> Deliveries.add(h, webhookGuid, rs.getString("event_id"), rs.getString("member_guid"),
                        clock.instant()))
                .findOne()
                .map(guid -> read(h, guid)));
    }

    /**
     * The delivery row first, its attempts second: an attempt is written in the transaction that moves its delivery
     * on, so a delivery read as DELIVERED or FAILED already has its attempts committed. (Read the other way round,
     * a delivery finished in between would show no attempt.)
     */
    private static WebhookJson.Delivery read(Handle h, String guid) {
        WebhookJson.Delivery delivery = h.createQuery(SELECT + " WHERE d.guid = :g").bind("g", guid)
                .map((rs, c) -> new WebhookJson.Delivery(rs.getString("guid"), rs.getString("event_id"),
                        rs.getString("type"), rs.getString("member_guid"), rs.getString("status"),
                        Deliveries.PENDING.equals(rs.getString("status"))
                                ? Wire.time(Database.instant(rs, "next_attempt_at")) : null,
                        Wire.time(Database.instant(rs, "created_at")), List.of()))
                .one();
        List<WebhookJson.Attempt> attempts = h.createQuery("""
                        SELECT attempt, attempted_at, http_status, error, duration_ms FROM webhook_attempt
                        WHERE delivery_guid = :g ORDER BY attempt""")
                .bind("g", guid)
                .map((rs, c) -> new WebhookJson.Attempt(rs.getInt("attempt"), Wire.time(Database.instant(rs, "attempted_at")),
                        (Integer) rs.getObject("http_status"), rs.getString("error"), rs.getInt("duration_ms")))
                .list();
        return delivery.withAttempts(attempts);
    }
}
