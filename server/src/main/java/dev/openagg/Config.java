package dev.openagg;

import dev.openagg.secret.KeySettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a node is told at start. {@link Main} fills it from flags, {@code OPENAGG_*} environment variables
 * and the config file; tests build it directly.
 */
public record Config(
        int port,
        int httpThreads,
        Path dataDir,
        DatabaseSettings database,
        KeySettings keys,
        String clientId,
        String apiKey,
        Duration challengeLifetime,
        JobSettings jobs,
        Duration webhookRetryBase) {

    /** Where the data lives; a blank {@code url} means the embedded H2 database in the data directory. */
    public record DatabaseSettings(String url, String user, String password, int poolSize) {
    }

    /**
     * How this node runs job steps. A node that stops sending heartbeats for four {@code heartbeat}s is taken for
     * dead and its steps are run again elsewhere; on shutdown running steps get {@code shutdownWait} to finish.
     */
    public record JobSettings(int threads, Duration heartbeat, Duration shutdownWait, String nodeName) {
    }

    /** The embedded H2 file database in {@code dataDir}, in PostgreSQL mode so one set of migrations serves both. */
    public String jdbcUrl() {
        if (!isEmbedded()) {
            return database.url();
        }
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("openagg")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    public boolean isEmbedded() {
        return database.url() == null || database.url().isBlank();
    }

    /** The embedded database's directory, which also holds its default key file; null for any other database. */
    public Path embeddedDataDir() {
        return isEmbedded() ? dataDir : null;
    }

    /**
     * How long a SIGTERM may take at most: the scheduler waits {@code shutdownWait} for running steps, interrupts
     * them and waits as long again; the rest is closing the pool and the HTTP server.
     */
    public Duration shutdownBound() {
        return jobs.shutdownWait().multipliedBy(2).plusSeconds(10);
    }

    public static Config defaults(Path dataDir) {
        return new Config(8080, 32, dataDir, new DatabaseSettings(null, null, null, 10), KeySettings.none(), null,
                null, Duration.ofMinutes(10), new JobSettings(8, Duration.ofSeconds(5), Duration.ofSeconds(5), null),
                Duration.ofSeconds(30));
    }

    public Config withPort(int newPort) {
        return new Config(newPort, httpThreads, dataDir, database, keys, clientId, apiKey, challengeLifetime, jobs,
                webhookRetryBase);
    }

    public Config withClient(String id, String key) {
        return new Config(port, httpThreads, dataDir, database, keys, id, key, challengeLifetime, jobs,
                webhookRetryBase);
    }

    public Config withDatabase(String url, String user, String password) {
        return new Config(port, httpThreads, dataDir, new DatabaseSettings(url, user, password, database.poolSize()),
                keys, clientId, apiKey, challengeLifetime, jobs, webhookRetryBase);
    }

    public Config withKeys(KeySettings newKeys) {
        return new Config(port, httpThreads, dataDir, database, newKeys, clientId, apiKey, challengeLifetime, jobs,
                webhookRetryBase);
    }

    public Config withWebhookRetryBase(Duration base) {
        return new Config(port, httpThreads, dataDir, database, keys, clientId, apiKey, challengeLifetime, jobs, base);
    }

    public Config withChallengeLifetime(Duration lifetime) {
        return new Config(port, httpThreads, dataDir, database, keys, clientId, apiKey, lifetime, jobs,
                webhookRetryBase);
    }
}
