package dev.openagg.engine;

import dev.openagg.connector.Answer;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobKind;
import dev.openagg.connector.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The job state machine, as pure functions: given a job, its member's status, what happened and the time, each
 * method says what follows, and changes nothing. The server applies the result in one transaction; the connector
 * test kit applies it in memory. The README's table "How a job moves a member" is this class:
 *
 * <pre>
 * from                      event                          to
 * CREATED, UPDATED, CONNECTED  job starts                  unchanged, aggregating
 * any ended status          job starts                     RECONNECTED, aggregating
 * running                   Step.Challenged                CHALLENGED
 * CHALLENGED                answers received               RESUMED
 * CHALLENGED                challenge lifetime ran out     EXPIRED, ended
 * running                   Step.Delayed                   DELAYED
 * running                   Step.Succeeded                 CONNECTED, authenticated, data stored
 * running                   Step.Failed                    its status, ended, with its message
 * DENIED twice before       Step.Failed(DENIED)            PREVENTED: jobs refused until new credentials
 * any                       credentials updated            UPDATED, failed logins forgotten
 * </pre>
 */
public final class JobRules {
    /** Failed logins in a row after which a member is PREVENTED. */
    public static final int LOGINS_BEFORE_PREVENTED = 3;

    /**
     * What a step comes to when the job waited with connector state of another {@code stateVersion} and the
     * connector's {@code upgradeState} cannot read it: the job ends FAILED and the end user is asked to start again.
     */
    public static final Step.Failed STATE_NOT_UPGRADED = new Step.Failed(ConnectionStatus.FAILED,
            "This connection was interrupted by an upgrade. Please try again.");

    private final Duration challengeLifetime;

    /** {@code challengeLifetime}: how long a challenge waits for its answers before the member is EXPIRED. */
    public JobRules(Duration challengeLifetime) {
        if (challengeLifetime.isNegative() || challengeLifetime.isZero()) {
            throw new IllegalArgumentException("a challenge lifetime must be positive");
        }
        this.challengeLifetime = challengeLifetime;
    }

    /**
     * A request to start a job of {@code kind} on a member whose most recent job is {@code current} (null when it
     * has none). Apply {@link #expire} first, so that a challenge whose time ran out counts as ended.
     */
    public StartDecision start(String memberGuid, MemberStatus status, Job current, InstitutionInfo institution,
                               JobKind kind, String newJobGuid, Instant now) {
        if (!institution.supports(kind)) {
            return new StartDecision.Unsupported(kind);
        }
        if (status.isBeingAggregated() && current != null && current.phase() != Job.Phase.FINISHED) {
            return current.kind() == kind
                    ? new StartDecision.AlreadyRunning(kind)
                    : new StartDecision.Busy(current.kind());
        }
        if (status.connectionStatus() == ConnectionStatus.PREVENTED) {
            return new StartDecision.Prevented(status.failedLogins());
        }
        Job job = Job.start(Objects.requireNonNull(newJobGuid), memberGuid, kind, now);
        return new StartDecision.Started(Transition.of(null, job, status, status.jobStarted(job.guid()), null,
                Optional.of(now)));
    }

    /**
     * The end user's answers to the member's open challenges. Apply {@link #expire} first, so that answers that
     * come too late find the job EXPIRED.
     */
    public ResumeDecision resume(MemberStatus status, Job current, List<Answer> sent, Instant now) {
        if (current == null || current.phase() != Job.Phase.CHALLENGED) {
            return current != null && current.outcome() == ConnectionStatus.EXPIRED
                    && status.connectionStatus() == ConnectionStatus.EXPIRED
                    ? new ResumeDecision.Expired()
                    : new ResumeDecision.NotChallenged(status.connectionStatus());
        }
        Answers.Match match = Answers.match(current.challenges(), sent);
        if (match instanceof Answers.Match.Invalid invalid) {
            return new ResumeDecision.InvalidAnswers(invalid.problems());
        }
        Job next = current.resumed(((Answers.Match.Matched) match).answers(), now);
        return new ResumeDecision.Resumed(Transition.of(current, next, status,
                status.inProgress(ConnectionStatus.RESUMED), null, Optional.of(now)));
    }

