package dev.openagg.seed;

import static java.sql.Types.BOOLEAN;
import static java.sql.Types.INTEGER;
import static java.sql.Types.TIMESTAMP_WITH_TIMEZONE;
import static java.sql.Types.VARCHAR;

import dev.openagg.connector.Guids;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.db.RowInserts;
import dev.openagg.member.BackgroundDue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;

/**
 * Fills a database with connected members quickly, for benchmarks and load tests: rows are written with multi-row
 * inserts ({@link RowInserts}, on H2 and PostgreSQL alike), not through the API. Each user gets
 * {@code membersPerUser} members of the institution; a random sample of (user guid, member guid) pairs is written
 * to a file for load generators to pick from. Seeding again to a larger total adds to what is there.
 */
public final class Seeder {
    private static final RowInserts USERS = new RowInserts("app_user", List.of("guid", "client_id", "id",
            "is_disabled", "created_at", "updated_at"), new int[] {VARCHAR, VARCHAR, VARCHAR, BOOLEAN,
            TIMESTAMP_WITH_TIMEZONE, TIMESTAMP_WITH_TIMEZONE});
    private static final RowInserts MEMBERS = new RowInserts("member", List.of("guid", "user_guid", "client_id",
            "user_id", "institution_code", "background_aggregation_is_disabled", "connection_status",
            "is_being_aggregated", "is_authenticated", "aggregated_at", "successfully_aggregated_at",
            "has_processed_accounts", "has_processed_transactions", "has_processed_account_numbers", "failed_logins",
            "version", "created_at", "updated_at", "background_due_at"), new int[] {VARCHAR, VARCHAR, VARCHAR, VARCHAR,
            VARCHAR, BOOLEAN, VARCHAR, BOOLEAN, BOOLEAN, TIMESTAMP_WITH_TIMEZONE, TIMESTAMP_WITH_TIMEZONE, BOOLEAN,
            BOOLEAN, BOOLEAN, INTEGER, INTEGER, TIMESTAMP_WITH_TIMEZONE, TIMESTAMP_WITH_TIMEZONE,
            TIMESTAMP_WITH_TIMEZONE});
    /** Rows per transaction. */
    private static final int BATCH = 20_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final BackgroundDue backgroundDue;

    public Seeder(Jdbi jdbi, Clock clock, BackgroundDue backgroundDue) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.backgroundDue = backgroundDue;
    }

    /**
     * Adds members for {@code clientId} until the database holds {@code total}; returns how many it holds afterwards.
     * The sample is drawn from the members added.
     */
    public long seed(String clientId, InstitutionInfo institution, int total, int membersPerUser, Path sampleFile,
                     int sampleSize) throws IOException, SQLException {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        long existing = count();
        int members = (int) Math.max(0, total - existing);
        Random random = new Random(total);
        double keep = members == 0 ? 0 : Math.min(1.0, (double) sampleSize / members);
        try (PrintWriter sample = new PrintWriter(Files.newBufferedWriter(sampleFile))) {
            String user = null;
            String userId = null;
            int done = 0;
            while (done < members) {
                List<Object[]> users = new ArrayList<>();
                List<Object[]> rows = new ArrayList<>();
                int size = Math.min(BATCH, members - done);
                for (int i = done; i < done + size; i++) {
                    if (i % membersPerUser == 0) {
                        user = Guids.next("USR");
                        // ids continue after the members already there, so a second seed does not reuse one
                        userId = "seed-" + (existing + i);
                        users.add(new Object[] {user, clientId, userId, false, now, now});
                    }
                    String member = Guids.next("MBR");
                    rows.add(new Object[] {member, user, clientId, userId, institution.code(), false, "CONNECTED",
                        false, true, now, now, true, true, false, 0, 0, now, now, due(member, now)});
                    if (random.nextDouble() < keep) {
                        sample.println(user + " " + member);
                    }
                }
                jdbi.useTransaction(h -> {
                    USERS.insert(h, users);
                    MEMBERS.insert(h, rows);
                });
                done += size;
            }
        }
        analyze();
        return count();
    }

    private OffsetDateTime due(String member, OffsetDateTime now) {
        Instant due = backgroundDue.first(member, now.toInstant());
        return due == null ? null : OffsetDateTime.ofInstant(due, ZoneOffset.UTC);
    }

    /** PostgreSQL plans from statistics that autovacuum gathers later; a benchmark right after the seed needs them now. */
    private void analyze() throws SQLException {
        jdbi.useHandle(h -> {
            Connection connection = h.getConnection();
            if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ANALYZE app_user");
                    statement.execute("ANALYZE member");
                }
            }
        });
    }

    private long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM member").mapTo(Long.class).one());
    }
}
