package dev.openagg;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a node is told at start. {@link Main} fills it from flags and {@code OPENAGG_*} environment
 * variables; tests build it directly.
 */
public record Config(
        int port,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int databasePoolSize,
        String clientId,
        String apiKey,
        Duration challengeLifetime,
        int jobThreads,
        String nodeName,
        Duration webhookRetryBase) {

    /** The embedded H2 file database in {@code dataDir}, in PostgreSQL mode so one set of migrations serves both. */
    public String jdbcUrl() {
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            return databaseUrl;
        }
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("openagg")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    public boolean isEmbedded() {
        return databaseUrl == null || databaseUrl.isBlank();
    }

    public static Config defaults(Path dataDir) {
        return new Config(8080, dataDir, null, null, null, 10, null, null, Duration.ofMinutes(10), 8, null,
                Duration.ofSeconds(30));
    }

    public Config withPort(int newPort) {
        return new Config(newPort, dataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize, clientId,
                apiKey, challengeLifetime, jobThreads, nodeName, webhookRetryBase);
    }

    public Config withClient(String id, String key) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize, id, key,
                challengeLifetime, jobThreads, nodeName, webhookRetryBase);
    }

    public Config withDatabase(String url, String user, String password) {
        return new Config(port, dataDir, url, user, password, databasePoolSize, clientId, apiKey, challengeLifetime,
                jobThreads, nodeName, webhookRetryBase);
    }

    public Config withWebhookRetryBase(Duration base) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize, clientId,
                apiKey, challengeLifetime, jobThreads, nodeName, base);
    }

    public Config withChallengeLifetime(Duration lifetime) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize, clientId,
                apiKey, lifetime, jobThreads, nodeName, webhookRetryBase);
    }
}
