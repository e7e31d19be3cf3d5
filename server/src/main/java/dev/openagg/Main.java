package dev.openagg;

import dev.openagg.api.Lengths;
import dev.openagg.background.BackgroundAggregation;
import dev.openagg.client.ClientStore;
import dev.openagg.client.FirstClient;
import dev.openagg.db.Database;
import dev.openagg.institution.Institutions;
import dev.openagg.secret.KeySettings;
import dev.openagg.secret.SecretException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code openagg} command line: {@code serve} runs the server, {@code create-client} adds an API client. */
@Command(name = "openagg", mixinStandardHelpOptions = true, version = "OpenAgg 0.1.0",
        description = "A self-hosted server for the aggregation part of the MX Platform API.",
        subcommands = {Serve.class, Main.CreateClient.class, Main.Seed.class, CheckScenario.class, RotateKey.class,
            CdsTraining.class})
public final class Main {

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        String logFormat = System.getenv("OPENAGG_LOG_FORMAT");
        if (logFormat != null && !logFormat.isBlank() && !logFormat.equals("text") && !logFormat.equals("json")) {
            // Logging (LogSetup) would fall back to text without a word: an operator who asked for something else is told.
            System.err.println("OPENAGG_LOG_FORMAT must be text or json, not " + logFormat);
            System.exit(2);
        }
        CommandLine commandLine = commandLine();
        ConfigFile settings;
        try {
            settings = ConfigFile.load(args, System.getenv());
        } catch (java.io.UncheckedIOException e) {
            System.err.println(e.getMessage() + ": " + e.getCause().getMessage());
            System.exit(2);
            return;
        }
        var unknown = settings.unknownKeys(commandLine, Institutions.providerSettingNames());
        if (!unknown.isEmpty()) {
            System.err.println("Unknown settings in " + settings.path() + ": " + String.join(", ", unknown));
            System.exit(2);
        }
        int code = commandLine.setDefaultValueProvider(settings).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The commands, reading flags only; {@link #main} adds the environment and the config file. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(Main::explainKeyProblem);
    }

    /** A missing or wrong master key is the operator's to fix: say what is wrong, without a stack trace. */
    private static int explainKeyProblem(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed)
            throws Exception {
        if (e instanceof SecretException) {
            commandLine.getErr().println("openagg " + commandLine.getCommandName() + ": " + e.getMessage());
            return 2;
        }
        throw e;
    }

    /**
     * Where the data lives: shared by every subcommand. Each option's {@code descriptionKey} is the environment
     * variable (and config file key) it is read from when the flag is not given.
     */
    static final class Storage {
        @Option(names = "--config", descriptionKey = ConfigFile.VARIABLE, paramLabel = "FILE",
                description = "A properties file of settings, keyed by the environment variables' names (env OPENAGG_CONFIG). "
                        + "A flag beats an environment variable, which beats the file.")
        Path configFile; // read by ConfigFile before the other options, which it supplies defaults for

        @Option(names = "--data-dir", descriptionKey = "OPENAGG_DATA_DIR", defaultValue = "./data",
                description = "Directory of the embedded database (env OPENAGG_DATA_DIR, default ./data).")
        Path dataDir;

        @Option(names = "--database-url", descriptionKey = "OPENAGG_DATABASE_URL",
                description = "JDBC URL of the database, e.g. jdbc:postgresql://host/db (env OPENAGG_DATABASE_URL; default: H2 in the data directory).")
        String databaseUrl;

        @Option(names = "--database-user", descriptionKey = "OPENAGG_DATABASE_USER",
                description = "Database user (env OPENAGG_DATABASE_USER).")
        String databaseUser;

        @Option(names = "--database-password", descriptionKey = "OPENAGG_DATABASE_PASSWORD",
                description = "Database password (env OPENAGG_DATABASE_PASSWORD).")
        String databasePassword;

        @Option(names = "--database-pool-size", descriptionKey = "OPENAGG_DATABASE_POOL_SIZE", defaultValue = "10",
                description = "Most database connections this node opens (env OPENAGG_DATABASE_POOL_SIZE, default 10).")
        int poolSize;

        @Option(names = "--master-key", descriptionKey = "OPENAGG_MASTER_KEY", paramLabel = "BASE64",
                description = "The key secrets are encrypted under: 32 bytes in base64 (env OPENAGG_MASTER_KEY; "
                        + "default: the key file in the data directory, generated on first start, with the embedded "
                        + "database only). Prefer the environment or a file to a flag, which other users may see.")
        String masterKey;

        @Option(names = "--master-key-file", descriptionKey = "OPENAGG_MASTER_KEY_FILE", paramLabel = "FILE",
                description = "A file holding the master key, and after it any keys only read with (env OPENAGG_MASTER_KEY_FILE).")
        Path masterKeyFile;

        @Option(names = "--previous-master-key", descriptionKey = "OPENAGG_PREVIOUS_MASTER_KEY", paramLabel = "BASE64",
                description = "Another key, accepted for reading during a key rotation (env OPENAGG_PREVIOUS_MASTER_KEY).")
        String previousMasterKey;

        @Option(names = "--previous-master-key-file", descriptionKey = "OPENAGG_PREVIOUS_MASTER_KEY_FILE", paramLabel = "FILE",
                description = "A file of keys accepted for reading during a key rotation (env OPENAGG_PREVIOUS_MASTER_KEY_FILE).")
        Path previousMasterKeyFile;

        Config.DatabaseSettings database() {
            return new Config.DatabaseSettings(databaseUrl, databaseUser, databasePassword, poolSize);
        }

        KeySettings keys() {
            return new KeySettings(masterKey, masterKeyFile, previousMasterKey, previousMasterKeyFile);
        }

        /** The settings of a one-off command: where the data lives and its keys. */
        Config config() {
            return Config.defaults(dataDir).withDatabase(databaseUrl, databaseUser, databasePassword).withKeys(keys());
        }

        /** The configured database, migrated and checked against the keys, for a one-off command. */
        Database open() {
            return App.openDatabase(config(), 2);
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
            if (id.length() > Lengths.CLIENT_ID) {
                System.err.println("A client_id is at most " + Lengths.CLIENT_ID + " characters.");
                return 2;
            }
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

        @Option(names = "--background-aggregation-hours", descriptionKey = "OPENAGG_BACKGROUND_AGGREGATION_HOURS",
                defaultValue = "24", description = "The period the server will run with, to place the members' "
                + "background aggregations in (env OPENAGG_BACKGROUND_AGGREGATION_HOURS, default 24).")
        long backgroundAggregationHours;

        @Override
        public Integer call() throws java.io.IOException, java.sql.SQLException {
            try (Database database = storage.open()) {
                FirstClient.ensure(new ClientStore(database.jdbi(), Clock.systemUTC()), clientId, apiKey);
                var institution = Institutions.discover().find("mxbank").orElseThrow();
                long total = new dev.openagg.seed.Seeder(database.jdbi(), Clock.systemUTC(),
                        BackgroundAggregation.dueTimes(java.time.Duration.ofHours(backgroundAggregationHours)))
                        .seed(clientId, institution, members, membersPerUser, sampleFile, sampleSize);
                System.out.println("members in the database: " + total);
            }
            return 0;
        }
    }
}
