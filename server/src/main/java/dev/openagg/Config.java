package dev.openagg;

import dev.openagg.api.Limits;
import dev.openagg.limit.ClientLimits;
import dev.openagg.secret.KeySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything a node is told at start. {@code pluginsDir} is the folder of connector plug-in jars, {@code scenariosDir}
 * the folder of scenario files; null for none.
 * {@code connectorSettings} are the {@code OPENAGG_*} values connector providers read (for example
 * {@code OPENAGG_OFX_INSTITUTIONS}). {@link Main} fills it from flags, {@code OPENAGG_*} environment variables
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
        WebhookSettings webhooks,
        Limits httpLimits,
        ClientLimits clientLimits,
        Path pluginsDir,
        Path scenariosDir,
        Map<String, String> connectorSettings,
        SandboxSettings sandbox,
        ObserveSettings observe) {

    public Config {
        connectorSettings = Map.copyOf(connectorSettings);
    }

    /** Where the data lives; a blank {@code url} means the embedded H2 database in the data directory. */
    public record DatabaseSettings(String url, String user, String password, int poolSize) {
    }

    /**
     * How this node runs job steps. A node that stops sending heartbeats for four {@code heartbeat}s is taken for
     * dead and its steps are run again elsewhere; on shutdown running steps get {@code shutdownWait} to finish.
     */
    public record JobSettings(int threads, Duration heartbeat, Duration shutdownWait, String nodeName) {
    }

    /**
     * How webhooks are sent: the first retry's wait, whether receivers may be on loopback or private addresses
     * (for development; link-local addresses stay refused), and how many deliveries this node sends at once.
     */
    public record WebhookSettings(Duration retryBase, boolean allowPrivateNetworks, int senders) {
    }

    /**
     * The sandbox: whether the {@code /sandbox} endpoints are served ({@code OPENAGG_SANDBOX}), and how often each
     * member is aggregated in the background ({@code OPENAGG_BACKGROUND_AGGREGATION_HOURS}; zero turns it off).
     */
    public record SandboxSettings(boolean enabled, Duration backgroundPeriod) {
        public static final SandboxSettings DEFAULTS = new SandboxSettings(true, Duration.ofHours(24));
    }

    /**
     * What a node records for seeing what happened: the request log's retention in days
     * ({@code OPENAGG_REQUEST_LOG_DAYS}; zero turns the log off), and the port of {@code /metrics}
     * ({@code OPENAGG_METRICS_PORT}; null serves it on the API's port, behind the API's credentials).
     */
    public record ObserveSettings(int requestLogDays, Integer metricsPort) {
        public static final ObserveSettings DEFAULTS = new ObserveSettings(7, null);
    }

    public Config withObserve(ObserveSettings settings) {
        return new Config(port, httpThreads, dataDir, database, keys, clientId, apiKey, challengeLifetime, jobs,
                webhooks, httpLimits, clientLimits, pluginsDir, scenariosDir, connectorSettings, sandbox, settings);
    }

    /**
     * The share of the embedded database's file, in percent, that live pages may fall to before H2 rewrites them
     * into fresh space. H2's default, 90, had its background writer copying pages whenever the server was not busy:
     * flows that create members, polled once a second, cost 1.6 to 2 times the CPU they cost with 50, whose file
     * was 7 % larger after them.
     */
    static final int EMBEDDED_COMPACT_FILL_RATE = 50;

    /**
     * The longest text or binary value (H2's {@code TEXT} is a large object) the embedded database keeps inside its
     * row; longer ones go to H2's separate store of large objects, three more maps written per value. H2's default of
     * 256 is below a member's status reply (about 350 bytes), so every status poll the request log kept wrote there.
     * The request log cuts its bodies at 16,384 characters ({@code Redaction}).
     */
    static final int EMBEDDED_INPLACE_LOB_BYTES = 16_384;

    /**
     * Statements each connection keeps parsed. H2 keeps 8 by default, fewer than the distinct statements a job step
     * and a harvest make on one pooled connection, so they were parsed again and again: 7 % of the server's CPU in
     * flows that create members went to H2's parser, most of it re-reading the multi-row inserts.
     */
    static final int EMBEDDED_QUERY_CACHE = 64;

    /**
     * The embedded H2 file database in {@code dataDir}, in PostgreSQL mode so one set of migrations serves both. A
     * row lock is waited for up to 10 s, as PostgreSQL would, rather than H2's default 1 s: creates counted against
     * a quota queue on their owner's row. Its page cache is a third of the heap ({@link #embeddedCacheKb}). H2 does
     * not close it when the JVM begins to exit: the server closes it last, after the requests, steps and request-log
     * entries under way have been written. H2 rewrites the file's live pages in the background only once they fill
     * less than half of it ({@link #EMBEDDED_COMPACT_FILL_RATE}). Values up to {@link #EMBEDDED_INPLACE_LOB_BYTES} stay
     * in their rows. Each connection keeps {@link #EMBEDDED_QUERY_CACHE} statements parsed.
     */
    public String jdbcUrl() {
        if (!isEmbedded()) {
            return database.url();
        }
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("openagg")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000"
                + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=" + EMBEDDED_COMPACT_FILL_RATE
                + ";MAX_LENGTH_INPLACE_LOB=" + EMBEDDED_INPLACE_LOB_BYTES
                + ";QUERY_CACHE_SIZE=" + EMBEDDED_QUERY_CACHE
                + ";CACHE_SIZE=" + embeddedCacheKb(Runtime.getRuntime().maxMemory());
    }

    /**
     * The embedded database's page cache, in KB, for a heap of at most {@code maxHeapBytes}: a third of it, and at
     * least H2's own 16 MB. Pages that fall out of the cache are decoded from the file again on every read, which
     * is what slows reads at a million members; the rest of the heap holds the requests in flight.
     */
    static long embeddedCacheKb(long maxHeapBytes) {
        return Math.max(16 * 1024, maxHeapBytes / 3 / 1024);
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

    /**
     * Threads that serve HTTP requests unless set: four per CPU, at least 8. Requests on the embedded database are
     * CPU work; more threads than that only share the same cores, leaving less of them to job steps and to the
     * request log's writer (measured in docs/performance.md).
     */
    public static int defaultHttpThreads() {
        return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }

    public static Config defaults(Path dataDir) {
        return new Config(8080, defaultHttpThreads(), dataDir, new DatabaseSettings(null, null, null, 10),
                KeySettings.none(), null, null, Duration.ofMinutes(10),
                new JobSettings(8, Duration.ofSeconds(5), Duration.ofSeconds(5), null),
                new WebhookSettings(Duration.ofSeconds(30), false, 16), Limits.defaults(), ClientLimits.none(), null,
                null, Map.of(), SandboxSettings.DEFAULTS, ObserveSettings.DEFAULTS);
    }

    public Config withPort(int newPort) {
        return new Config(newPort, httpThreads, dataDir, database, keys, clientId, apiKey, challengeLifetime, jobs,
                webhooks, httpLimits, clientLimits, pluginsDir, scenariosDir, connectorSettings, sandbox, observe);
    }

    public Config withClient(String id, String key) {
        return new Config(port, httpThreads, dataDir, database, keys, id, key, challengeLifetime, jobs, webhooks,
                httpLimits, clientLimits, pluginsDir, scenariosDir, connectorSettings, sandbox, observe);
    }

    public Config withDatabase(String url, String user, String password) {
        return new Config(port, httpThreads, dataDir, new DatabaseSettings(url, user, password, database.poolSize()),
                keys, clientId, apiKey, challengeLifetime, jobs, webhooks, httpLimits, clientLimits, pluginsDir, scenariosDir,
                connectorSettings, sandbox, observe);
    }

    /** The master keys secrets are encrypted under. */
    public Config withKeys(KeySettings newKeys) {
        return new Config(port, httpThreads, dataDir, database, newKeys, clientId, apiKey, challengeLifetime, jobs,
                webhooks, httpLimits, clientLimits, pluginsDir, scenariosDir, connectorSettings, sandbox, observe);
    }

    public Config withWebhooks(WebhookSettings settings) {
        return new Config(port, httpThreads, dataDir, database, keys, clientId, apiKey, challengeLifetime, jobs,
                settings, httpLimits, clientLimits, pluginsDir, scenariosDir, connectorSettings, sandbox, observe);
    }

    public Config withChallengeLifetime(Duration lifetime) {
        return new Config(port, httpThreads, dataDir, database, keys, clientId, apiKey, lifetime, jobs, webhooks,
                httpLimits, clientLimits, pluginsDir, scenariosDir, connectorSettings, sandbox, observe);
    }

    public Config withHttpLimits(Limits limits) {
        return new Config(port, httpThreads, dataDir, database, keys, clientId, apiKey, challengeLifetime, jobs,
                webhooks, limits, clientLimits, pluginsDir, scenariosDir, connectorSettings, sandbox, observe);
    }

    /** Loads every connector jar in {@code dir} at start; null loads none. */
    public Config withPluginsDir(Path dir) {
        return new Config(port, httpThreads, dataDir, database, keys, clientId, apiKey, challengeLifetime, jobs,
                webhooks, httpLimits, clientLimits, dir, scenariosDir, connectorSettings, sandbox, observe);
    }

    /** Serves the scenario files of {@code dir}, reloaded when they change; null serves none. */
    public Config withScenariosDir(Path dir) {
        return new Config(port, httpThreads, dataDir, database, keys, clientId, apiKey, challengeLifetime, jobs,
                webhooks, httpLimits, clientLimits, pluginsDir, dir, connectorSettings, sandbox, observe);
    }

    /** The settings connector providers read, by their {@code OPENAGG_*} names. */
    public Config withConnectorSettings(Map<String, String> settings) {
        return new Config(port, httpThreads, dataDir, database, keys, clientId, apiKey, challengeLifetime, jobs,
                webhooks, httpLimits, clientLimits, pluginsDir, scenariosDir, settings, sandbox, observe);
    }

    public Config withSandbox(SandboxSettings settings) {
        return new Config(port, httpThreads, dataDir, database, keys, clientId, apiKey, challengeLifetime, jobs,
                webhooks, httpLimits, clientLimits, pluginsDir, scenariosDir, connectorSettings, settings, observe);
    }

    /** Per-client request rates and object quotas; {@link ClientLimits#none()} by default. */
    public Config withClientLimits(ClientLimits limits) {
        return new Config(port, httpThreads, dataDir, database, keys, clientId, apiKey, challengeLifetime, jobs,
                webhooks, httpLimits, limits, pluginsDir, scenariosDir, connectorSettings, sandbox, observe);
    }

    public Config withWebhookRetryBase(Duration base) {
        return withWebhooks(new WebhookSettings(base, webhooks.allowPrivateNetworks(), webhooks.senders()));
    }

    public Config withWebhookPrivateNetworks(boolean allowed) {
        return withWebhooks(new WebhookSettings(webhooks.retryBase(), allowed, webhooks.senders()));
    }
}
