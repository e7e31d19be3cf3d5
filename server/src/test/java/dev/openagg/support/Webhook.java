package dev.openagg.support;

/** Registers webhooks for tests. */
public final class Webhook {
    private Webhook() {
    }

    /** Registers {@code url} for all three event types; returns {guid, secret}. */
    public static String[] register(Api api, String url, boolean allStatuses) {
        Reply reply = api.post("/webhooks", "{\"webhook\": {\"url\": \"" + url + "\", \"event_types\": "
                + "[\"CONNECTION_STATUS\", \"AGGREGATION\", \"MEMBER\"], \"all_connection_statuses\": " + allStatuses + "}}");
        if (reply.status() != 200) {
            throw new AssertionError("webhook not registered: " + reply);
        }
        return new String[] {reply.json().at("/webhook/guid").asText(), reply.json().at("/webhook/secret").asText()};
    }
}
