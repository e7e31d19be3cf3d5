package dev.openagg.job;

import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Connector;
import dev.openagg.connector.Guids;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.JobKind;
import dev.openagg.connector.Step;
import dev.openagg.engine.ConnectorCall;
import dev.openagg.engine.Job;
import dev.openagg.engine.JobRules;
import dev.openagg.engine.ResumeDecision;
import dev.openagg.engine.StartDecision;
import dev.openagg.engine.Transition;
import dev.openagg.clock.ClientClocks;
import dev.openagg.institution.Institutions;
import dev.openagg.logging.LogContext;
import dev.openagg.member.JobStarter;
import dev.openagg.member.Member;
import dev.openagg.member.MemberStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs aggregation-type jobs: the shell around {@link JobRules}, which decides. Each method reads the member (its
 * row locked) and its job, asks the rules what follows, and applies the {@link Transition} in the same transaction
 * ({@link TransitionWriter}); steps it queues are handed to the scheduler after the commit. Concurrent starts and
 * resumes are therefore applied exactly once.
 */
public final class JobEngine implements JobStarter {
    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);
    /** How soon a step whose outcome could not be stored runs again. */
    private static final Duration RETRY_WRITE = Duration.ofSeconds(1);

    private final Jdbi jdbi;
    private final MemberStore members;
    private final JobStore jobs;
    private final Institutions institutions;
    private final TransitionWriter writer;
    private final StepQueue queue;
    private final ClientClocks clocks;
    private final JobRules rules;
    private final StepOverride override;

    /** A step of an OAuth institution's job that asks MFA: such institutions connect on the consent given. */
    static final Step.Failed OAUTH_CHALLENGE = new Step.Failed(ConnectionStatus.FAILED,
            "This institution asked for more information it should not need. Please try again later.");

    /**
     * {@code override} may decide a step in place of the connector (the sandbox's forced failed logins). Every time
     * of a member's job is read on its client's clock ({@code clocks}); a step's due time is handed to the queue on
     * the server's clock.
     */
    public JobEngine(MemberStore members, Institutions institutions, TransitionWriter writer, StepQueue queue,
                     ClientClocks clocks, Duration challengeLifetime, StepOverride override) {
        this.jdbi = members.jdbi();
        this.members = members;
        this.jobs = writer.jobs();
        this.institutions = institutions;
        this.writer = writer;
        this.queue = queue;
        this.clocks = clocks;
        this.rules = new JobRules(challengeLifetime);
        this.override = override;
    }

    @Override
    public Optional<Start> start(Member member, JobKind kind) {
        return start(member, kind, null);
    }

    /**
     * Records a background aggregation's claim on the member inside the transaction that starts its job, with the
     * member's row locked, so claims of several nodes are made one after the other.
     */
    public interface BackgroundClaim {
        /**
         * Claims {@code member}'s background aggregation for {@code jobGuid} (null when the rules started no job:
         * the member is busy or PREVENTED, and the attempt still counts); false when it was already claimed, and
         * then nothing is started.
         */
        boolean claim(Handle h, Member member, String jobGuid);
    }

    /**
     * Starts an aggregation in the background, under {@code claim}. Empty when the member no longer exists or the
     * claim was already taken.
     */
    public Optional<Start> startBackground(Member member, BackgroundClaim claim) {
        return start(member, JobKind.AGGREGATE, claim);
    }

    private Optional<Start> start(Member member, JobKind kind, BackgroundClaim claim) {
        InstitutionInfo institution = institutions.find(member.institutionCode()).orElseThrow();
        Applied<Start> applied = jdbi.inTransaction(h -> {
            Member locked = members.lock(h, member.guid()).orElse(null);
            if (locked == null) {
                return new Applied<Start>(null, null, null);
            }
            ClientClocks.Now time = clocks.of(h, locked.clientId());
            Instant now = time.now();
            Current state = current(h, locked, now);
            Member current = state.member();
            Job job = state.job();
            StartDecision decision = rules.start(current.guid(), current.status(), job, institution, kind,
                    Guids.next("JOB"), now);
            String jobGuid = decision instanceof StartDecision.Started s ? s.transition().job().guid() : null;
            if (claim != null && !claim.claim(h, current, jobGuid)) {
                return new Applied<Start>(null, null, null);
            }
            if (decision instanceof StartDecision.Started started) {
                Member moved = writer.apply(h, current, started.transition());
                return new Applied<Start>(new Start.Started(moved), started.transition(), time);
            }
            return new Applied<Start>(refused(current, decision), null, null);
        });
        applied.queueNextStep(queue);
        return Optional.ofNullable(applied.result());
    }

    private static Start refused(Member member, StartDecision decision) {
        if (decision instanceof StartDecision.AlreadyRunning) {
            return new Start.AlreadyRunning(member);
        } else if (decision instanceof StartDecision.Busy busy) {
            return new Start.Busy(member, busy.running());
        } else if (decision instanceof StartDecision.Prevented prevented) {
            return new Start.Prevented(member, prevented.failedLogins());
        } else if (decision instanceof StartDecision.Unsupported unsupported) {
            return new Start.Unsupported(member, unsupported.kind());
        }
        throw new IllegalStateException("unhandled start decision " + decision);
    }

    /** What a resume request came to; {@link #member()} is the member as it now stands in every case. */
    public sealed interface Resume {
        Member member();

        /** The answers were taken; the job's next step runs in the background. */
        record Resumed(Member member) implements Resume {
        }

        /** The member has no open challenge. */
        record NotChallenged(Member member) implements Resume {
        }

        /** The challenge expired before it was answered. */
        record Expired(Member member) implements Resume {
        }

        /** The answers do not fit the open challenges; nothing changed. */
        record InvalidAnswers(Member member, List<String> problems) implements Resume {
        }
    }

    /**
     * Takes the answers to the member's open challenges; the job's next step runs in the background. Empty when the
     * member no longer exists.
     */
    public Optional<Resume> resume(Member member, List<Answer> sent) {
        Applied<Resume> applied = jdbi.inTransaction(h -> {
            Member locked = members.lock(h, member.guid()).orElse(null);
            if (locked == null) {
                return new Applied<Resume>(null, null, null);
            }
            ClientClocks.Now time = clocks.of(h, locked.clientId());
            Instant now = time.now();
            Current state = current(h, locked, now);
            Member current = state.member();
            Job job = state.job();
            ResumeDecision decision = rules.resume(current.status(), job, sent, now);
            if (decision instanceof ResumeDecision.Resumed resumed) {
                Member moved = writer.apply(h, current, resumed.transition());
                return new Applied<Resume>(new Resume.Resumed(moved), resumed.transition(), time);
            } else if (decision instanceof ResumeDecision.InvalidAnswers invalid) {
                return new Applied<Resume>(new Resume.InvalidAnswers(current, invalid.problems()), null, null);
            } else if (decision instanceof ResumeDecision.Expired) {
                return new Applied<Resume>(new Resume.Expired(current), null, null);
            }
            return new Applied<Resume>(new Resume.NotChallenged(current), null, null);
        });
        applied.queueNextStep(queue);
        return Optional.ofNullable(applied.result());
    }

    /** What a change made by hand came to: the member as it now stands, and whether the change was made. */
    public record Forced(Member member, boolean applied) {
    }

    /**
     * Moves the member to a resting status ({@link JobRules#forced}), with the webhooks a job ending there would
     * send. Not applied while a job runs. Empty when the member no longer exists.
     */
    public Optional<Forced> force(Member member, ConnectionStatus to) {
        return jdbi.inTransaction(h -> members.lock(h, member.guid()).map(locked -> {
            Instant now = clocks.of(h, locked.clientId()).now();
            Member current = expired(h, locked, now);
            return rules.forced(current.status(), to, now)
                    .map(next -> new Forced(writer.applyStatus(h, current, next), true))
                    .orElseGet(() -> new Forced(current, false));
        }));
    }

    /**
     * The member's open challenge expires now, as if its lifetime had run out ({@link JobRules#expireNow}). Not
     * applied when the member has no open challenge. Empty when the member no longer exists.
     */
    public Optional<Forced> expireNow(Member member) {
        return jdbi.inTransaction(h -> members.lock(h, member.guid()).map(locked -> {
            Instant now = clocks.of(h, locked.clientId()).now();
            Job job = jobs.find(h, locked.status().mostRecentJobGuid()).orElse(null);
            return rules.expireNow(locked.status(), job, now)
                    .map(t -> new Forced(writer.apply(h, locked, t), true))
                    .orElseGet(() -> new Forced(locked, false));
        }));
    }

    /** A member as a status read shows it: its status now and its open challenges. */
    public record View(Member member, List<Challenge> challenges) {
    }

    /**
     * The member as it is now, with its open challenges. A challenge whose time has run out is turned EXPIRED first;
     * only then is the member row locked, so polling a challenged member stays a plain read.
     */
    public View view(Member member) {
        if (member.status().connectionStatus() != ConnectionStatus.CHALLENGED) {
            return new View(member, List.of());
        }
        OpenChallenge open = jdbi.withHandle(h -> new OpenChallenge(clocks.of(h, member.clientId()).now(),
                jobs.find(h, member.status().mostRecentJobGuid()).filter(j -> j.phase() == Job.Phase.CHALLENGED)));
        Instant now = open.now();
        if (open.job().isPresent() && !open.job().get().isOverdue(now)) {
            return new View(member, open.job().get().challenges());
        }
        Member current = jdbi.inTransaction(h -> members.lock(h, member.guid()).map(m -> expired(h, m, now)))
                .orElse(member);
        return current.status().connectionStatus() == ConnectionStatus.CHALLENGED ? view(current) : new View(current, List.of());
    }

    /** A challenged member's client's time and its job while challenged, read together on one handle. */
    private record OpenChallenge(Instant now, Optional<Job> job) {
    }

    /** Runs one step of a job. A step that is stale (the job has moved on) does nothing. */
    public void runStep(String jobGuid, int step) {
        try {
            runStepOf(jobGuid, step);
        } finally {
            MDC.remove(LogContext.MEMBER);
        }
    }

    private void runStepOf(String jobGuid, int step) {
        StepInputs inputs = jdbi.withHandle(h -> inputs(h, jobGuid, step)).orElse(null);
        if (inputs == null) {
            return;
        }
        Job job = inputs.job();
        Member member = inputs.member();
        Instant now = inputs.now();
        MDC.put(LogContext.MEMBER, job.memberGuid());
        Connector connector = institutions.connector(member.institutionCode()).orElse(null);
        long started = System.nanoTime();
        Step outcome = connector == null
                ? new Step.Failed(ConnectionStatus.FAILED, "This institution is no longer served.")
                : override.outcome(member, connector.institution(), job)
                        .orElseGet(() -> connectorStep(connector, inputs));
        writer.trail().stepTaken(job.kind(), System.nanoTime() - started);
        int stateVersion = connector == null ? 0 : connector.stateVersion();
        int rows = dataRows(outcome);
        if (rows > 0) {
            queue.writeHarvest(rows, () -> applyHandedOver(job, member, outcome, stateVersion, now));
        } else {
            applyStep(job, member, outcome, stateVersion, now);
        }
    }

    /**
     * What a step starts from, read on one handle: its job, the job's member, the client's time, and what the
     * connector is given (the member's credentials and kept values, and how many jobs it ran before).
     */
    private record StepInputs(Job job, Member member, Instant now, Map<String, String> credentials,
                              Map<String, String> kept, JobStore.Earlier earlier) {
        /** Names the job only: the credentials and kept values are secrets. */
        @Override
        public String toString() {
            return "StepInputs[" + job.guid() + "]";
        }
    }

    /** The inputs of the job's step {@code step}; empty when the job has moved on or its member is gone. */
    private Optional<StepInputs> inputs(Handle h, String jobGuid, int step) {
        return jobs.stepping(h, jobGuid).filter(s -> s.job().isRunning() && s.job().step() == step)
                .flatMap(s -> members.get(h, s.job().memberGuid()).map(member -> new StepInputs(s.job(), member,
                        clocks.of(h, member.clientId()).now(), members.credentialValues(h, member.guid()),
                        members.keptValues(h, member.guid(), member.institutionCode()), s.earlier())));
    }

    /**
     * The transactions and holdings a successful step brought back, 0 for any other outcome: a step with some has
     * hundreds of rows to store, on the queue's writers, and the count is what the write holds in memory meanwhile.
     */
    private static int dataRows(Step outcome) {
        return outcome instanceof Step.Succeeded succeeded
                ? size(succeeded.harvest().transactions()) + size(succeeded.harvest().holdings())
                : 0;
    }

    private static int size(List<?> rows) {
        return rows == null ? 0 : rows.size();
    }

    /**
     * A step's outcome applied away from the step's thread. Should it fail (the database went away), the step is
     * queued again shortly; were that lost too, the sweep ({@link #requeueStalled}) runs it again.
     */
    private void applyHandedOver(Job job, Member member, Step outcome, int stateVersion, Instant now) {
        MDC.put(LogContext.MEMBER, job.memberGuid());
        try {
            applyStep(job, member, outcome, stateVersion, now);
        } catch (RuntimeException e) {
            LOG.error("storing the outcome of job {} step {} failed; the step runs again", job.guid(), job.step(), e);
            queue.enqueue(job.guid(), job.step(), clocks.base().instant().plus(RETRY_WRITE));
        } finally {
            MDC.remove(LogContext.MEMBER);
        }
    }

    /** Applies a step's outcome, unless the job moved on meanwhile, and queues the job's next step. */
    private void applyStep(Job job, Member member, Step outcome, int stateVersion, Instant now) {
        String jobGuid = job.guid();
        Optional<Transition> applied = jdbi.inTransaction(h -> {
            Member locked = members.lock(h, job.memberGuid()).orElse(null);
            Job current = jobs.find(h, jobGuid).orElse(null);
            if (locked == null || current == null || current.version() != job.version()) {
                return Optional.<Transition>empty();
            }
            Transition transition = rules.afterStep(locked.status(), current, outcome, stateVersion, now);
            writer.apply(h, locked, transition);
            keep(h, locked, outcome, transition);
            return Optional.of(transition);
        });
        applied.ifPresent(t -> t.nextStepAt().ifPresent(at -> queueStep(jobGuid, t.job().step(), member.clientId(),
                at, now)));
    }

    /**
     * Queues a step at {@code at} on the client's clock. The offset is read again, as an advance of the client's clock
     * while the connector worked brings the step forward. A step the connector put off is then checked with the
     * client's clock held: an advance that committed after the offset was read but before the step was queued found
     * nothing to pull back, and the step would wait for the server's clock. The queued step is set again only when
     * the held clock gives another time: setting it changes its row's version, and a node that fetched the row just
     * before fails to take it and looks for due steps again only at its next poll.
     */
    private void queueStep(String jobGuid, int step, String clientId, Instant at, Instant now) {
        Instant queued = clocks.of(clientId).onServerClock(at);
        queue.enqueue(jobGuid, step, queued);
        if (clocks.areOn() && at.isAfter(now)) {
            clocks.holding(clientId, (h, time) -> {
                Instant held = time.onServerClock(at);
                if (!held.equals(queued)) {
                    StepTimes.set(h, jobGuid, step, held);
                }
            });
        }
    }

    /** The connector's step; never a challenge for an OAuth institution, whose end user consented on its page. */
    private Step connectorStep(Connector connector, StepInputs inputs) {
        Step step = callConnector(connector, inputs);
        return step instanceof Step.Challenged && connector.institution().supportsOauth() ? OAUTH_CHALLENGE : step;
    }

    /** Stores what a successful step asked to keep for the member, when the rules took its success. */
    private void keep(Handle h, Member member, Step outcome, Transition transition) {
        boolean harvested = transition.events().stream().anyMatch(e -> e instanceof Transition.Event.Harvested);
        if (harvested && outcome instanceof Step.Succeeded succeeded && succeeded.keep() != null) {
            members.replaceKept(h, member.guid(), member.institutionCode(), succeeded.keep());
        }
    }

    /**
     * Calls the connector ({@link ConnectorCall}). Only the connector's own failures fail the job; database failures
     * and interrupts (shutdown) run the step again.
     */
    private Step callConnector(Connector connector, StepInputs inputs) {
        Job job = inputs.job();
        Member member = inputs.member();
        JobStore.Earlier earlier = inputs.earlier();
        ConnectorCall call = ConnectorCall.of(connector, job, state -> new JobContext(job.guid(), job.kind(),
                member.userGuid(), member.guid(), inputs.credentials(), state, inputs.now(), earlier.all(),
                earlier.ofKind(), inputs.kept()));
        RuntimeException failure = call.failure();
        if (failure != null) {
            if (Thread.interrupted() || failure.getCause() instanceof InterruptedException) {
                throw new IllegalStateException("step " + job.step() + " of job " + job.guid() + " interrupted", failure);
            }
            LOG.error("connector of {} failed on job {} step {}", member.institutionCode(), job.guid(), job.step(),
                    failure);
        } else if (call.step() == JobRules.STATE_NOT_UPGRADED) {
            LOG.warn("job {} waited with connector state version {}; {} is at version {} and cannot upgrade it",
                    job.guid(), job.stateVersion(), member.institutionCode(), connector.stateVersion());
        }
        return call.step();
    }

    /**
     * Turns every challenge whose time has run out into EXPIRED; the scheduler calls this periodically. Expiry times
     * are on the clients' clocks: the candidates are those due by the clock furthest ahead, each then judged on its
     * own client's clock.
     */
    public void expireOverdue() {
        for (String guid : jobs.overdue(clocks.base().instant().plus(clocks.mostAhead()))) {
            jobs.find(guid).map(Job::memberGuid).ifPresent(memberGuid -> jdbi.useTransaction(h ->
                    members.lock(h, memberGuid).ifPresent(m -> expired(h, m, clocks.of(h, m.clientId()).now()))));
        }
    }

    /**
     * Queues again the step of every job that has been running for longer than {@code grace}: a node that died
     * between committing a job and queuing its step leaves such a job behind. Queuing is idempotent and a stale
     * step does nothing, so this is safe to run on every node.
     */
    public void requeueStalled(Duration grace) {
        Instant base = clocks.base().instant();
        for (Job job : jobs.runningSince(base.plus(clocks.mostAhead()).minus(grace))) {
            boolean stalled = jdbi.withHandle(h -> members.get(h, job.memberGuid())
                    .map(m -> job.updatedAt().isBefore(clocks.of(h, m.clientId()).now().minus(grace)))
                    .orElse(false));
            if (stalled) {
                queue.enqueue(job.guid(), job.step(), base);
            }
        }
    }

    /** The member after its overdue challenge, if it has one, has expired. */
    private Member expired(Handle h, Member member, Instant now) {
        return current(h, member, now).member();
    }

    /** A member as it stands once its overdue challenge, if any, has expired, and its most recent job. */
    private record Current(Member member, Job job) {
    }

    /** {@link #expired}, with the most recent job it read: read once, and again only when the expiry changed it. */
    private Current current(Handle h, Member member, Instant now) {
        Job job = jobs.find(h, member.status().mostRecentJobGuid()).orElse(null);
        Optional<Transition> expiry = rules.expire(member.status(), job, now);
        if (expiry.isEmpty()) {
            return new Current(member, job);
        }
        Member moved = writer.apply(h, member, expiry.get());
        return new Current(moved, jobs.find(h, moved.status().mostRecentJobGuid()).orElse(null));
    }

    /**
     * A result, and the transition whose next step is queued once the transaction has committed, on the server's
     * clock ({@code time} is the client's time the transition was made at).
     */
    private record Applied<R>(R result, Transition transition, ClientClocks.Now time) {
        void queueNextStep(StepQueue queue) {
            if (transition != null) {
                transition.nextStepAt().ifPresent(at -> queue.enqueue(transition.job().guid(), transition.job().step(),
                        time.onServerClock(at)));
            }
        }
    }
}
