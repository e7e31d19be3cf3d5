package dev.openagg.testkit;

import dev.openagg.connector.Answer;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Connector;
import dev.openagg.connector.Guids;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.JobKind;
import dev.openagg.connector.Step;
import dev.openagg.engine.ConnectorCall;
import dev.openagg.engine.Job;
import dev.openagg.engine.JobRules;
import dev.openagg.engine.ResumeDecision;
import dev.openagg.engine.StartDecision;
import dev.openagg.engine.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The in-memory shell around {@link JobRules}: what the server's job engine does with a database and a scheduler,
 * done with maps, a list of queued steps and a clock that moves only when told. Every decision is the rules'; this
 * class only calls the connector, applies transitions and runs steps when their time has come.
 */
final class KitEngine {
    /** Steps run back to back without the clock moving before the kit calls it a loop. */
    static final int STEPS_WITHOUT_WAITING = 1000;

    private final JobRules rules;
    private Connector connector;
    private Instant now;
    private final Map<String, KitMember> members = new LinkedHashMap<>();
    private final Map<String, Job> jobs = new HashMap<>();
    private final Map<String, Harvest> harvests = new HashMap<>();
    private final Map<String, RuntimeException> thrown = new HashMap<>();
    private final List<Queued> queue = new ArrayList<>();

    /** A step waiting for its time, as the server's scheduler holds it. */
    private record Queued(String jobGuid, int step, Instant at) {
    }

    KitEngine(Connector connector, Duration challengeLifetime, Instant start) {
        this.rules = new JobRules(challengeLifetime);
        this.connector = connector;
        this.now = start;
    }

    Instant now() {
        return now;
    }

    Connector connector() {
        return connector;
    }

    void replaceConnector(Connector next) {
        connector = next;
    }

    void add(KitMember member) {
        members.put(member.guid(), member);
    }

    Optional<Job> job(String guid) {
        return Optional.ofNullable(jobs.get(guid));
    }

    Optional<Harvest> harvest(String jobGuid) {
        return Optional.ofNullable(harvests.get(jobGuid));
    }

    Optional<RuntimeException> thrown(String jobGuid) {
        return Optional.ofNullable(thrown.get(jobGuid));
    }

    StartDecision start(KitMember member, JobKind kind) {
        expire(member);
        StartDecision decision = rules.start(member.guid(), member.status(), latest(member),
                connector.institution(), kind, Guids.next("JOB"), now);
        if (decision instanceof StartDecision.Started started) {
            apply(member, started.transition());
            runDue();
        }
        return decision;
    }

    ResumeDecision resume(KitMember member, List<Answer> answers) {
        expire(member);
        ResumeDecision decision = rules.resume(member.status(), latest(member), answers, now);
        if (decision instanceof ResumeDecision.Resumed resumed) {
            apply(member, resumed.transition());
            runDue();
        }
        return decision;
    }

    void credentialsUpdated(KitMember member) {
        expire(member);
        if (member.status().isBeingAggregated()) {
            throw new IllegalStateException("member " + member.guid() + " is being aggregated: the server refuses new"
                    + " credentials (409) until its job ends");
        }
        member.moveTo(rules.credentialsUpdated(member.status()));
    }

    /**
     * Moves the clock on by {@code by}, stopping at each moment something falls due on the way (a delayed step, a
     * challenge's expiry) to handle it at its own time, as the server's scheduler and sweep would.
     */
    void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward, not by " + by);
        }
        Instant target = now.plus(by);
        Optional<Instant> next = nextEvent();
        while (next.isPresent() && !next.get().isAfter(target)) {
            now = next.get();
            settle();
            next = nextEvent();
        }
        now = target;
        settle();
    }

    private Optional<Instant> nextEvent() {
        Stream<Instant> steps = queue.stream().map(Queued::at);
        Stream<Instant> expiries = jobs.values().stream()
                .filter(j -> j.phase() == Job.Phase.CHALLENGED && j.expiresAt() != null)
                .map(Job::expiresAt);
        return Stream.concat(steps, expiries).filter(at -> at.isAfter(now)).min(Comparator.naturalOrder());
    }

    private void settle() {
        members.values().forEach(this::expire);
        runDue();
    }

    private void expire(KitMember member) {
        rules.expire(member.status(), latest(member), now).ifPresent(t -> apply(member, t));
    }

    private Job latest(KitMember member) {
        String guid = member.status().mostRecentJobGuid();
        return guid == null ? null : jobs.get(guid);
    }

    private void runDue() {
        for (int ran = 0; ; ran++) {
            Optional<Queued> due = queue.stream().filter(q -> !q.at().isAfter(now))
                    .min(Comparator.comparing(Queued::at));
            if (due.isEmpty()) {
                return;
            }
            if (ran == STEPS_WITHOUT_WAITING) {
                throw new AssertionError("the connector returned " + STEPS_WITHOUT_WAITING + " steps in a row without"
                        + " the clock moving: a Step.Delayed with a zero delay, over and over?");
            }
            queue.remove(due.get());
            runStep(due.get());
        }
    }

    /** One step of a job; a stale step (the job has moved on) does nothing, as on the server. */
    private void runStep(Queued queued) {
        Job job = jobs.get(queued.jobGuid());
        if (job == null || !job.isRunning() || job.step() != queued.step()) {
            return;
        }
        KitMember member = members.get(job.memberGuid());
        Step outcome = call(job, member);
        apply(member, rules.afterStep(member.status(), job, outcome, connector.stateVersion(), now));
    }

    /**
     * Calls the connector as the server does ({@link ConnectorCall}); an exception it threw is kept for failure
     * messages, and a connector that returns no step is a bug the kit names at once.
     */
    private Step call(Job job, KitMember member) {
        // A member runs one job at a time, so its other jobs are the earlier ones, as the server counts them.
        List<Job> earlier = jobs.values().stream()
                .filter(j -> j.memberGuid().equals(job.memberGuid()) && !j.guid().equals(job.guid())).toList();
        int ofKind = (int) earlier.stream().filter(j -> j.kind() == job.kind()).count();
        ConnectorCall call = ConnectorCall.of(connector, job, state -> new JobContext(job.guid(), job.kind(),
                member.userGuid(), member.guid(), member.credentials(), state, now, earlier.size(), ofKind));
        if (call.failure() instanceof ConnectorCall.NoStepReturned noStep) {
            throw new AssertionError(noStep.getMessage(), noStep);
        }
        if (call.failure() != null) {
            thrown.put(job.guid(), call.failure());
        }
        return call.step();
    }

    private void apply(KitMember member, Transition transition) {
        Job job = transition.job();
        jobs.put(job.guid(), job);
        member.moveTo(transition.status());
        for (Transition.Event event : transition.events()) {
            if (event instanceof Transition.Event.Harvested harvested) {
                harvests.put(job.guid(), harvested.harvest());
            }
        }
        transition.nextStepAt().ifPresent(at -> queue.add(new Queued(job.guid(), job.step(), at)));
    }
}
