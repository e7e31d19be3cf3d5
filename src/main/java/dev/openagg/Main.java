package dev.openagg;

import dev.openagg.client.ClientStore;
import dev.openagg.client.FirstClient;
import dev.openagg.db.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code openagg} command line: {@code serve} runs the server, {@code create-client} adds an API client. */
@Command(name = "openagg", mixinStandardHelpOptions = true, version = "OpenAgg 0.1.0",
        description = "A self-hosted server for the aggregation part of the MX Platform API.",
        subcommands = {Main.Serve.class, Main.CreateClient.class, Main.Seed.class})
public final class Main {

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Where the data lives: shared by every subcommand. */
    static final class Storage {
        @Option(names = "--data-dir", defaultValue = "${env:OPENAGG_DATA_DIR:-./data}",
                description = "Directory of the embedded database (env OPENAGG_DATA_DIR, default ./data).")
        Path dataDir;

        @Option(names = "--database-url", defaultValue = "${env:OPENAGG_DATABASE_URL}",
                description = "JDBC URL of the database, e.g. jdbc:postgresql://host/db (env OPENAGG_DATABASE_URL; default: H2 in the data directory).")
        String databaseUrl;

        @Option(names = "--database-user", defaultValue = "${env:OPENAGG_DATABASE_USER}",
                description = "Database user (env OPENAGG_DATABASE_USER).")
        String databaseUser;

        @Option(names = "--database-password", defaultValue = "${env:OPENAGG_DATABASE_PASSWORD}",
                description = "Database password (env OPENAGG_DATABASE_PASSWORD).")
        String databasePassword;

        @Option(names = "--database-pool-size", defaultValue = "${env:OPENAGG_DATABASE_POOL_SIZE:-10}",
                description = "Most database connections this node opens (env OPENAGG_DATABASE_POOL_SIZE, default 10).")
        int poolSize;

        /** The configured database, migrated, for a one-off command. */
        Database open() {
            String url = new Config(0, dataDir, databaseUrl, databaseUser, databasePassword, 2, null, null,
                    Duration.ZERO, 1, null, Duration.ZERO).jdbcUrl();
            return Database.open(url, databaseUser, databasePassword, 2);
        }
    }

    @Command(name = "serve", description = "Start the server.")
    static final class Serve implements Callable<Integer> {
        @Mixin
        Storage storage;

        @Option(names = "--port", defaultValue = "${env:OPENAGG_PORT:-8080}",
                description = "HTTP port (env OPENAGG_PORT, default 8080; 0 picks a free one).")
        int port;

        @Option(names = "--client-id", defaultValue = "${env:OPENAGG_CLIENT_ID}",
                description = "client_id of a client to create if missing (env OPENAGG_CLIENT_ID).")
        String clientId;

        @Option(names = "--api-key", defaultValue = "${env:OPENAGG_API_KEY}",
                description = "api_key of that client (env OPENAGG_API_KEY).")
        String apiKey;

        @Option(names = "--challenge-lifetime", defaultValue = "${env:OPENAGG_CHALLENGE_LIFETIME_S:-600}",
                description = "Seconds an MFA challenge waits for its answer before the member is EXPIRED (env OPENAGG_CHALLENGE_LIFETIME_S, default 600).")
        long challengeLifetimeSeconds;

        @Option(names = "--job-threads", defaultValue = "${env:OPENAGG_JOB_THREADS:-8}",
                description = "Threads that run job steps on this node (env OPENAGG_JOB_THREADS, default 8).")
        int jobThreads;

        @Option(names = "--webhook-retry-base", defaultValue = "${env:OPENAGG_WEBHOOK_RETRY_BASE_S:-30}",
                description = "Seconds before a failed webhook delivery is first retried; later retries wait 2.1 times longer each (env OPENAGG_WEBHOOK_RETRY_BASE_S, default 30).")
        long webhookRetryBaseSeconds;

        @Option(names = "--node-name", defaultValue = "${env:OPENAGG_NODE_NAME}",
                description = "This node's name in the job scheduler (env OPENAGG_NODE_NAME, default the host name).")
        String nodeName;

        @Override
        public Integer call() throws InterruptedException {
            Config config = new Config(port, storage.dataDir, storage.databaseUrl, storage.databaseUser,
                    storage.databasePassword, storage.poolSize, clientId, apiKey,
                    Duration.ofSeconds(challengeLifetimeSeconds), jobThreads, nodeName,
                    Duration.ofSeconds(webhookRetryBaseSeconds));
            App app = App.start(config, Clock.systemUTC());
            FirstClient.Created generated = app.generatedClient();
            if (generated != null) {
                System.out.println("Created the first API client. Keep the key: it is not shown again.");
                System.out.println("  client_id: " + generated.clientId());
                System.out.println("  api_key:   " + generated.apiKey());
            }
            System.out.println("OpenAgg is listening on http://localhost:" + app.port()
                    + (config.isEmbedded() ? " (embedded database in " + storage.dataDir + ")" : ""));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                stopped.countDown();
            }, "openagg-shutdown"));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "create-client", description = "Add an API client and print its credentials.")
    static final class CreateClient implements Callable<Integer> {
        @Mixin
        Storage storage;

        @Option(names = "--client-id", description = "The client_id (default: generated).")
        String clientId;

        @Override
        public Integer call() {
            FirstClient.Created created = FirstClient.generate();
            String id = clientId == null || clientId.isBlank() ? created.clientId() : clientId;
            try (Database database = storage.open()) {
                if (!new ClientStore(database.jdbi(), Clock.systemUTC()).add(id, created.apiKey())) {
                    System.err.println("A client with client_id " + id + " already exists.");
                    return 1;
                }
            }
            System.out.println("client_id: " + id);
            System.out.println("api_key:   " + created.apiKey());
            return 0;
        }
    }

    @Command(name = "seed", description = "Fill the database with connected MX Bank members, for benchmarks.")
    static final class Seed implements Callable<Integer> {
        @Mixin
        Storage storage;

        @Option(names = "--client-id", required = true, description = "The client that owns the members (created if missing).")
        String clientId;

        @Option(names = "--api-key", required = true, description = "Its api_key, used when the client is created.")
        String apiKey;

        @Option(names = "--members", required = true, description = "Add members until the database holds this many.")
        int members;

        @Option(names = "--members-per-user", defaultValue = "10", description = "Members per user (default 10).")
        int membersPerUser;

        @Option(names = "--sample-file", required = true, description = "Where to write a sample of 'user_guid member_guid' lines.")
        Path sampleFile;

        @Option(names = "--sample-size", defaultValue = "10000", description = "About how many sample lines (default 10000).")
        int sampleSize;

        @Override
        public Integer call() throws java.io.IOException {
            try (Database database = storage.open()) {
                FirstClient.ensure(new ClientStore(database.jdbi(), Clock.systemUTC()), clientId, apiKey);
                var institution = dev.openagg.institution.Institutions.discover().find("mxbank").orElseThrow();
                long total = new dev.openagg.seed.Seeder(database.jdbi(), Clock.systemUTC())
                        .seed(clientId, institution, members, membersPerUser, sampleFile, sampleSize);
                System.out.println("members in the database: " + total);
            }
            return 0;
        }
    }
}
