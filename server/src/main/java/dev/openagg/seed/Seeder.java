package dev.openagg.seed;

import dev.openagg.connector.Guids;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.member.BackgroundDue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
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
 * inserts (one statement per thousand rows, on H2 and PostgreSQL alike), not through the API. Each user gets
 * {@code membersPerUser} members of the institution; a random sample of (user guid, member guid) pairs is written
 * to a file for load generators to pick from. Seeding again to a larger total adds to what is there.
 */
public final class Seeder {
    /** Rows per statement: 7 parameters a member row keeps a statement well under PostgreSQL's 32,767. */
    private static final int ROWS = 1_000;
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
            int done = 0;
            while (done < members) {
                List<String[]> users = new ArrayList<>();
                List<String[]> rows = new ArrayList<>();
                int size = Math.min(BATCH, members - done);
                for (int i = done; i < done + size; i++) {
                    if (i % membersPerUser == 0) {
                        user = Guids.next("USR");
                        // ids continue after the members already there, so a second seed does not reuse one
                        users.add(new String[] {user, "seed-" + (existing + i)});
                    }
                    String member = Guids.next("MBR");
                    rows.add(new String[] {member, user});
                    if (random.nextDouble() < keep) {
                        sample.println(user + " " + member);
                    }
                }
                String code = institution.code();
                jdbi.useHandle(h -> h.useTransaction(t -> {
                    Connection connection = t.getConnection();
                    insertUsers(connection, clientId, users, now);
                    insertMembers(connection, code, rows, now);
                }));
                done += size;
            }
        }
        analyze();
        return count();
    }

    private static void insertUsers(Connection connection, String clientId, List<String[]> users, OffsetDateTime now)
            throws SQLException {
        for (int from = 0; from < users.size(); from += ROWS) {
            List<String[]> chunk = users.subList(from, Math.min(users.size(), from + ROWS));
            String sql = "INSERT INTO app_user (guid, client_id, id, email, is_disabled, metadata, created_at, updated_at) VALUES "
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?, ?, NULL, FALSE, NULL, ?, ?)"));
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                int p = 1;
                for (String[] user : chunk) {
                    insert.setString(p++, user[0]);
                    insert.setString(p++, clientId);
                    insert.setString(p++, user[1]);
                    insert.setObject(p++, now);
                    insert.setObject(p++, now);
                }
                insert.executeUpdate();
            }
        }
    }

    private void insertMembers(Connection connection, String institution, List<String[]> rows, OffsetDateTime now)
            throws SQLException {
        for (int from = 0; from < rows.size(); from += ROWS) {
            List<String[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS));
            String sql = """
                    INSERT INTO member (guid, user_guid, id, institution_code, metadata,
                      background_aggregation_is_disabled, connection_status, is_being_aggregated, is_authenticated,
                      aggregated_at, successfully_aggregated_at, has_processed_accounts,
                      has_processed_transactions, has_processed_account_numbers, failed_logins, version,
                      created_at, updated_at, background_due_at) VALUES\s"""
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(),
                    "(?, ?, NULL, ?, NULL, FALSE, 'CONNECTED', FALSE, TRUE, ?, ?, TRUE, TRUE, FALSE, 0, 0, ?, ?, ?)"));
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                int p = 1;
                for (String[] row : chunk) {
                    insert.setString(p++, row[0]);
                    insert.setString(p++, row[1]);
                    insert.setString(p++, institution);
                    for (int i = 0; i < 4; i++) {
                        insert.setObject(p++, now);
                    }
                    Instant due = backgroundDue.first(row[0], now.toInstant());
                    insert.setObject(p++, due == null ? null : OffsetDateTime.ofInstant(due, ZoneOffset.UTC),
                            Types.TIMESTAMP_WITH_TIMEZONE);
                }
                insert.executeUpdate();
            }
        }
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
