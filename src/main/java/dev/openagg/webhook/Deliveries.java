package dev.openagg.webhook;

import dev.openagg.connector.Guids;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Rows of the delivery queue. */
final class Deliveries {
    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";

    private Deliveries() {
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
}