    /**
     * What a step's outcome does to a running job. {@code stateVersion} is the connector's state version, stored
     * with the state the step returned.
     */
    public Transition afterStep(MemberStatus status, Job job, Step outcome, int stateVersion, Instant now) {
        if (!job.isRunning()) {
            throw new IllegalArgumentException("job " + job.guid() + " is " + job.phase() + ", not running");
        }
        return outcome.match(new Step.Cases<>() {
            @Override
            public Transition challenged(Step.Challenged step) {
                Job next = job.challenged(step.challenges(), step.state(), stateVersion, now,
                        now.plus(challengeLifetime));
                return Transition.of(job, next, status, status.inProgress(ConnectionStatus.CHALLENGED), null,
                        Optional.empty());
            }

            @Override
            public Transition succeeded(Step.Succeeded step) {
                Harvest harvest = step.harvest();
                MemberStatus connected = status.connected(now, harvest.accounts() != null,
                        harvest.transactions() != null, harvest.accountNumbers() != null);
                return Transition.of(job, job.finished(ConnectionStatus.CONNECTED, now), status, connected, harvest,
                        Optional.empty());
            }

            @Override
            public Transition failed(Step.Failed step) {
                boolean denied = step.status() == ConnectionStatus.DENIED;
                int failedLogins = denied ? status.failedLogins() + 1 : status.failedLogins();
                boolean prevented = denied && failedLogins >= LOGINS_BEFORE_PREVENTED;
                ConnectionStatus end = prevented ? ConnectionStatus.PREVENTED : step.status();
                String message = prevented ? null : step.message();
                return Transition.of(job, job.finished(end, now), status,
                        status.ended(end, now, failedLogins, message), null, Optional.empty());
            }

            @Override
            public Transition delayed(Step.Delayed step) {
                Job next = job.delayed(step.state(), stateVersion, now);
                return Transition.of(job, next, status, status.inProgress(ConnectionStatus.DELAYED), null,
                        Optional.of(now.plus(step.after())));
            }
        });
    }

    /** A challenge left unanswered past its lifetime ends the job EXPIRED; anything else is left alone. */
    public Optional<Transition> expire(MemberStatus status, Job current, Instant now) {
        if (current == null || !current.isOverdue(now)) {
            return Optional.empty();
        }
        return expireNow(status, current, now);
    }

    /**
     * The open challenge expires now, as if its lifetime had run out (a sandbox's {@code expire_challenges}); empty
     * when the job is not waiting on a challenge.
     */
    public Optional<Transition> expireNow(MemberStatus status, Job current, Instant now) {
        if (current == null || current.phase() != Job.Phase.CHALLENGED) {
            return Optional.empty();
        }
        return Optional.of(Transition.of(current, current.finished(ConnectionStatus.EXPIRED, now), status,
                status.ended(ConnectionStatus.EXPIRED, now, status.failedLogins(), null), null, Optional.empty()));
    }

    /**
     * Whether a member can rest in {@code status} between jobs: CONNECTED, or an error a job can end in. The
     * statuses of a job under way (CHALLENGED, RESUMED, DELAYED, RECONNECTED...) and those before any job (CREATED,
     * UPDATED) are not.
     */
    public static boolean isResting(ConnectionStatus status) {
        return status == ConnectionStatus.CONNECTED || status.isFailure();
    }

    /**
     * The member moved to a resting status by hand (a sandbox's {@code connection_status}) with the fields a job
     * ending there would leave: CONNECTED is authenticated and forgets failed logins, PREVENTED counts enough failed
     * logins to refuse jobs until new credentials, any other error keeps the count. Empty while a job runs, or when
     * {@code to} is not {@link #isResting resting}.
     */
    public Optional<MemberStatus> forced(MemberStatus status, ConnectionStatus to, Instant now) {
        if (status.isBeingAggregated() || !isResting(to)) {
            return Optional.empty();
        }
        if (to == ConnectionStatus.CONNECTED) {
            return Optional.of(status.connected(now, false, false, false));
        }
        int failedLogins = to == ConnectionStatus.PREVENTED
                ? Math.max(status.failedLogins(), LOGINS_BEFORE_PREVENTED) : status.failedLogins();
        return Optional.of(status.ended(to, now, failedLogins, null));
    }

    /** New credentials: the member shows UPDATED, and earlier failed logins no longer count towards PREVENTED. */
    public MemberStatus credentialsUpdated(MemberStatus status) {
        return status.credentialsUpdated();
    }
}
