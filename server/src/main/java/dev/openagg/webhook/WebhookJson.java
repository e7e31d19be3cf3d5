package dev.openagg.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openagg.api.Page;
import dev.openagg.api.Wire;
import java.util.List;

/** The wire forms of OpenAgg's webhook endpoints (MX configures webhooks in a dashboard, so these are OpenAgg's). */
final class WebhookJson {
    private WebhookJson() {
    }

    record Fields(String guid, String url, List<String> eventTypes, Boolean allConnectionStatuses, Boolean enabled,
                  String username, Boolean hasPassword, String createdAt, String updatedAt,
                  @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {
    }

    record One(Fields webhook) {
    }

    record Many(List<Fields> webhooks, Page.Pagination pagination) {
    }

    record Attempt(int attempt, String attemptedAt, Integer httpStatus, String error, int durationMs) {
    }

    record Delivery(String guid, String eventId, String eventType, String memberGuid, String status,
                    String nextAttemptAt, String createdAt, List<Attempt> attempts) {
        Delivery withAttempts(List<Attempt> all) {
            return new Delivery(guid, eventId, eventType, memberGuid, status, nextAttemptAt, createdAt, all);
        }
    }

    record Deliveries(List<Delivery> deliveries, Page.Pagination pagination) {
    }

    record OneDelivery(Delivery delivery) {
    }

    /** The secret is shown once, when the webhook is created. */
    static One one(Webhook w, boolean withSecret) {
        return new One(fields(w, withSecret));
    }

    static Many many(Page.Listing<Webhook> listing) {
        return new Many(listing.items().stream().map(w -> fields(w, false)).toList(),
                listing.page().pagination(listing.total()));
    }

    private static Fields fields(Webhook w, boolean withSecret) {
        return new Fields(w.guid(), w.url(), w.eventTypes(), w.allConnectionStatuses(), w.enabled(), w.username(),
                w.password() != null, Wire.time(w.createdAt()), Wire.time(w.updatedAt()), withSecret ? w.secret() : null);
    }
}
