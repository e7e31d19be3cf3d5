package dev.openagg.connector;

/** MX's member connection statuses, with the numeric ids MX uses in webhooks and its widget. */
public enum ConnectionStatus {
    CREATED, PREVENTED, DENIED, CHALLENGED, REJECTED, LOCKED, CONNECTED, IMPEDED, RECONNECTED, DEGRADED,
    DISCONNECTED, DISCONTINUED, CLOSED, DELAYED, FAILED, UPDATED, DISABLED, IMPORTED, RESUMED, EXPIRED, IMPAIRED,
    PENDING;

    /** MX's numeric id; the declaration order above is MX's numbering, so this is stable. */
    public int id() {
        return ordinal();
    }
}
