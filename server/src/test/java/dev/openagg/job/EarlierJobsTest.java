package dev.openagg.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.Config;
import dev.openagg.client.ClientStore;
import dev.openagg.support.Flow;
import dev.openagg.support.OldSchema;
import dev.openagg.support.StoredRows;
import dev.openagg.support.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A job keeps how many jobs its member ran before it, of any kind and of its own, counted once when it is created
 * (migration 30): its steps hand those counts to the connector without counting the member's history again. Each test
 * runs on H2 and on PostgreSQL. That connectors are given the counts is shown by the scenarios that act on them.
 */
class EarlierJobsTest {
    private static final String USER = "USR-before-30";
    private static final String MEMBER = "MBR-before-30";
    private static final String OTHER_MEMBER = "MBR-before-30-other";

    /** A job's counts as stored, null where none is kept. */
    private record Counts(String guid, Integer all, Integer ofKind) {
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void each_job_created_counts_the_jobs_its_member_ran_before_it(String db) {
        try (TestServer server = TestServer.start(TestServer.config(db))) {
            Flow flow = new Flow(server.api());
            String member = flow.member("password", false);
            flow.awaitStatus(member, "CONNECTED");
            for (String kind : List.of("identify", "aggregate", "identify")) {
                assertThat(flow.start(member, kind).status()).as(kind).isEqualTo(202);
                flow.awaitStatus(member, "CONNECTED");
            }
            String other = flow.member("password", false);
            flow.awaitStatus(other, "CONNECTED");

            assertThat(counts(server.db(), member)).extracting(Counts::all, Counts::ofKind)
                    .containsExactly(pair(0, 0), pair(1, 0), pair(2, 1), pair(3, 1));
            assertThat(counts(server.db(), other)).extracting(Counts::all, Counts::ofKind).containsExactly(pair(0, 0));
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void a_database_from_before_migration_30_counts_for_the_jobs_under_way(String db) {
        Config config = TestServer.config(db);
        Jdbi rows = OldSchema.at(config, "29");
        writeAsSchema29(rows);

        try (TestServer server = TestServer.start(config)) {
            assertThat(counts(server.db(), MEMBER)).containsExactly(
                    new Counts("JOB-30-1", null, null), new Counts("JOB-30-2", null, null),
                    new Counts("JOB-30-3", null, null), new Counts("JOB-30-4", 3, 2));
            assertThat(counts(server.db(), OTHER_MEMBER)).containsExactly(new Counts("JOB-30-9", 0, 0));
        }
    }

    /**
     * A member with three jobs ended (two aggregations and a verification) and an aggregation waiting for answers, and
     * another member whose only job waits too, as schema 29 held them. Waiting jobs without a deadline run no step.
     */
    private static void writeAsSchema29(Jdbi rows) {
        Instant now = Instant.now();
        new ClientStore(rows, Clock.systemUTC()).add(TestServer.CLIENT_ID, TestServer.API_KEY);
        rows.useTransaction(h -> {
            StoredRows.user(h, USER, now);
            StoredRows.member(h, MEMBER, USER, "CHALLENGED", true, "JOB-30-4", now);
            StoredRows.member(h, OTHER_MEMBER, USER, "CHALLENGED", true, "JOB-30-9", now);
            job(h, "JOB-30-1", MEMBER, "AGGREGATE", "FINISHED", now.minus(Duration.ofHours(4)));
            job(h, "JOB-30-2", MEMBER, "VERIFICATION", "FINISHED", now.minus(Duration.ofHours(3)));
            job(h, "JOB-30-3", MEMBER, "AGGREGATE", "FINISHED", now.minus(Duration.ofHours(2)));
            job(h, "JOB-30-4", MEMBER, "AGGREGATE", "CHALLENGED", now.minus(Duration.ofMinutes(1)));
            job(h, "JOB-30-9", OTHER_MEMBER, "BALANCE", "CHALLENGED", now.minus(Duration.ofMinutes(1)));
        });
    }

    private static void job(Handle h, String guid, String member, String kind, String phase, Instant at) {
        h.createUpdate("""
                        INSERT INTO job (guid, member_guid, kind, phase, step, connector_state_version, version,
                          created_at, updated_at, finished_at)
                        VALUES (:guid, :member, :kind, :phase, 1, 1, 1, :at, :at, :finished)""")
                .bind("guid", guid).bind("member", member).bind("kind", kind).bind("phase", phase).bind("at", at)
                .bind("finished", phase.equals("FINISHED") ? at : null)
                .execute();
    }

    /** The member's jobs, oldest first. */
    private static List<Counts> counts(Jdbi rows, String member) {
        return rows.withHandle(h -> h.createQuery("""
                        SELECT guid, earlier_jobs, earlier_jobs_of_kind FROM job WHERE member_guid = :member
                        ORDER BY created_at, guid""")
                .bind("member", member)
                .map((rs, c) -> new Counts(rs.getString(1), (Integer) rs.getObject(2), (Integer) rs.getObject(3)))
                .list());
    }

    private static Tuple pair(int all, int ofKind) {
        return Tuple.tuple(all, ofKind);
    }
}
