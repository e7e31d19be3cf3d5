package dev.openagg.seed;

import dev.openagg.connector.Guids;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.member.BackgroundDue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Fills a database with connected members quickly, for benchmarks and load tests: rows are written in batches,
 * not through the API. Each user gets {@code membersPerUser} members of the institution; a random sample of
 * (user guid, member guid) pairs is written to a file for load generators to pick from.
 */
public final class Seeder {
    private static final int BATCH = 2_000;

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
                     int sampleSize) throws IOException {
        Instant now = clock.instant();
        int members = (int) Math.max(0, total - count());
        Random random = new Random(total);
        double keep = members == 0 ? 0 : Math.min(1.0, (double) sampleSize / members);
        String[] user = {null};
        try (PrintWriter sample = new PrintWriter(Files.newBufferedWriter(sampleFile))) {
            int done = 0;
            while (done < members) {
                int size = Math.min(BATCH, members - done);
                int from = done;
                jdbi.useTransaction(h -> {
                    PreparedBatch users = h.prepareBatch("""
                            INSERT INTO app_user (guid, client_id, id, email, is_disabled, metadata, created_at, updated_at)
                            VALUES (:guid, :client, :id, NULL, FALSE, NULL, :now, :now)""");
                    PreparedBatch rows = h.prepareBatch("""
                            INSERT INTO member (guid, user_guid, id, institution_code, metadata,
                              background_aggregation_is_disabled, connection_status, is_being_aggregated, is_authenticated,
                              aggregated_at, successfully_aggregated_at, has_processed_accounts,
                              has_processed_transactions, has_processed_account_numbers, failed_logins, version,
                              created_at, updated_at, background_due_at)
                            VALUES (:guid, :user, NULL, :institution, NULL, FALSE, 'CONNECTED', FALSE, TRUE, :now, :now,
                              TRUE, TRUE, FALSE, 0, 0, :now, :now, :due)""");
                    for (int i = from; i < from + size; i++) {
                        if (i % membersPerUser == 0) {
                            user[0] = Guids.next("USR");
                            users.bind("guid", user[0]).bind("client", clientId).bind("id", "seed-" + i).bind("now", now).add();
                        }
                        String member = Guids.next("MBR");
                        rows.bind("guid", member).bind("user", user[0]).bind("institution", institution.code())
                                .bind("now", now).bind("due", backgroundDue.first(member, now)).add();
                        if (random.nextDouble() < keep) {
                            sample.println(user[0] + " " + member);
                        }
                    }
                    users.execute();
                    rows.execute();
                });
                done += size;
            }
        }
        return count();
    }

    private long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM member").mapTo(Long.class).one());
    }
}
