package dev.openagg.timeline;

import static java.sql.Types.TIMESTAMP_WITH_TIMEZONE;
import static java.sql.Types.VARCHAR;

import dev.openagg.api.Wire;
import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.db.RowInserts;
import dev.openagg.engine.Job;
import dev.openagg.engine.MemberStatus;
import dev.openagg.engine.Transition;
import dev.openagg.job.ChallengeJson;
import dev.openagg.job.HarvestSink;
import dev.openagg.job.JobTrail;
import dev.openagg.logging.LogContext;
import dev.openagg.member.Member;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
    private static final RowInserts INSERT = new RowInserts("member_event",
            List.of("member_guid", "job_guid", "kind", "happened_at", "request_id", "detail"),
            new int[] {VARCHAR, VARCHAR, VARCHAR, TIMESTAMP_WITH_TIMEZONE, VARCHAR, VARCHAR});

    private final Clock clock;

    public TimelineRecorder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void applied(Handle h, Member member, Transition transition, HarvestSink.Stored stored) {
        Entries entries = new Entries(member, clock.instant());
        Job before = transition.jobBefore();
        Job job = transition.job();
        if (before == null) {
            entries.add(job, Kind.JOB_STARTED, Map.of("job_kind", job.kind().name()));
        }
        if (job.answers() != null && (before == null || before.answers() == null)) {
            entries.add(job, Kind.ANSWERS_RECEIVED, Map.of("answers", job.answers().stream().map(TimelineRecorder::redacted).toList()));
        }
        for (Transition.Event event : transition.events()) {
            if (event instanceof Transition.Event.Harvested harvested) {
                entries.add(job, Kind.DATA_STORED, counts(harvested, stored));
            }
        }
        statusChange(entries, job, transition.statusBefore(), transition.status());
        if (job.phase() == Job.Phase.CHALLENGED && !guids(job.challenges()).equals(before == null ? List.of() : guids(before.challenges()))) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("challenges", ChallengeJson.list(job.challenges()));
            shown.put("expires_at", Wire.time(job.expiresAt()));
            entries.add(job, Kind.CHALLENGES_SHOWN, shown);
        }
        if (job.phase() == Job.Phase.FINISHED && (before == null || before.phase() != Job.Phase.FINISHED)) {
            Map<String, Object> ended = new LinkedHashMap<>();
            ended.put("job_kind", job.kind().name());
            ended.put("outcome", job.outcome() == null ? null : job.outcome().name());
            entries.add(job, Kind.JOB_ENDED, ended);
        }
        entries.write(h);
    }

    @Override
    public void statusForced(Handle h, Member member, MemberStatus next) {
        Entries entries = new Entries(member, clock.instant());
        statusChange(entries, null, member.status(), next);
        entries.write(h);
    }

    private static void statusChange(Entries entries, Job job, MemberStatus from, MemberStatus to) {
        if (from.connectionStatus() == to.connectionStatus()) {
            return;
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("from", from.connectionStatus().name());
        changed.put("to", to.connectionStatus().name());
        entries.add(job, Kind.STATUS_CHANGED, changed);
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

    /**
     * The entries one transition adds to a member's timeline, in order, at one time, written together: a transition
     * adds two or three, and each statement is a round trip to the database.
     */
    private static final class Entries {
        private final Member member;
        private final OffsetDateTime at;
        private final String requestId = MDC.get(LogContext.REQUEST_ID);
        private final List<Object[]> rows = new ArrayList<>(4);

        Entries(Member member, Instant at) {
            this.member = member;
            this.at = at.atOffset(ZoneOffset.UTC);
        }

        void add(Job job, Kind kind, Map<String, ?> detail) {
            rows.add(new Object[] {member.guid(), job == null ? null : job.guid(), kind.name(), at, requestId,
                Wire.write(detail)});
        }

        void write(Handle h) {
            if (!rows.isEmpty()) {
                INSERT.insert(h, rows);
            }
        }
    }

    /** The kinds of entry the recorder writes. */
    enum Kind { JOB_STARTED, STATUS_CHANGED, CHALLENGES_SHOWN, ANSWERS_RECEIVED, DATA_STORED, JOB_ENDED }
}
