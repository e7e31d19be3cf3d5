package dev.openagg.timeline;

import dev.openagg.api.Wire;
import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.engine.Job;
import dev.openagg.engine.MemberStatus;
import dev.openagg.engine.Transition;
import dev.openagg.job.ChallengeJson;
import dev.openagg.job.HarvestSink;
import dev.openagg.job.JobTrail;
import dev.openagg.logging.LogContext;
import dev.openagg.member.Member;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.slf4j.MDC;

/**
 * Writes a member's timeline events as the engine's transitions are applied, in their transaction. The request id
 * is the one of the request being handled on this thread, if any: a job step run in the background has none.
 */
public final class TimelineRecorder implements JobTrail {
    private final Clock clock;

    public TimelineRecorder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void applied(Handle h, Member member, Transition transition, HarvestSink.Stored stored) {
        Job before = transition.jobBefore();
        Job job = transition.job();
        if (before == null) {
            write(h, member, job, Kind.JOB_STARTED, Map.of("job_kind", job.kind().name()));
        }
        if (job.answers() != null && (before == null || before.answers() == null)) {
            write(h, member, job, Kind.ANSWERS_RECEIVED, Map.of("answers", job.answers().stream().map(TimelineRecorder::redacted).toList()));
        }
        for (Transition.Event event : transition.events()) {
            if (event instanceof Transition.Event.Harvested harvested) {
                write(h, member, job, Kind.DATA_STORED, counts(harvested, stored));
            }
        }
        statusChange(h, member, job, transition.statusBefore(), transition.status());
        if (job.phase() == Job.Phase.CHALLENGED && !guids(job.challenges()).equals(before == null ? List.of() : guids(before.challenges()))) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("challenges", ChallengeJson.list(job.challenges()));
            shown.put("expires_at", Wire.time(job.expiresAt()));
            write(h, member, job, Kind.CHALLENGES_SHOWN, shown);
        }
        if (job.phase() == Job.Phase.FINISHED && (before == null || before.phase() != Job.Phase.FINISHED)) {
            Map<String, Object> ended = new LinkedHashMap<>();
            ended.put("job_kind", job.kind().name());
            ended.put("outcome", job.outcome() == null ? null : job.outcome().name());
            write(h, member, job, Kind.JOB_ENDED, ended);
        }
    }

    @Override
    public void statusForced(Handle h, Member member, MemberStatus next) {
        statusChange(h, member, null, member.status(), next);
    }

    private void statusChange(Handle h, Member member, Job job, MemberStatus from, MemberStatus to) {
        if (from.connectionStatus() == to.connectionStatus()) {
            return;
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("from", from.connectionStatus().name());
        changed.put("to", to.connectionStatus().name());
        write(h, member, job, Kind.STATUS_CHANGED, changed);
    }

    private static Map<String, Object> counts(Transition.Event.Harvested harvested, HarvestSink.Stored stored) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("job_kind", harvested.kind().name());
        count(counts, "accounts", harvested.harvest().accounts());
        count(counts, "transactions", harvested.harvest().transactions());
        count(counts, "holdings", harvested.harvest().holdings());
        count(counts, "statements", harvested.harvest().statements());
        count(counts, "tax_documents", harvested.harvest().taxDocuments());
        if (stored != null) {
            counts.put("transactions_created", stored.transactionsCreated());
            counts.put("transactions_updated", stored.transactionsUpdated());
            counts.put("statements_created", stored.statementsCreated());
        }
        return counts;
    }

    /** A kind of data the job did not bring back is left out, rather than counted as none. */
    private static void count(Map<String, Object> counts, String name, List<?> items) {
        if (items != null) {
            counts.put(name, items.size());
        }
    }

    private static Map<String, String> redacted(Answer answer) {
        return Map.of("challenge_guid", answer.challengeGuid(), "value", "[redacted]");
    }

    private static List<String> guids(List<Challenge> challenges) {
        return challenges.stream().map(Challenge::guid).filter(Objects::nonNull).toList();
    }

    private void write(Handle h, Member member, Job job, Kind kind, Map<String, ?> detail) {
        h.createUpdate("INSERT INTO member_event (member_guid, job_guid, kind, happened_at, request_id, detail)"
                        + " VALUES (:member, :job, :kind, :at, :request, :detail)")
                .bind("member", member.guid()).bind("job", job == null ? null : job.guid()).bind("kind", kind.name())
                .bind("at", clock.instant()).bind("request", MDC.get(LogContext.REQUEST_ID))
                .bind("detail", Wire.write(detail)).execute();
    }

    /** The kinds of entry the recorder writes. */
    enum Kind { JOB_STARTED, STATUS_CHANGED, CHALLENGES_SHOWN, ANSWERS_RECEIVED, DATA_STORED, JOB_ENDED }
}
