package dev.openagg.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.JobKind;
import dev.openagg.db.Database;
import dev.openagg.engine.Job;
import dev.openagg.secret.Keyring;
import dev.openagg.secret.SecretColumn;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Job rows. Writes carry the version they read, so two writers can never both move a job. MFA answers are stored
 * encrypted ({@link SecretColumn#JOB_ANSWERS}), and only until the step that takes them has run.
 */
final class JobStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<Challenge>> CHALLENGES = new TypeReference<>() { };
    private static final TypeReference<List<Answer>> ANSWERS = new TypeReference<>() { };

    private final Jdbi jdbi;
    private final Keyring keyring;

    JobStore(Jdbi jdbi, Keyring keyring) {
        this.jdbi = jdbi;
        this.keyring = keyring;
    }

    Optional<Job> find(Handle h, String guid) {
        if (guid == null) {
            return Optional.empty();
        }
        return h.createQuery("SELECT * FROM job WHERE guid = :guid").bind("guid", guid).map((rs, c) -> map(rs)).findOne();
    }

    Optional<Job> find(String guid) {
        return jdbi.withHandle(h -> find(h, guid));
    }

    void insert(Handle h, Job job) {
        h.createUpdate("""
                        INSERT INTO job (guid, member_guid, kind, phase, step, connector_state_version, version, created_at,
                          updated_at, earlier_jobs, earlier_jobs_of_kind)
                        SELECT :guid, :member, :kind, :phase, :step, 0, 0, :now, :now, COUNT(*),
                          COALESCE(SUM(CASE WHEN kind = :kind THEN 1 ELSE 0 END), 0)
                        FROM job WHERE member_guid = :member""")
                .bind("guid", job.guid())
                .bind("member", job.memberGuid())
                .bind("kind", job.kind().name())
                .bind("phase", job.phase().name())
                .bind("step", job.step())
                .bind("now", job.createdAt())
                .execute();
    }

    /**
     * Saves {@code next} over the row last read as {@code read}; false when another writer got there first. Once a
     * step has run (the job was running, and now waits, ended or moved to its next step), the answers that step took
     * are cleared, whatever {@code next} carries: they are secrets, and no later step may see them.
     */
    boolean save(Handle h, Job read, Job next) {
        boolean stepRan = read.isRunning() && (!next.isRunning() || next.step() != read.step());
        List<Answer> answers = stepRan ? null : next.answers();
        return h.createUpdate("""
                        UPDATE job SET phase = :phase, step = :step, connector_state = :state,
                          connector_state_version = :stateVersion, challenges = :challenges,
                          answers = :answers, expires_at = :expiresAt, outcome = :outcome, updated_at = :updatedAt,
                          finished_at = :finishedAt, version = version + 1
                        WHERE guid = :guid AND version = :version""")
                .bind("phase", next.phase().name())
                .bind("step", next.step())
                .bind("state", next.connectorState())
                .bind("stateVersion", next.stateVersion())
                .bind("challenges", next.challenges().isEmpty() ? null : write(next.challenges()))
                .bind("answers", answers == null ? null
                        : keyring.seal(SecretColumn.JOB_ANSWERS.aad(read.guid()), write(answers)))
                .bind("expiresAt", next.expiresAt())
                .bind("outcome", next.outcome() == null ? null : next.outcome().name())
                .bind("updatedAt", next.updatedAt())
                .bind("finishedAt", next.finishedAt())
                .bind("guid", read.guid())
                .bind("version", read.version())
                .execute() == 1;
    }

    /** How many jobs a member ran before {@code job}, of any kind and of the job's kind. */
    record Earlier(int all, int ofKind) {
    }

    /** A job as its step reads it: the row, and the jobs its member ran before it. */
    record Stepping(Job job, Earlier earlier) {
    }

    /**
     * The job with its earlier jobs' counts, which {@link #insert} stored: a member runs one job at a time, so the
     * member's jobs when it was created are all that came before it. Jobs that ended before those counts were kept
     * have none (read as 0), and run no more steps.
     */
    Optional<Stepping> stepping(Handle h, String guid) {
        return h.createQuery("SELECT * FROM job WHERE guid = :guid").bind("guid", guid)
                .map((rs, c) -> new Stepping(map(rs), new Earlier(rs.getInt("earlier_jobs"),
                        rs.getInt("earlier_jobs_of_kind"))))
                .findOne();
    }

    /** Challenged jobs whose time to answer has run out. */
    List<String> overdue(Instant now) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT guid FROM job WHERE phase = 'CHALLENGED' AND expires_at <= :now")
                .bind("now", now)
                .mapTo(String.class)
                .list());
    }

    /** Running jobs untouched since {@code before}: their next step may never have been handed to the scheduler. */
    List<Job> runningSince(Instant before) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM job WHERE phase = 'RUNNING' AND updated_at < :before")
                .bind("before", before)
                .map((rs, c) -> map(rs))
                .list());
    }

    private Job map(ResultSet rs) throws SQLException {
        String challenges = rs.getString("challenges");
        String answers = keyring.open(SecretColumn.JOB_ANSWERS.aad(rs.getString("guid")), rs.getString("answers"));
        String outcome = rs.getString("outcome");
        return new Job(rs.getString("guid"), rs.getString("member_guid"), JobKind.valueOf(rs.getString("kind")),
                Job.Phase.valueOf(rs.getString("phase")), rs.getInt("step"), rs.getString("connector_state"),
                rs.getInt("connector_state_version"),
                challenges == null ? List.of() : read(challenges, CHALLENGES),
                answers == null ? null : read(answers, ANSWERS),
                Database.instant(rs, "expires_at"), outcome == null ? null : ConnectionStatus.valueOf(outcome),
                rs.getLong("version"), Database.instant(rs, "created_at"), Database.instant(rs, "updated_at"),
                Database.instant(rs, "finished_at"));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
