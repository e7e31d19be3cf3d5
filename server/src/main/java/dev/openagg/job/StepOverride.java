package dev.openagg.job;

import dev.openagg.connector.Step;
import dev.openagg.engine.Job;
import dev.openagg.member.Member;
import java.util.Optional;

/**
 * Decides a job's step in place of the member's connector: the sandbox's {@code reset_login}, whose member's jobs
 * end DENIED until its credentials change. The outcome then goes through the same rules as a connector's.
 */
public interface StepOverride {

    /** The step's outcome, or empty to call the connector. Called outside any transaction, before the connector. */
    Optional<Step> outcome(Member member, Job job);

    StepOverride NONE = (member, job) -> Optional.empty();
}
