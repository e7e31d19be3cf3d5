package dev.openagg.job;

import dev.openagg.engine.Job;
import dev.openagg.engine.MemberStatus;
import dev.openagg.engine.Transition;
import dev.openagg.member.Member;
import dev.openagg.member.MemberEvents;
import dev.openagg.member.MemberStore;
import dev.openagg.secret.Keyring;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Applies a {@link Transition} inside the caller's transaction, with the member row locked: the job row (written
 * over the version it was read at), the member's status, and the events, the data a job brought back included.
 */
public final class TransitionWriter {
    private final MemberStore members;
    private final JobStore jobs;
    private final List<HarvestSink> sinks;
    private final MemberEvents events;
    private final JobTrail trail;

    /** {@code keyring} encrypts the MFA answers kept on a job row for its next step. */
    public TransitionWriter(MemberStore members, Keyring keyring, List<HarvestSink> sinks, MemberEvents events,
                            JobTrail trail) {
        this.members = members;
        this.jobs = new JobStore(members.jdbi(), keyring);
        this.sinks = List.copyOf(sinks);
        this.events = events;
        this.trail = trail;
    }

    /** Where the engine reports how long its steps take. */
    JobTrail trail() {
        return trail;
    }

    /** The job rows this writer writes, for the engine to read. */
    JobStore jobs() {
        return jobs;
    }

    /**
     * Moves the member to {@code next} outside any job (a sandbox's forced status), with the CONNECTION_STATUS event
     * a job's move there would send; returns the member as it now stands.
     */
    Member applyStatus(Handle h, Member member, MemberStatus next) {
        Member moved = save(h, member, next);
        if (member.status().connectionStatus() != next.connectionStatus()) {
            events.statusChanged(h, member, moved);
        }
        trail.statusForced(h, member, next);
        return moved;
    }

    private Member save(Handle h, Member member, MemberStatus next) {
        if (!members.saveStatus(h, member, next)) {
            throw new IllegalStateException("member " + member.guid() + " changed under a lock");
        }
        return member.withStatus(next).withVersion(member.version() + 1);
    }

    /** Writes the transition; returns the member as it now stands. */
    Member apply(Handle h, Member member, Transition transition) {
        Job before = transition.jobBefore();
        if (before == null) {
            jobs.insert(h, transition.job());
        } else if (!jobs.save(h, before, transition.job())) {
            throw new IllegalStateException("job " + before.guid() + " changed under its member's lock");
        }
        Member moved = save(h, member, transition.status());
        HarvestSink.Stored[] storedByJob = {null};
        for (Transition.Event event : transition.events()) {
            event.match(new Transition.Event.Handler<Void>() {
                @Override
                public Void statusChanged(Transition.Event.StatusChanged changed) {
                    events.statusChanged(h, member, moved);
                    return null;
                }

                @Override
                public Void harvested(Transition.Event.Harvested harvested) {
                    HarvestSink.Stored stored = HarvestSink.Stored.NOTHING;
                    for (HarvestSink sink : sinks) {
                        stored = stored.plus(sink.store(h, moved, harvested.kind(), harvested.harvest()));
                    }
                    events.jobFinished(h, moved, transition.job().guid(), harvested.kind(),
                            stored.transactionsCreated(), stored.transactionsUpdated(), stored.statementsCreated());
                    storedByJob[0] = stored;
                    return null;
                }
            });
        }
        trail.applied(h, member, transition, storedByJob[0]);
        return moved;
    }
}
