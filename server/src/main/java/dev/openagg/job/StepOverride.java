package dev.openagg.job;

import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.Step;
import dev.openagg.engine.Job;
import dev.openagg.member.Member;
import java.util.List;
import java.util.Optional;

/**
 * Decides a job's step in place of the member's connector: the sandbox's {@code reset_login}, whose member's jobs
 * end DENIED until its credentials change, and an OAuth member whose access is gone. The outcome then goes through
 * the same rules as a connector's.
 */
public interface StepOverride {

    /** The step's outcome, or empty to call the connector. Called outside any transaction, before the connector. */
    Optional<Step> outcome(Member member, InstitutionInfo institution, Job job);

    StepOverride NONE = (member, institution, job) -> Optional.empty();

    /** The first of {@code overrides} that decides the step, in order. */
    static StepOverride firstOf(List<StepOverride> overrides) {
        List<StepOverride> copy = List.copyOf(overrides);
        return (member, institution, job) -> copy.stream()
                .map(o -> o.outcome(member, institution, job))
                .flatMap(Optional::stream)
                .findFirst();
    }
}
