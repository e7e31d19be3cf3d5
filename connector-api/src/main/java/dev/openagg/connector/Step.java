package dev.openagg.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one call of a {@link Connector} led to. The engine stores it on the job and moves the member accordingly;
 * the connector never changes a member itself.
 *
 * <p>Code that handles steps does so through {@link #match(Cases)}, so that a new kind of step is a compile error
 * everywhere one is handled rather than a case silently missed.
 */
public sealed interface Step {

    /** Hands this step to the method of {@code cases} that handles its kind, and returns what that method returns. */
    <R> R match(Cases<R> cases);

    /** One method per kind of step; implement all of them to handle every step. */
    interface Cases<R> {
        R challenged(Challenged step);

        R succeeded(Succeeded step);

        R failed(Failed step);

        R delayed(Delayed step);
    }

    /**
     * The institution asks the end user something. The member shows CHALLENGED with these challenges until the end
     * user answers every one of them, or until they expire; then {@link Connector#resume} is called with
     * {@code state}.
     */
    record Challenged(List<Challenge> challenges, String state) implements Step {
        public Challenged {
            Objects.requireNonNull(challenges, "challenges");
            if (challenges.isEmpty()) {
                throw new IllegalArgumentException("a challenged step needs at least one challenge");
            }
            challenges = List.copyOf(challenges);
        }

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.challenged(this);
        }
    }

    /**
     * Logged in and fetched: the job ends CONNECTED and the engine stores the harvest.
     *
     * <p>{@code keep}, when not null, replaces what the connector keeps for this member at this institution, handed
     * to every later job as {@link JobContext#kept()}: for example an access key the institution issued after MFA,
     * so that later jobs skip the challenge. It is stored like the member's credentials (never shown, never logged)
     * in the same transaction as the harvest, and deleted with the member. Null keeps what is kept; an empty map
     * forgets it.
     */
    record Succeeded(Harvest harvest, Map<String, String> keep) implements Step {
        public Succeeded {
            Objects.requireNonNull(harvest, "harvest");
            keep = keep == null ? null : Map.copyOf(keep);
        }

        /** Success that leaves what is kept for the member as it is. */
        public Succeeded(Harvest harvest) {
            this(harvest, null);
        }

        @Override
        public String toString() {
            return "Succeeded[" + harvest + (keep == null ? "" : ", keeps " + keep.keySet()) + "]";
        }

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.succeeded(this);
        }
    }

    /**
     * The job ends in an error status. Only statuses a failed job can end in are accepted (see
     * {@link ConnectionStatus#isFailure()}). {@code message}, when not null, is what the end user is shown: it
     * becomes the member's {@code connection_status_message} and the CONNECTION_STATUS webhook's; null shows MX's
     * standard message for the status. It must not contain anything secret; it is cut to
     * {@value #MESSAGE_LIMIT} characters.
     */
    record Failed(ConnectionStatus status, String message) implements Step {
        /** The longest message kept. */
        public static final int MESSAGE_LIMIT = 500;

        public Failed {
            Objects.requireNonNull(status, "status");
            if (!status.isFailure()) {
                throw new IllegalArgumentException(status + " is not a status a failed job ends in");
            }
            if (message != null && message.isBlank()) {
                message = null;
            } else if (message != null && message.length() > MESSAGE_LIMIT) {
                message = message.substring(0, MESSAGE_LIMIT);
            }
        }

        /** A failure with MX's standard message for the status. */
        public Failed(ConnectionStatus status) {
            this(status, null);
        }

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.failed(this);
        }
    }

    /**
     * The institution is slow: the member shows DELAYED, and {@link Connector#start} is called again with
     * {@code state} once {@code after} has passed.
     */
    record Delayed(Duration after, String state) implements Step {
        public Delayed {
            Objects.requireNonNull(after, "after");
            if (after.isNegative()) {
                throw new IllegalArgumentException("a delay cannot be negative");
            }
        }

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.delayed(this);
        }
    }
}
