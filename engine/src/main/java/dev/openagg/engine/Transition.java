package dev.openagg.engine;

import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.JobKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one decision of {@link JobRules} does to a job and its member, to be applied all at once: the job as it was
 * read ({@code null} when the decision creates it) and as it becomes, the member's status before and after, the
 * events to emit, and when the job's next step ({@code job().step()}) should run, if one should.
 */
public record Transition(Job jobBefore, Job job, MemberStatus statusBefore, MemberStatus status, List<Event> events,
                         Optional<Instant> nextStepAt) {

    public Transition {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(statusBefore, "statusBefore");
        Objects.requireNonNull(status, "status");
        events = List.copyOf(events);
        Objects.requireNonNull(nextStepAt, "nextStepAt");
    }

    static Transition of(Job before, Job after, MemberStatus statusBefore, MemberStatus status, Harvest harvest,
                         Optional<Instant> nextStepAt) {
        List<Event> events = new java.util.ArrayList<>();
        if (statusBefore.connectionStatus() != status.connectionStatus()) {
            events.add(new Event.StatusChanged(statusBefore.connectionStatus(), status.connectionStatus(),
                    status.message()));
        }
        if (harvest != null) {
            events.add(new Event.Harvested(after.kind(), harvest));
        }
        return new Transition(before, after, statusBefore, status, events, nextStepAt);
    }

    /** Something the change must tell the world about, in the transaction that makes it. */
    public sealed interface Event {

        <R> R match(Handler<R> handler);

        /** One method per kind of event. */
        interface Handler<R> {
            R statusChanged(StatusChanged event);

            R harvested(Harvested event);
        }

        /** The member's connection status changed; {@code message} is the institution's, or null for MX's. */
        record StatusChanged(ConnectionStatus from, ConnectionStatus to, String message) implements Event {
            @Override
            public <R> R match(Handler<R> handler) {
                return handler.statusChanged(this);
            }
        }

        /** The job connected and brought this data back: store it, then report the job's end with its counts. */
        record Harvested(JobKind kind, Harvest harvest) implements Event {
            @Override
            public <R> R match(Handler<R> handler) {
                return handler.harvested(this);
            }
        }
    }
}
