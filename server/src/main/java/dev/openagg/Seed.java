package dev.openagg;

import dev.openagg.background.BackgroundAggregation;
import dev.openagg.cli.Arguments;
import dev.openagg.cli.Command;
import dev.openagg.cli.Flag;
import dev.openagg.client.ClientStore;
import dev.openagg.client.FirstClient;
import dev.openagg.db.Database;
import dev.openagg.institution.Institutions;
import dev.openagg.seed.Seeder;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/** {@code openagg seed}: fills the database with connected MX Bank members, for benchmarks. */
final class Seed {
    static final Flag CLIENT_ID = Flag.value("--client-id", null, null,
            "The client that owns the members (created if missing).").labelled("ID").mandatory();
    static final Flag API_KEY = Flag.value("--api-key", null, null,
            "Its api_key, used when the client is created.").labelled("KEY").mandatory();
    static final Flag MEMBERS = Flag.value("--members", null, null,
            "Add members until the database holds this many.").labelled("N").mandatory();
    static final Flag MEMBERS_PER_USER = Flag.value("--members-per-user", null, "10",
            "Members per user (default 10).").labelled("N");
    static final Flag SAMPLE_FILE = Flag.value("--sample-file", null, null,
            "Where to write a sample of 'user_guid member_guid' lines.").labelled("FILE").mandatory();
    static final Flag SAMPLE_SIZE = Flag.value("--sample-size", null, "10000",
            "About how many sample lines (default 10000).").labelled("N");
    static final Flag BACKGROUND_HOURS = Flag.value("--background-aggregation-hours",
            "OPENAGG_BACKGROUND_AGGREGATION_HOURS", "24", "The period the server will run with, to place the members' "
                    + "background aggregations in (env OPENAGG_BACKGROUND_AGGREGATION_HOURS, default 24).")
            .labelled("HOURS");

    private Seed() {
    }

    static Command command() {
        return Command.of("seed", "Fill the database with connected MX Bank members, for benchmarks.",
                Storage.and(CLIENT_ID, API_KEY, MEMBERS, MEMBERS_PER_USER, SAMPLE_FILE, SAMPLE_SIZE, BACKGROUND_HOURS),
                Seed::run);
    }

    private static int run(Arguments arguments) throws IOException, SQLException {
        int members = arguments.intValue(MEMBERS);
        int membersPerUser = arguments.intValue(MEMBERS_PER_USER);
        int sampleSize = arguments.intValue(SAMPLE_SIZE);
        long hours = arguments.longValue(BACKGROUND_HOURS);
        String clientId = arguments.string(CLIENT_ID);
        try (Database database = new Storage(arguments).open()) {
            FirstClient.ensure(new ClientStore(database.jdbi(), Clock.systemUTC()), clientId,
                    arguments.string(API_KEY));
            var institution = Institutions.discover().find("mxbank").orElseThrow();
            long total = new Seeder(database.jdbi(), Clock.systemUTC(),
                    BackgroundAggregation.dueTimes(Duration.ofHours(hours)))
                    .seed(clientId, institution, members, membersPerUser, arguments.path(SAMPLE_FILE), sampleSize);
            System.out.println("members in the database: " + total);
        }
        return 0;
    }
}
