package dev.openagg.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.Config;
import dev.openagg.client.ClientStore;
import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.JobKind;
import dev.openagg.db.Database;
import dev.openagg.engine.Job;
import dev.openagg.support.StoredRows;
import dev.openagg.support.TestKeys;
import dev.openagg.support.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MFA answers on the job row: encrypted while they wait, and gone once the step that took them has run. */
class JobAnswersTest {
    private static final String GUID = "JOB-answers";
    private static final List<Answer> ANSWERS = List.of(new Answer("CRD-challenge", "Answer-Springfield-42"));
    private final Path dir = TestServer.tempDir();
    private final Instant now = Instant.parse("2026-03-01T12:00:00Z");
    private Database database;
    private JobStore jobs;

    @BeforeEach
    void open() {
        database = Database.open(Config.defaults(dir).jdbcUrl(), null, null, 2, TestKeys.ring());
        jobs = new JobStore(database.jdbi(), database.keyring());
        new ClientStore(database.jdbi(), Clock.systemUTC()).add(TestServer.CLIENT_ID, TestServer.API_KEY);
        database.jdbi().useHandle(h -> {
            StoredRows.user(h, "USR-a", now);
            StoredRows.member(h, "MBR-a", "USR-a", "CHALLENGED", true, GUID, now);
            jobs.insert(h, Job.start(GUID, "MBR-a", JobKind.AGGREGATE, now));
            jobs.save(h, read(h), job(h, Job.Phase.CHALLENGED, 0, null));
        });
    }

    @AfterEach
    void close() {
        database.close();
        TestServer.deleteTree(dir);
    }

    @Test
    void answers_wait_for_their_step_encrypted_under_the_job_s_identity() {
        database.jdbi().useHandle(h -> {
            jobs.save(h, read(h), job(h, Job.Phase.RUNNING, 1, ANSWERS));

            String stored = h.createQuery("SELECT answers FROM job WHERE guid = :g").bind("g", GUID)
                    .mapTo(String.class).one();
            assertThat(stored).startsWith("v1:" + TestKeys.ring().current().id() + ":").doesNotContain("Springfield");
            assertThat(read(h).answers()).isEqualTo(ANSWERS);
        });
    }

    @Test
    void answers_are_cleared_once_the_step_that_took_them_has_run_whatever_the_next_job_carries() {
        for (Job.Phase after : List.of(Job.Phase.RUNNING, Job.Phase.CHALLENGED, Job.Phase.FINISHED)) {
            database.jdbi().useHandle(h -> {
                Job waiting = job(h, Job.Phase.RUNNING, 1, ANSWERS);
                jobs.save(h, read(h), waiting);
                Job resumed = read(h);

                // the step ran and moved the job on (a delay runs as the next step), handing the answers along
                jobs.save(h, resumed, job(h, after, after == Job.Phase.RUNNING ? 2 : 1, resumed.answers()));

                assertThat(read(h).answers()).as(after.name()).isNull();
                assertThat(h.createQuery("SELECT COUNT(*) FROM job WHERE answers IS NOT NULL").mapTo(Integer.class)
                        .one()).isZero();
                jobs.save(h, read(h), job(h, Job.Phase.CHALLENGED, 0, null));
            });
        }
    }

    private Job read(Handle h) {
        return jobs.find(h, GUID).orElseThrow();
    }

    /** The job as it stands, moved to {@code phase} at {@code step} with these answers. */
    private Job job(Handle h, Job.Phase phase, int step, List<Answer> answers) {
        Job current = read(h);
        boolean challenged = phase == Job.Phase.CHALLENGED;
        List<Challenge> open = challenged ? List.of(Challenge.text("Where were you born?")) : List.of();
        return new Job(GUID, current.memberGuid(), current.kind(), phase, step, "state", 1, open, answers,
                challenged ? now.plusSeconds(600) : null, null, current.version(), current.createdAt(), now,
                phase == Job.Phase.FINISHED ? now : null);
    }
}
