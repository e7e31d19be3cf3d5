package dev.openagg.webhook;

import dev.openagg.clock.ClientClocks;
import dev.openagg.db.Database;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A client's pending deliveries, due on the server's clock: advancing the client's test clock brings their retries
 * forward by as much, so those whose time came are sent at once.
 */
public final class RetryTimes implements ClientClocks.DueTimes {
    @Override
    public void pullBack(Handle h, String clientId, Duration by) {
        h.createQuery("""
                        SELECT d.guid, d.next_attempt_at FROM webhook_delivery d JOIN webhook w ON w.guid = d.webhook_guid
                        WHERE w.client_id = :c AND d.status = 'PENDING'""")
                .bind("c", clientId)
                .map((rs, c) -> Map.entry(rs.getString("guid"), Database.instant(rs, "next_attempt_at")))
                .list()
                .forEach(due -> h.createUpdate("UPDATE webhook_delivery SET next_attempt_at = :at WHERE guid = :g")
                        .bind("at", due.getValue().minus(by)).bind("g", due.getKey()).execute());
    }
}
