package dev.openagg.connector;

import java.util.EnumSet;
import java.util.Set;

/** MX's member connection statuses, with the numeric ids MX uses in webhooks and its widget. */
public enum ConnectionStatus {
    CREATED, PREVENTED, DENIED, CHALLENGED, REJECTED, LOCKED, CONNECTED, IMPEDED, RECONNECTED, DEGRADED,
    DISCONNECTED, DISCONTINUED, CLOSED, DELAYED, FAILED, UPDATED, DISABLED, IMPORTED, RESUMED, EXPIRED, IMPAIRED,
    PENDING;

    private static final Set<ConnectionStatus> FAILURES = EnumSet.of(PREVENTED, DENIED, REJECTED, LOCKED, IMPEDED,
            DEGRADED, DISCONNECTED, DISCONTINUED, CLOSED, FAILED, DISABLED, EXPIRED, IMPAIRED);

    /** MX's numeric id; the declaration order above is MX's numbering, so this is stable. */
    public int id() {
        return ordinal();
    }

    /**
     * Whether a job can end in this status without having connected: the errors MX reports. CREATED, CHALLENGED,
     * CONNECTED and the statuses of a job in progress (RECONNECTED, DELAYED, UPDATED, RESUMED, PENDING, IMPORTED)
     * are not.
     */
    public boolean isFailure() {
        return FAILURES.contains(this);
    }
}
