package dev.openagg.metrics;

import dev.openagg.connector.JobKind;
import dev.openagg.engine.Job;
import dev.openagg.engine.MemberStatus;
import dev.openagg.engine.Transition;
import dev.openagg.job.HarvestSink;
import dev.openagg.job.JobTrail;
import dev.openagg.member.Member;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;

/**
 * Counts what this node's engine does, from the same transitions the timeline records: jobs started by kind, jobs
 * ended by kind and outcome (an EXPIRED outcome is a challenge that expired), rounds of challenges answered, and how
 * long steps take. Counters are per node; a cluster's totals are their sum, as Prometheus adds them up.
 */
final class JobMetrics implements JobTrail {
    private final MeterRegistry registry;

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
        answered();
        expired();
    }

    /** Registered at start, so a scrape shows them at zero before anything happened. */
    private Counter answered() {
        return Counter.builder("openagg_challenges_answered").description("Rounds of MFA challenges answered")
                .register(registry);
    }

    private Counter expired() {
        return Counter.builder("openagg_challenges_expired").description("Rounds of MFA challenges left to expire")
                .register(registry);
    }

    @Override
    public void applied(Handle h, Member member, Transition transition, HarvestSink.Stored stored) {
        Job before = transition.jobBefore();
        Job job = transition.job();
        String kind = job.kind().name();
        if (before == null) {
            Counter.builder("openagg_jobs_started").description("Jobs started, by kind").tag("kind", kind)
                    .register(registry).increment();
        }
        if (job.answers() != null && (before == null || before.answers() == null)) {
            answered().increment();
        }
        if (job.phase() == Job.Phase.FINISHED && (before == null || before.phase() != Job.Phase.FINISHED)) {
            String outcome = job.outcome() == null ? "NONE" : job.outcome().name();
            Counter.builder("openagg_jobs_ended").description("Jobs ended, by kind and the member's status they ended with")
                    .tag("kind", kind).tag("status", outcome).register(registry).increment();
            if (outcome.equals("EXPIRED")) {
                expired().increment();
            }
        }
    }

    @Override
    public void statusForced(Handle h, Member member, MemberStatus next) {
        // A forced status starts and ends no job: nothing to count.
    }

    @Override
    public void stepTaken(JobKind kind, long nanos) {
        Timer.builder("openagg_job_step").description("Time a job step took to decide (the connector's call)")
                .tag("kind", kind.name()).publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }
}
