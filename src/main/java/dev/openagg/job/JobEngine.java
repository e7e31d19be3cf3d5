package dev.openagg.job;

import dev.openagg.api.ApiError;
import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Connector;
import dev.openagg.connector.Guids;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.JobKind;
import dev.openagg.connector.Step;
import dev.openagg.institution.Institutions;
import dev.openagg.member.JobStarter;
import dev.openagg.member.MemberEvents;
import dev.openagg.member.Member;
import dev.openagg.member.MemberStatus;
import dev.openagg.member.MemberStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs aggregation-type jobs: starts them, runs each step through the member's connector, persists what the step
 * returned, and takes the end user's answers to challenges. Every change to a job and its member happens in one
 * transaction with the member row locked, so concurrent starts and resumes are applied exactly once.
 */
public final class JobEngine implements JobStarter {
    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);
    private static final int LOGINS_BEFORE_PREVENTED = 3;

    private final Jdbi jdbi;
    private final MemberStore members;
    private final JobStore jobs;
    private final Institutions institutions;
    private final List<HarvestSink> sinks;
    private final StepQueue queue;
    private final Clock clock;
    private final Duration challengeLifetime;
    private final MemberEvents events;

    public JobEngine(MemberStore members, Institutions institutions, List<HarvestSink> sinks, MemberEvents events,
                     StepQueue queue, Clock clock, Duration challengeLifetime) {
        this.jdbi = members.jdbi();
        this.members = members;
        this.jobs = new JobStore(jdbi);
        this.institutions = institutions;
        this.sinks = List.copyOf(sinks);
        this.queue = queue;
        this.clock = clock;
        this.challengeLifetime = challengeLifetime;
        this.events = events;
    }

    @Override
    public Started start(Member member, JobKind kind) {
        Instant now = clock.instant();
        Started started = jdbi.inTransaction(h -> {
            Member current = locked(h, member.guid());
            current = expireIfOverdue(h, current, now);
            if (current.status().isBeingAggregated()) {
                Job running = jobs.find(h, current.status().mostRecentJobGuid()).orElseThrow();
                if (running.kind() == kind) {
                    return new Started(current, false);
                }
                throw ApiError.conflict("a " + running.kind().path() + " job is already running on this member");
            }
            if (current.status().connectionStatus() == ConnectionStatus.PREVENTED) {
                throw ApiError.conflict("the member is PREVENTED after " + LOGINS_BEFORE_PREVENTED
                        + " failed logins in a row; update its credentials first");
            }
            Job job = Job.start(Guids.next("JOB"), current.guid(), kind, now);
            jobs.insert(h, job);
            return new Started(move(h, current, current.status().jobStarted(job.guid())), true);
        });
        if (started.isNew()) {
            queue.enqueue(started.member().status().mostRecentJobGuid(), 0, now);
        }
        return started;
    }

    /** Takes the answers to the member's open challenges; the job's next step runs in the background. */
    public Member resume(Member member, List<Answer> sent) {
        Instant now = clock.instant();
        Resumed resumed = jdbi.inTransaction(h -> {
            Member current = expireIfOverdue(h, locked(h, member.guid()), now);
            Job job = jobs.find(h, current.status().mostRecentJobGuid()).orElse(null);
            if (job == null || job.phase() != Job.Phase.CHALLENGED) {
                return new Resumed(current, -1, job != null && job.outcome() == ConnectionStatus.EXPIRED);
            }
            Job next = job.resumed(Answers.match(job.challenges(), sent), now);
            if (!jobs.save(h, job, next)) {
                throw new IllegalStateException("job " + job.guid() + " changed under its member's lock");
            }
            return new Resumed(move(h, current, current.status().inProgress(ConnectionStatus.RESUMED)), next.step(), false);
        });
        if (resumed.step() < 0) {
            throw ApiError.conflict(resumed.expired()
                    ? "the challenge expired before it was answered; start a new job"
                    : "the member is not challenged (connection_status " + resumed.member().status().connectionStatus() + ")");
        }
        queue.enqueue(resumed.member().status().mostRecentJobGuid(), resumed.step(), now);
        return resumed.member();
    }

    private record Resumed(Member member, int step, boolean expired) {
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
        Instant now = clock.instant();
        Optional<Job> job = jobs.find(member.status().mostRecentJobGuid()).filter(j -> j.phase() == Job.Phase.CHALLENGED);
        if (job.isPresent() && !job.get().isOverdue(now)) {
            return new View(member, job.get().challenges());
        }
        Member current = jdbi.inTransaction(h -> expireIfOverdue(h, locked(h, member.guid()), now));
        return current.status().connectionStatus() == ConnectionStatus.CHALLENGED ? view(current) : new View(current, List.of());
    }

    /** Runs one step of a job. A step that is stale (the job has moved on) does nothing. */
    public void runStep(String jobGuid, int step) {
        Optional<Job> found = jobs.find(jobGuid).filter(j -> j.phase() == Job.Phase.RUNNING && j.step() == step);
        if (found.isEmpty()) {
            return;
        }
        Job job = found.get();
        Instant now = clock.instant();
        Step outcome = callConnector(job, now);
        Optional<Instant> nextRun = jdbi.inTransaction(h -> {
            Member member = members.lock(h, job.memberGuid()).orElse(null);
            Job current = jobs.find(h, jobGuid).orElse(null);
            if (member == null || current == null || current.version() != job.version()) {
                return Optional.<Instant>empty();
            }
            return apply(h, member, current, outcome, now);
        });
        nextRun.ifPresent(at -> queue.enqueue(jobGuid, step + 1, at));
    }

    /** Only the connector's own failures fail the job; database failures and interrupts (shutdown) run it again. */
    private Step callConnector(Job job, Instant now) {
        Member member = jdbi.withHandle(h -> members.get(h, job.memberGuid())).orElseThrow();
        JobContext context = new JobContext(job.guid(), job.kind(), member.userGuid(), member.guid(),
                jdbi.withHandle(h -> members.credentialValues(h, member.guid())), job.connectorState(), now);
        try {
            Connector connector = institutions.connector(member.institutionCode()).orElseThrow();
            return job.answers() == null ? connector.start(context) : connector.resume(context, job.answers());
        } catch (RuntimeException e) {
            if (Thread.interrupted() || e.getCause() instanceof InterruptedException) {
                throw new IllegalStateException("step " + job.step() + " of job " + job.guid() + " interrupted", e);
            }
            LOG.error("connector failed on job {} step {}", job.guid(), job.step(), e);
            return new Step.Failed(ConnectionStatus.FAILED, "the institution's connector failed");
        }
    }

    /** Persists a step's outcome; returns when the job's next step should run, if it has one to run now. */
    private Optional<Instant> apply(Handle h, Member member, Job job, Step outcome, Instant now) {
        MemberStatus status = member.status();
        if (outcome instanceof Step.Challenged c) {
            jobs.save(h, job, job.challenged(c.challenges(), c.state(), now, now.plus(challengeLifetime)));
            move(h, member, status.inProgress(ConnectionStatus.CHALLENGED));
        } else if (outcome instanceof Step.Succeeded s) {
            jobs.save(h, job, job.finished(ConnectionStatus.CONNECTED, now));
            Harvest harvest = s.harvest();
            Member connected = move(h, member, status.connected(now, harvest.accounts() != null,
                    harvest.transactions() != null, harvest.accountNumbers() != null));
            HarvestSink.Stored stored = HarvestSink.Stored.NOTHING;
            for (HarvestSink sink : sinks) {
                stored = stored.plus(sink.store(h, connected, job.kind(), harvest));
            }
            events.jobFinished(h, connected, job.guid(), job.kind(), stored.transactionsCreated(),
                    stored.transactionsUpdated(), stored.statementsCreated());
        } else if (outcome instanceof Step.Failed f) {
            boolean denied = f.status() == ConnectionStatus.DENIED;
            int failedLogins = denied ? status.failedLogins() + 1 : status.failedLogins();
            ConnectionStatus end = denied && failedLogins >= LOGINS_BEFORE_PREVENTED ? ConnectionStatus.PREVENTED : f.status();
            jobs.save(h, job, job.finished(end, now));
            move(h, member, status.ended(end, now, failedLogins));
        } else if (outcome instanceof Step.Delayed d) {
            jobs.save(h, job, job.delayed(d.state(), now));
            move(h, member, status.inProgress(ConnectionStatus.DELAYED));
            return Optional.of(now.plus(d.after()));
        }
        return Optional.empty();
    }

    /** Turns every challenge whose time has run out into EXPIRED; the scheduler calls this periodically. */
    public void expireOverdue() {
        Instant now = clock.instant();
        for (String guid : jobs.overdue(now)) {
            jobs.find(guid).map(Job::memberGuid).ifPresent(memberGuid -> jdbi.useTransaction(h ->
                    members.lock(h, memberGuid).ifPresent(m -> expireIfOverdue(h, m, now))));
        }
    }

    /**
     * Queues again the step of every job that has been running for longer than {@code grace}: a node that died
     * between committing a job and queuing its step leaves such a job behind. Queuing is idempotent and a stale
     * step does nothing, so this is safe to run on every node.
     */
    public void requeueStalled(Duration grace) {
        for (Job job : jobs.runningSince(clock.instant().minus(grace))) {
            queue.enqueue(job.guid(), job.step(), clock.instant());
        }
    }

    private Member expireIfOverdue(Handle h, Member member, Instant now) {
        Optional<Job> job = jobs.find(h, member.status().mostRecentJobGuid()).filter(j -> j.isOverdue(now));
        if (job.isEmpty()) {
            return member;
        }
        jobs.save(h, job.get(), job.get().finished(ConnectionStatus.EXPIRED, now));
        return move(h, member, member.status().ended(ConnectionStatus.EXPIRED, now, member.status().failedLogins()));
    }

    private Member locked(Handle h, String memberGuid) {
        return members.lock(h, memberGuid).orElseThrow(() -> ApiError.notFound("member"));
    }

    private Member move(Handle h, Member member, MemberStatus next) {
        if (!members.saveStatus(h, member, next)) {
            throw new IllegalStateException("member " + member.guid() + " changed under a lock");
        }
        Member moved = new Member(member.guid(), member.userGuid(), member.userId(), member.id(),
                member.institutionCode(), member.metadata(), member.backgroundAggregationIsDisabled(), next,
                member.version() + 1, member.createdAt(), member.updatedAt());
        if (member.status().connectionStatus() != next.connectionStatus()) {
            events.statusChanged(h, member, moved);
        }
        return moved;
    }
}
