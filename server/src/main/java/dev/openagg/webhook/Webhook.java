package dev.openagg.webhook;

import java.time.Instant;
import java.util.List;

/** A client's subscription: where to send which events, and the secret that signs them. */
public record Webhook(String guid, String clientId, String url, List<String> eventTypes, boolean allConnectionStatuses,
               boolean enabled, String username, String password, String secret, Instant createdAt,
               Instant updatedAt) {

    static final List<String> EVENT_TYPES = List.of("CONNECTION_STATUS", "AGGREGATION", "MEMBER");

    public Webhook {
        eventTypes = List.copyOf(eventTypes);
    }

    @Override
    public String toString() {
        return "Webhook[" + guid + ", " + url + "]";
    }
}
