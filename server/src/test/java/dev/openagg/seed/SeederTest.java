package dev.openagg.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.Config;
import dev.openagg.background.BackgroundAggregation;
import dev.openagg.client.ClientStore;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.db.Database;
import dev.openagg.institution.Institutions;
import dev.openagg.member.BackgroundDue;
import dev.openagg.member.MemberStore;
import dev.openagg.support.MutableClock;
import dev.openagg.support.Postgres;
import dev.openagg.support.TestKeys;
import dev.openagg.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's seed, on both databases: connected members in bulk, and a second seed adding to the first. */
class SeederTest {
    private static final String CLIENT = "seed-client";
    private final MutableClock clock = MutableClock.ofNow();
    private final Path dir = TestServer.tempDir();
    private Database database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        TestServer.deleteTree(dir);
    }

    private void open(String db) {
        database = "h2".equals(db)
                ? Database.open(Config.defaults(dir).jdbcUrl(), null, null, 4, TestKeys.ring())
                : Database.open(Postgres.newDatabase(), "postgres", "postgres", 4, TestKeys.ring());
        new ClientStore(database.jdbi(), clock).add(CLIENT, CLIENT + "-key");
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void seeding_again_to_a_larger_total_adds_connected_members_the_sample_names(String db) throws Exception {
        open(db);
        InstitutionInfo mxbank = Institutions.discover().find("mxbank").orElseThrow();
        Seeder seeder = new Seeder(database.jdbi(), clock, BackgroundAggregation.dueTimes(Duration.ofHours(24)));
        Path first = dir.resolve("first.txt");
        Path second = dir.resolve("second.txt");

        assertThat(seeder.seed(CLIENT, mxbank, 2_500, 10, first, 100)).isEqualTo(2_500);
        // 1,001 more: more than one statement's worth of rows, and a last user with a single member
        assertThat(seeder.seed(CLIENT, mxbank, 3_501, 10, second, 5_000)).isEqualTo(3_501);

        assertThat(count("SELECT COUNT(*) FROM app_user WHERE client_id = '" + CLIENT + "'")).isEqualTo(250 + 101);
        assertThat(count("SELECT COUNT(*) FROM member WHERE connection_status = 'CONNECTED'")).isEqualTo(3_501);
        assertThat(count("SELECT COUNT(*) FROM member WHERE background_due_at IS NULL"))
                .as("members without their background moment").isZero();
        assertThat(Files.readAllLines(first)).hasSizeBetween(50, 150);
        List<String> added = Files.readAllLines(second);
        assertThat(added).hasSize(1_001); // a sample larger than what was added is all of it
        MemberStore members = new MemberStore(database.jdbi(), database.dataSource(), database.keyring(),
                BackgroundDue.NONE);
        for (String line : List.of(added.get(0), added.get(added.size() - 1))) {
            String[] pair = line.split(" ");
            assertThat(members.find(CLIENT, pair[0], pair[1])).hasValueSatisfying(m -> assertThat(m.status().connectionStatus()).hasToString("CONNECTED"));
        }
    }

    private long count(String sql) {
        return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
