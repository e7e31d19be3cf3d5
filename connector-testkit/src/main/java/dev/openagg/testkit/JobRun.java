package dev.openagg.testkit;

import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.ChallengeOption;
import dev.openagg.connector.ChallengeType;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Harvest;
import dev.openagg.engine.Job;
import dev.openagg.engine.MemberStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One job of a {@link KitMember}, started by {@link KitMember#start} or {@link ConnectorKit#start}: what to send it
 * ({@link #answer}, {@link #advance}) and what to expect of it.
 *
 * <p>Every request runs the steps it makes due before it returns: after {@code start} the connector's
 * {@code start} has run, after {@code answer} its {@code resume}, so the member is already where the connector took
 * it (CHALLENGED again, CONNECTED, DENIED...). A step delayed by {@link dev.openagg.connector.Step.Delayed} waits
 * until the kit's clock reaches its time.
 *
 * <p>The {@code expect...} methods throw an {@link AssertionError} saying what was expected and what happened (the
 * member's status, its open challenges, the failure's message, an exception the connector threw, the statuses the
 * member went through), which any test framework reports as a failure. After a request the rules refused (see
 * {@link Refusal}) every expectation fails until {@link #expectRefused} or {@link #expectInvalidAnswers} has
 * accepted the refusal, so that a refused request is never mistaken for one that was taken.
 */
public final class JobRun {
    private final KitEngine engine;
    private final KitMember member;
    private final String jobGuid;
    private final int firstStatus;
    private final Refused startRefused;
    private Refused pending;

    JobRun(KitEngine engine, KitMember member, String jobGuid, int firstStatus, Refused startRefused) {
        this.engine = engine;
        this.member = member;
        this.jobGuid = jobGuid;
        this.firstStatus = firstStatus;
        this.startRefused = startRefused;
        this.pending = startRefused;
    }

    /** The member this job runs for. */
    public KitMember member() {
        return member;
    }

    /** The job as the engine holds it now, or empty when its start was refused. */
    public Optional<Job> job() {
        return jobGuid == null ? Optional.empty() : engine.job(jobGuid);
    }

    /** The member's status as it stands now. */
    public MemberStatus status() {
        return member.status();
    }

    /** The connection statuses the member has been in since this run started, the one it started from first. */
    public List<ConnectionStatus> statuses() {
        List<ConnectionStatus> all = member.statuses();
        return List.copyOf(all.subList(firstStatus, all.size()));
    }

    /** The job's open challenges, in order; empty when it is not waiting for answers. */
    public List<Challenge> challenges() {
        return job().filter(j -> j.phase() == Job.Phase.CHALLENGED && isCurrent()).map(Job::challenges)
                .orElse(List.of());
    }

    /**
     * Answers the open challenges, one value per challenge in their order, as a client's resume does. An option
     * challenge takes its option's value or its guid. The rules check the answers first: answers that do not fit
     * (too few, too many, empty) are refused ({@link #expectInvalidAnswers}), as is answering a member that is not
     * challenged. Answers that fit run the connector's {@code resume} before this returns.
     */
    public JobRun answer(String... values) {
        List<Challenge> open = challenges();
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            answers.add(new Answer(i < open.size() ? open.get(i).guid() : null, values[i]));
        }
        return resume(answers);
    }

    /**
     * Answers the one open OPTIONS or IMAGE_OPTIONS challenge by choosing the option with this label; the answer
     * names the option's guid, as MX's widget does.
     */
    public JobRun answerOption(String label) {
        List<Challenge> open = challenges();
        if (open.size() != 1 || !open.get(0).type().hasOptions()) {
            throw failure("one OPTIONS or IMAGE_OPTIONS challenge to choose \"" + label + "\" from");
        }
        ChallengeOption option = open.get(0).options().stream().filter(o -> o.label().equals(label)).findFirst()
                .orElseThrow(() -> failure("an option labelled \"" + label + "\""));
        return resume(List.of(new Answer(open.get(0).guid(), option.guid())));
    }

    /**
     * Sends these answers as they are, challenge guids included: for tests of what the rules make of answers that
     * name the wrong challenge. {@link #answer} is the usual way.
     */
    public JobRun resume(List<Answer> answers) {
        if (jobGuid == null) {
            throw new IllegalStateException("this run's start was refused; it has no job to answer");
        }
        if (!isCurrent()) {
            throw new IllegalStateException("member " + member.guid() + " has started another job since this run's");
        }
        if (pending != null) {
            throw failure("the member to be ready for answers");
        }
        pending = Refused.of(engine.resume(member, answers));
        return this;
    }

    /**
     * Moves the kit's clock on (for every member of the kit), running delayed steps and expiring challenges whose
     * time comes on the way, each at its own moment.
     */
    public JobRun advance(Duration by) {
        engine.advance(by);
        return this;
    }

    /** Expects the member CHALLENGED with one open challenge, of this type. */
    public JobRun expectChallenge(ChallengeType type) {
        return expectChallenges(type);
    }

    /** Expects the member CHALLENGED with exactly these open challenges, by type, in this order. */
    public JobRun expectChallenges(ChallengeType... types) {
        List<ChallengeType> open = challenges().stream().map(Challenge::type).toList();
        return check(taken() && status().connectionStatus() == ConnectionStatus.CHALLENGED
                        && open.equals(Arrays.asList(types)),
                "the member CHALLENGED with " + Arrays.toString(types));
    }

    /**
     * Expects the job to have ended CONNECTED, and returns what it brought back, for assertions on the data (a part
     * the job did not fetch is null).
     */
    public Harvest expectConnected() {
        check(taken() && ended(ConnectionStatus.CONNECTED), "the job to end CONNECTED");
        return engine.harvest(jobGuid).orElseThrow();
    }

    /**
     * Expects the job to have ended in this error status, with whatever message.
     *
     * @throws IllegalArgumentException when {@code status} is not one a job can fail with
     */
    public JobRun expectFailed(ConnectionStatus status) {
        return check(taken() && ended(requireFailure(status)), "the job to end " + status);
    }

    /**
     * Expects the job to have ended in this error status with this message for the end user; a null message expects
     * none, so that MX's standard message for the status is shown.
     *
     * @throws IllegalArgumentException when {@code status} is not one a job can fail with
     */
    public JobRun expectFailed(ConnectionStatus status, String message) {
        return check(taken() && ended(requireFailure(status)) && Objects.equals(status().message(), message),
                "the job to end " + status + (message == null ? " with MX's standard message"
                        : " with message \"" + message + "\""));
    }

    /** Expects the member to show this connection status now, whatever the job's phase. */
    public JobRun expectStatus(ConnectionStatus status) {
        return check(taken() && status().connectionStatus() == status, "the member " + status);
    }

    /** Expects the job DELAYED: its next step waits for the clock ({@link #advance}). */
    public JobRun expectDelayed() {
        return check(taken() && status().connectionStatus() == ConnectionStatus.DELAYED
                && job().map(Job::isRunning).orElse(false), "the member DELAYED");
    }

    /**
     * Expects the last request to have been refused for this reason, and accepts the refusal: the expectations that
     * follow look at the member as it stands (answers refused leave the challenges open to answer again).
     */
    public JobRun expectRefused(Refusal reason) {
        if (pending == null || pending.reason() != reason) {
            throw failure("the " + reason.request() + " to be refused (" + reason + ")");
        }
        pending = null;
        return this;
    }

    /** Expects the last answers to have been refused as not fitting the open challenges; see {@link #expectRefused}. */
    public JobRun expectInvalidAnswers() {
        return expectRefused(Refusal.INVALID_ANSWERS);
    }

    /** What this run has come to, in the words of the failure messages. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (pending != null) {
            s.append(pending).append("; ");
        }
        if (jobGuid == null) {
            return s.append(pending == null ? startRefused + "; " : "").append("no job started").toString();
        }
        if (!isCurrent()) {
            s.append("the member has started another job since this one; ");
        }
        MemberStatus status = status();
        s.append("the member is ").append(status.connectionStatus());
        List<Challenge> open = challenges();
        if (!open.isEmpty()) {
            s.append(" with challenges ").append(open.stream().map(JobRun::describe)
                    .collect(Collectors.joining(", ", "[", "]")));
        }
        if (status.message() != null) {
            s.append(" with message \"").append(status.message()).append('"');
        }
        engine.thrown(jobGuid).ifPresent(e -> s.append(" after the connector threw ").append(e));
        return s.append(" (statuses ").append(statuses().stream().map(Enum::name)
                .collect(Collectors.joining(" -> "))).append(')').toString();
    }

    private static String describe(Challenge challenge) {
        String text = challenge.type() + " \"" + challenge.label() + "\"";
        return challenge.options().isEmpty() ? text : text + " options " + challenge.options().stream()
                .map(o -> "\"" + o.label() + "\"=" + o.value()).collect(Collectors.joining(", ", "[", "]"));
    }

    private boolean isCurrent() {
        return Objects.equals(member.status().mostRecentJobGuid(), jobGuid);
    }

    /** Whether the run has a job, the member's latest, and no refusal waits to be expected. */
    private boolean taken() {
        return jobGuid != null && pending == null && isCurrent();
    }

    private boolean ended(ConnectionStatus status) {
        return status().connectionStatus() == status
                && job().map(j -> j.phase() == Job.Phase.FINISHED && j.outcome() == status).orElse(false);
    }

    private static ConnectionStatus requireFailure(ConnectionStatus status) {
        if (!status.isFailure()) {
            throw new IllegalArgumentException(status + " is not a status a job fails with");
        }
        return status;
    }

    private JobRun check(boolean met, String expected) {
        if (!met) {
            throw failure(expected);
        }
        return this;
    }

    private AssertionError failure(String expected) {
        AssertionError error = new AssertionError("expected " + expected + ", but " + this);
        if (jobGuid != null) {
            engine.thrown(jobGuid).ifPresent(error::initCause);
        }
        return error;
    }
}
