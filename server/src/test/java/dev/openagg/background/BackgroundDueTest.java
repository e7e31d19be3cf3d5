package dev.openagg.background;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.Config;
import dev.openagg.connector.Guids;
import dev.openagg.db.Database;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.MutableClock;
import dev.openagg.support.StoredRows;
import dev.openagg.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Each member keeps the moment its next background aggregation falls due, so that the server finds due members by
 * reading an index instead of passing over every member each second.
 */
class BackgroundDueTest {
    private static final Duration PERIOD = Duration.ofHours(24);
    private static final Schedule SCHEDULE = new Schedule(PERIOD);
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static Config config() {
        return TestServer.config().withSandbox(new Config.SandboxSettings(true, PERIOD));
    }

    @Test
    void a_new_member_is_stored_with_its_first_moment_and_after_its_background_job_is_due_in_the_next_period() {
        MutableClock clock = MutableClock.ofNow();
        try (TestServer server = TestServer.start(config(), clock)) {
            Jdbi db = Jdbi.create(server.config.jdbcUrl());
            Flow flow = new Flow(server.api());
            String member = flow.member("password", false);
            flow.awaitStatus(member, "CONNECTED");
            Instant created = db.withHandle(h -> h.createQuery("SELECT created_at FROM member WHERE guid = :m")
                    .bind("m", member).map((rs, c) -> Database.instant(rs, "created_at")).one());
            Instant first = due(db, member).orElseThrow();
            assertThat(first).isEqualTo(SCHEDULE.first(member, created)).isAfter(created);
            assertThat(claims(db, member)).isEmpty();

            clock.advance(Duration.between(clock.instant(), first));
            Await.until(() -> claims(db, member), c -> c.size() == 1 && c.get(0).get("job_guid") != null, BOUND,
                    "the member's background job at its moment");
            assertThat(due(db, member)).contains(SCHEDULE.nextAfter(member, first));
            flow.awaitStatus(member, "CONNECTED");
        }
    }

    @Test
    void members_stored_without_a_moment_are_placed_at_their_next_moment_and_those_mx_would_not_aggregate_wait_again() {
        MutableClock clock = MutableClock.ofNow();
        try (TestServer server = TestServer.start(config(), clock)) {
            Jdbi db = Jdbi.create(server.config.jdbcUrl());
            Instant placedAt = clock.instant();
            Instant yesterday = SCHEDULE.periodStart(placedAt).minus(PERIOD);
            String user = Guids.next("USR");
            String connected = Guids.next("MBR");
            String denied = Guids.next("MBR");
            String disabled = Guids.next("MBR");
            db.useTransaction(h -> {
                StoredRows.user(h, user, yesterday);
                StoredRows.member(h, connected, user, "CONNECTED", false, null, yesterday);
                StoredRows.member(h, denied, user, "DENIED", false, null, yesterday);
                StoredRows.member(h, disabled, user, "CONNECTED", false, null, yesterday);
                h.createUpdate("UPDATE member SET background_aggregation_is_disabled = TRUE WHERE guid = :m")
                        .bind("m", disabled).execute();
                for (String m : List.of(connected, denied, disabled)) {
                    StoredRows.credentials(h, m, "mxuser", "password");
                }
            });
            Instant last = placedAt;
            for (String m : List.of(connected, denied, disabled)) {
                Instant placed = Await.until(() -> due(db, m), Optional::isPresent, BOUND, "a moment for " + m)
                        .orElseThrow();
                assertThat(placed).as("the member's next moment: members whose moment has passed are not all run at once")
                        .isEqualTo(SCHEDULE.atOrAfter(m, placedAt))
                        .isBetween(placedAt, placedAt.plus(PERIOD));
                last = placed.isAfter(last) ? placed : last;
            }
            assertThat(claims(db, connected)).as("background claims before the connected member's moment").isEmpty();

            clock.advance(Duration.between(clock.instant(), last));
            Instant now = clock.instant();
            Await.until(() -> claims(db, connected), c -> c.size() == 1, BOUND, "the connected member's background job");
            for (String m : List.of(denied, disabled)) {
                Await.until(() -> due(db, m), d -> d.isPresent() && d.get().isAfter(now), BOUND,
                        m + " passed over to its next moment");
                assertThat(due(db, m)).contains(SCHEDULE.nextAfter(m, now));
                assertThat(claims(db, m)).as("background claims of " + m).isEmpty();
            }
            assertThat(due(db, connected)).contains(SCHEDULE.nextAfter(connected, now));
        }
    }

    @Test
    void looking_for_due_members_reads_the_index_on_their_moments() {
        try (TestServer server = TestServer.start(config())) {
            String plan = Jdbi.create(server.config.jdbcUrl()).withHandle(h -> h.createQuery(
                            "EXPLAIN " + BackgroundAggregation.DUE)
                    .bind("now", Instant.now()).bind("every", false).bind("offset", 0L).bind("batch", 10)
                    .mapTo(String.class).one());
            assertThat(plan).containsIgnoringCase("MEMBER_BACKGROUND_DUE");
        }
    }

    private static Optional<Instant> due(Jdbi db, String member) {
        return db.withHandle(h -> h.createQuery("SELECT background_due_at FROM member WHERE guid = :m")
                .bind("m", member).map((rs, c) -> Optional.ofNullable(Database.instant(rs, "background_due_at"))).one());
    }

    private static List<Map<String, Object>> claims(Jdbi db, String member) {
        return db.withHandle(h -> h.createQuery("SELECT job_guid FROM background_aggregation WHERE member_guid = :m")
                .bind("m", member).mapToMap().list());
    }
}
