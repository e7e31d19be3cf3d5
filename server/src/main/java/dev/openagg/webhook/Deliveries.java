package dev.openagg.webhook;

import dev.openagg.connector.Guids;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Rows of the outbox: events, and the deliveries of each to its subscribers. */
final class Deliveries {
    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";
    /** How long a delivered or failed delivery stays listed (and its event stored) before it is pruned. */
    static final Duration KEPT = Duration.ofDays(30);

    private Deliveries() {
    }

    /** Stores an event; returns its id, which every delivery of it carries in {@code X-OpenAgg-Event-Id}. */
    static String addEvent(Handle h, String clientId, String memberGuid, String type, String payload, String callback,
                           Instant now) {
        String id = Guids.next("EVT");
        h.createUpdate("""
                        INSERT INTO webhook_event (id, client_id, member_guid, type, payload, callback, created_at)
                        VALUES (:id, :client, :member, :type, :payload, :callback, :now)""")
                .bind("id", id).bind("client", clientId).bind("member", memberGuid).bind("type", type)
                .bind("payload", payload).bind("callback", callback).bind("now", now)
                .execute();
        return id;
    }

    static String add(Handle h, String webhookGuid, String eventId, String memberGuid, Instant now) {
        String guid = Guids.next("WHD");
        h.createUpdate("""
                        INSERT INTO webhook_delivery (guid, webhook_guid, event_id, member_guid, status, attempts,
                          next_attempt_at, created_at, updated_at)
                        VALUES (:guid, :webhook, :event, :member, 'PENDING', 0, :now, :now, :now)""")
                .bind("guid", guid).bind("webhook", webhookGuid).bind("event", eventId).bind("member", memberGuid)
                .bind("now", now)
                .execute();
        return guid;
    }

    /**
     * Removes deliveries that ended (delivered or failed) before {@code cutoff}, with their attempts, and events no
     * delivery refers to any more. A finished delivery's {@code next_attempt_at} is the time it ended.
     */
    static void prune(Handle h, Instant cutoff) {
        h.createUpdate("DELETE FROM webhook_delivery WHERE status IN ('DELIVERED', 'FAILED') AND next_attempt_at < :cutoff")
                .bind("cutoff", cutoff).execute();
        h.createUpdate("""
                        DELETE FROM webhook_event e WHERE e.created_at < :cutoff
                          AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = e.id)""")
                .bind("cutoff", cutoff).execute();
    }
}
