package dev.openagg.job;

import dev.openagg.connector.JobKind;
import dev.openagg.engine.MemberStatus;
import dev.openagg.engine.Transition;
import dev.openagg.member.Member;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Hears of every change {@link TransitionWriter} makes to a member and its job, inside the same transaction, to
 * record what happened (the member's timeline). It only observes: the engine has decided everything already.
 */
public interface JobTrail {

    /** {@code transition} was applied to {@code member}; {@code stored} is what its data added, if it brought any. */
    void applied(Handle h, Member member, Transition transition, HarvestSink.Stored stored);

    /** The member was moved to {@code next} outside any job (the sandbox's forced status). */
    void statusForced(Handle h, Member member, MemberStatus next);

    /** A step of a job of {@code kind} took {@code nanos} to decide (the connector's call, or the override's). */
    default void stepTaken(JobKind kind, long nanos) {
    }

    /** Every one of {@code trails}, in order. */
    static JobTrail all(List<JobTrail> trails) {
        List<JobTrail> copy = List.copyOf(trails);
        return new JobTrail() {
            @Override
            public void applied(Handle h, Member member, Transition transition, HarvestSink.Stored stored) {
                copy.forEach(t -> t.applied(h, member, transition, stored));
            }

            @Override
            public void statusForced(Handle h, Member member, MemberStatus next) {
                copy.forEach(t -> t.statusForced(h, member, next));
            }

            @Override
            public void stepTaken(JobKind kind, long nanos) {
                copy.forEach(t -> t.stepTaken(kind, nanos));
            }
        };
    }

    JobTrail NONE = new JobTrail() {
        @Override
        public void applied(Handle h, Member member, Transition transition, HarvestSink.Stored stored) {
        }

        @Override
        public void statusForced(Handle h, Member member, MemberStatus next) {
        }
    };
}
