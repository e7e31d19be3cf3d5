package dev.openagg;

import dev.openagg.api.Lengths;
import dev.openagg.api.Limits;
import dev.openagg.client.FirstClient;
import dev.openagg.institution.Plugins;
import dev.openagg.limit.ClientLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openagg serve}: runs a node until it gets SIGTERM (or Ctrl-C), then shuts it down within a bound. */
@Command(name = "serve", description = "Start the server.")
final class Serve implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Main.Storage storage;

    @Option(names = "--port", descriptionKey = "OPENAGG_PORT", defaultValue = "8080",
            description = "HTTP port (env OPENAGG_PORT, default 8080; 0 picks a free one).")
    int port;

    @Option(names = "--http-threads", descriptionKey = "OPENAGG_HTTP_THREADS",
            description = "Threads that serve HTTP requests (env OPENAGG_HTTP_THREADS, default four per CPU, at least 8).")
    Integer httpThreads;

    @Option(names = "--client-id", descriptionKey = "OPENAGG_CLIENT_ID",
            description = "client_id of a client to create if missing (env OPENAGG_CLIENT_ID).")
    String clientId;

    @Option(names = "--api-key", descriptionKey = "OPENAGG_API_KEY",
            description = "api_key of that client (env OPENAGG_API_KEY).")
    String apiKey;

    @Option(names = "--challenge-lifetime", descriptionKey = "OPENAGG_CHALLENGE_LIFETIME_S", defaultValue = "600",
            description = "Seconds an MFA challenge waits for its answer before the member is EXPIRED (env OPENAGG_CHALLENGE_LIFETIME_S, default 600).")
    long challengeLifetimeSeconds;

    @Option(names = "--job-threads", descriptionKey = "OPENAGG_JOB_THREADS", defaultValue = "8",
            description = "Threads that run job steps on this node (env OPENAGG_JOB_THREADS, default 8).")
    int jobThreads;

    @Option(names = "--job-heartbeat", descriptionKey = "OPENAGG_JOB_HEARTBEAT_S", defaultValue = "5",
            description = "Seconds between this node's heartbeats for the steps it runs; steps of a node silent for 4 heartbeats are run again elsewhere (env OPENAGG_JOB_HEARTBEAT_S, default 5).")
    long jobHeartbeatSeconds;

    @Option(names = "--shutdown-wait", descriptionKey = "OPENAGG_SHUTDOWN_WAIT_S", defaultValue = "5",
            description = "Seconds running steps get to finish on shutdown before they are interrupted and handed back (env OPENAGG_SHUTDOWN_WAIT_S, default 5).")
    long shutdownWaitSeconds;

    @Option(names = "--webhook-retry-base", descriptionKey = "OPENAGG_WEBHOOK_RETRY_BASE_S", defaultValue = "30",
            description = "Seconds before a failed webhook delivery is first retried; later retries wait 2.1 times longer each (env OPENAGG_WEBHOOK_RETRY_BASE_S, default 30).")
    long webhookRetryBaseSeconds;

    @Option(names = "--plugins-dir", descriptionKey = "OPENAGG_PLUGINS_DIR",
            description = "Folder of connector plug-in jars (env OPENAGG_PLUGINS_DIR; default: a folder named plugins beside the data directory, when there is one).")
    Path pluginsDir;

    @Option(names = "--scenarios-dir", descriptionKey = "OPENAGG_SCENARIOS_DIR",
            description = "Folder of scenario files, reloaded when they change (env OPENAGG_SCENARIOS_DIR; default: a folder named scenarios beside the data directory, when there is one).")
    Path scenariosDir;

    @Option(names = "--webhook-allow-private-networks", descriptionKey = "OPENAGG_WEBHOOK_ALLOW_PRIVATE_NETWORKS",
            defaultValue = "false", arity = "0..1", fallbackValue = "true",
            description = "Let webhooks deliver to loopback and private addresses, for development; link-local addresses stay refused (env OPENAGG_WEBHOOK_ALLOW_PRIVATE_NETWORKS, default false).")
    boolean webhookAllowPrivateNetworks;

    @Option(names = "--webhook-senders", descriptionKey = "OPENAGG_WEBHOOK_SENDERS", defaultValue = "16",
            description = "Webhook deliveries this node sends at once; one client holds at most a quarter of them (env OPENAGG_WEBHOOK_SENDERS, default 16).")
    int webhookSenders;

    @Option(names = "--http-header-timeout", descriptionKey = "OPENAGG_HTTP_HEADER_TIMEOUT_S", defaultValue = "10",
            description = "Seconds a request line and its headers may take to arrive (env OPENAGG_HTTP_HEADER_TIMEOUT_S, default 10).")
    long httpHeaderTimeoutSeconds;

    @Option(names = "--http-body-timeout", descriptionKey = "OPENAGG_HTTP_BODY_TIMEOUT_S", defaultValue = "30",
            description = "Seconds a request body may take to arrive after its headers (env OPENAGG_HTTP_BODY_TIMEOUT_S, default 30).")
    long httpBodyTimeoutSeconds;

    @Option(names = "--http-min-data-rate", descriptionKey = "OPENAGG_HTTP_MIN_DATA_RATE", defaultValue = "1024",
            description = "Bytes per second a request's headers and body must keep up after their first 5 seconds; 0 turns the check off (env OPENAGG_HTTP_MIN_DATA_RATE, default 1024).")
    long httpMinDataRate;

    @Option(names = "--http-max-body", descriptionKey = "OPENAGG_HTTP_MAX_BODY_BYTES", defaultValue = "262144",
            description = "Largest request body in bytes; larger ones are refused with 413 (env OPENAGG_HTTP_MAX_BODY_BYTES, default 262144).")
    int httpMaxBodyBytes;

    @Option(names = "--limit-requests-per-second", descriptionKey = "OPENAGG_LIMIT_REQUESTS_PER_SECOND", defaultValue = "0",
            description = "API requests a second each client may send to this node; more are answered 429 (env OPENAGG_LIMIT_REQUESTS_PER_SECOND, default 0: no limit).")
    int limitRequestsPerSecond;

    @Option(names = "--limit-request-burst", descriptionKey = "OPENAGG_LIMIT_REQUEST_BURST", defaultValue = "0",
            description = "Requests a client may send at once above that rate (env OPENAGG_LIMIT_REQUEST_BURST, default 0: one second's worth).")
    int limitRequestBurst;

    @Option(names = "--limit-users-per-client", descriptionKey = "OPENAGG_LIMIT_USERS_PER_CLIENT", defaultValue = "0",
            description = "Users each client may have; creating more is answered 422 (env OPENAGG_LIMIT_USERS_PER_CLIENT, default 0: no limit; MX's development environment allows 100).")
    int limitUsersPerClient;

    @Option(names = "--limit-members-per-user", descriptionKey = "OPENAGG_LIMIT_MEMBERS_PER_USER", defaultValue = "0",
            description = "Members each user may have; creating more is answered 422 (env OPENAGG_LIMIT_MEMBERS_PER_USER, default 0: no limit; MX's development environment allows 25).")
    int limitMembersPerUser;

    @Option(names = "--node-name", descriptionKey = "OPENAGG_NODE_NAME",
            description = "This node's name in the job scheduler (env OPENAGG_NODE_NAME, default the host name).")
    String nodeName;

    @Option(names = "--sandbox", descriptionKey = "OPENAGG_SANDBOX", defaultValue = "true", arity = "0..1",
            fallbackValue = "true",
            description = "Serve the /sandbox endpoints; false answers 404 to every /sandbox path (env OPENAGG_SANDBOX, default true).")
    boolean sandbox;

    @Option(names = "--background-aggregation-hours", descriptionKey = "OPENAGG_BACKGROUND_AGGREGATION_HOURS",
            defaultValue = "24",
            description = "Hours between a member's background aggregations, spread over the period; 0 turns them off (env OPENAGG_BACKGROUND_AGGREGATION_HOURS, default 24).")
    long backgroundAggregationHours;

    @Option(names = "--request-log-days", descriptionKey = "OPENAGG_REQUEST_LOG_DAYS", defaultValue = "7",
            description = "Days each client's request log keeps a request; 0 turns the log off (env OPENAGG_REQUEST_LOG_DAYS, default 7).")
    int requestLogDays;

    @Option(names = "--metrics-port", descriptionKey = "OPENAGG_METRICS_PORT",
            description = "Serve /metrics on this port, without credentials, instead of on the API's port behind them (env OPENAGG_METRICS_PORT).")
    Integer metricsPort;

    Config config() {
        check(port >= 0, "--port must be 0 or more");
        int threads = httpThreads == null ? Config.defaultHttpThreads() : httpThreads;
        check(threads >= 1 && jobThreads >= 1 && storage.poolSize >= 1, "thread and pool sizes must be at least 1");
        check(jobHeartbeatSeconds >= 1 && shutdownWaitSeconds >= 1, "--job-heartbeat and --shutdown-wait must be at least 1 second");
        check(webhookSenders >= 1, "--webhook-senders must be at least 1");
        check(backgroundAggregationHours >= 0, "--background-aggregation-hours cannot be negative");
        check(requestLogDays >= 0, "--request-log-days cannot be negative");
        check(metricsPort == null || (metricsPort >= 0 && metricsPort <= 65535), "--metrics-port must be 0 to 65535");
        check(clientId == null || clientId.length() <= Lengths.CLIENT_ID,
                "--client-id must be at most " + Lengths.CLIENT_ID + " characters");
        check(httpHeaderTimeoutSeconds >= 1 && httpBodyTimeoutSeconds >= 1,
                "--http-header-timeout and --http-body-timeout must be at least 1 second");
        check(httpMinDataRate >= 0 && httpMaxBodyBytes >= 0, "--http-min-data-rate and --http-max-body cannot be negative");
        check(limitRequestsPerSecond >= 0 && limitRequestBurst >= 0 && limitUsersPerClient >= 0
                && limitMembersPerUser >= 0, "the --limit-* settings cannot be negative (0 turns one off)");
        return new Config(port, threads, storage.dataDir, storage.database(), storage.keys(), clientId, apiKey,
                Duration.ofSeconds(challengeLifetimeSeconds), new Config.JobSettings(jobThreads,
                Duration.ofSeconds(jobHeartbeatSeconds), Duration.ofSeconds(shutdownWaitSeconds), nodeName),
                new Config.WebhookSettings(Duration.ofSeconds(webhookRetryBaseSeconds), webhookAllowPrivateNetworks,
                        webhookSenders),
                new Limits(Duration.ofSeconds(httpHeaderTimeoutSeconds), Duration.ofSeconds(httpBodyTimeoutSeconds),
                        httpMinDataRate, httpMaxBodyBytes),
                new ClientLimits(limitRequestsPerSecond, limitRequestBurst, limitUsersPerClient, limitMembersPerUser),
                beside(pluginsDir, "plugins"), beside(scenariosDir, "scenarios"), connectorSettings(),
                new Config.SandboxSettings(sandbox, Duration.ofHours(backgroundAggregationHours)),
                new Config.ObserveSettings(requestLogDays, metricsPort));
    }

    /** What connector providers read: set by {@link Main} as the default value provider. */
    private Map<String, String> connectorSettings() {
        return spec.commandLine().getDefaultValueProvider() instanceof ConfigFile file
                ? file.connectorSettings() : Map.of();
    }

    /** A folder: as set, or else the folder {@code name} beside the data directory if that exists. */
    private Path beside(Path set, String name) {
        if (set != null) {
            return set;
        }
        Path beside = storage.dataDir.toAbsolutePath().normalize().resolveSibling(name);
        return Files.isDirectory(beside) ? beside : null;
    }

    private void check(boolean holds, String message) {
        if (!holds) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Config config = config();
        App app;
        try {
            app = App.start(config, Clock.systemUTC());
        } catch (Plugins.LoadFailure e) {
            System.err.println("OpenAgg did not start: " + e.getMessage());
            return 2;
        }
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
            // Closing waits on the database; if it does not answer, exit anyway after the bound: steps still
            // marked as running here are run again elsewhere once this node's heartbeats stop.
            Thread closing = new Thread(app::close, "openagg-close");
            closing.start();
            try {
                closing.join(config.shutdownBound().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }, "openagg-shutdown"));
        stopped.await();
        return 0;
    }
}
