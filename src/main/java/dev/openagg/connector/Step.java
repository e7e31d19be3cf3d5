package dev.openagg.connector;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What one step of a job led to. The engine persists it and moves the member accordingly. */
public sealed interface Step {

    /** The institution asks the end user something; {@code state} comes back with the answers. */
    record Challenged(List<Challenge> challenges, String state) implements Step {
        public Challenged {
            if (challenges.isEmpty()) {
                throw new IllegalArgumentException("a challenged step needs at least one challenge");
            }
            challenges = List.copyOf(challenges);
        }
    }

    /** Logged in and fetched: the job ends CONNECTED with this data. */
    record Succeeded(Harvest harvest) implements Step {
        public Succeeded {
            Objects.requireNonNull(harvest);
        }
    }

    /** The job ends with this connection status (DENIED, REJECTED, LOCKED, FAILED, ...). */
    record Failed(ConnectionStatus status, String message) implements Step {
        public Failed {
            if (status == ConnectionStatus.CONNECTED || status == ConnectionStatus.CHALLENGED) {
                throw new IllegalArgumentException(status + " is not a failure");
            }
        }
    }

    /** The institution is slow: the member shows DELAYED and {@link Connector#start} is called again after the wait. */
    record Delayed(Duration after, String state) implements Step {
    }
}
