package dev.openagg;

import dev.openagg.api.Lengths;
import dev.openagg.api.Limits;
import dev.openagg.cli.Arguments;
import dev.openagg.cli.Command;
import dev.openagg.cli.Flag;
import dev.openagg.cli.UsageException;
import dev.openagg.client.FirstClient;
import dev.openagg.institution.Plugins;
import dev.openagg.limit.ClientLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code openagg serve}: runs a node until it gets SIGTERM (or Ctrl-C), then shuts it down within a bound. */
final class Serve {
    static final Flag PORT = Flag.value("--port", "OPENAGG_PORT", "8080",
            "HTTP port (env OPENAGG_PORT, default 8080; 0 picks a free one).").labelled("PORT");
    static final Flag HTTP_THREADS = Flag.value("--http-threads", "OPENAGG_HTTP_THREADS", null,
            "Threads that serve HTTP requests (env OPENAGG_HTTP_THREADS, default four per CPU, at least 8).").labelled("N");
    static final Flag CLIENT_ID = Flag.value("--client-id", "OPENAGG_CLIENT_ID", null,
            "client_id of a client to create if missing (env OPENAGG_CLIENT_ID).").labelled("ID");
    static final Flag API_KEY = Flag.value("--api-key", "OPENAGG_API_KEY", null,
            "api_key of that client (env OPENAGG_API_KEY).").labelled("KEY");
    static final Flag CHALLENGE_LIFETIME = Flag.value("--challenge-lifetime", "OPENAGG_CHALLENGE_LIFETIME_S", "600",
            "Seconds an MFA challenge waits for its answer before the member is EXPIRED (env OPENAGG_CHALLENGE_LIFETIME_S, default 600).").labelled("SECONDS");
    static final Flag JOB_THREADS = Flag.value("--job-threads", "OPENAGG_JOB_THREADS", "8",
            "Threads that run job steps on this node (env OPENAGG_JOB_THREADS, default 8).").labelled("N");
    static final Flag JOB_HEARTBEAT = Flag.value("--job-heartbeat", "OPENAGG_JOB_HEARTBEAT_S", "5",
            "Seconds between this node's heartbeats for the steps it runs; steps of a node silent for 4 heartbeats are run again elsewhere (env OPENAGG_JOB_HEARTBEAT_S, default 5).").labelled("SECONDS");
    static final Flag SHUTDOWN_WAIT = Flag.value("--shutdown-wait", "OPENAGG_SHUTDOWN_WAIT_S", "5",
            "Seconds running steps get to finish on shutdown before they are interrupted and handed back (env OPENAGG_SHUTDOWN_WAIT_S, default 5).").labelled("SECONDS");
    static final Flag WEBHOOK_RETRY_BASE = Flag.value("--webhook-retry-base", "OPENAGG_WEBHOOK_RETRY_BASE_S", "30",
            "Seconds before a failed webhook delivery is first retried; later retries wait 2.1 times longer each (env OPENAGG_WEBHOOK_RETRY_BASE_S, default 30).").labelled("SECONDS");
    static final Flag PLUGINS_DIR = Flag.value("--plugins-dir", "OPENAGG_PLUGINS_DIR", null,
            "Folder of connector plug-in jars (env OPENAGG_PLUGINS_DIR; default: a folder named plugins beside the data directory, when there is one).").labelled("DIR");
    static final Flag SCENARIOS_DIR = Flag.value("--scenarios-dir", "OPENAGG_SCENARIOS_DIR", null,
            "Folder of scenario files, reloaded when they change (env OPENAGG_SCENARIOS_DIR; default: a folder named scenarios beside the data directory, when there is one).").labelled("DIR");
    static final Flag WEBHOOK_ALLOW_PRIVATE_NETWORKS = Flag.toggle("--webhook-allow-private-networks", "OPENAGG_WEBHOOK_ALLOW_PRIVATE_NETWORKS", false,
            "Let webhooks deliver to loopback and private addresses, for development; link-local addresses stay refused (env OPENAGG_WEBHOOK_ALLOW_PRIVATE_NETWORKS, default false).");
    static final Flag WEBHOOK_SENDERS = Flag.value("--webhook-senders", "OPENAGG_WEBHOOK_SENDERS", "16",
            "Webhook deliveries this node sends at once; one client holds at most a quarter of them (env OPENAGG_WEBHOOK_SENDERS, default 16).").labelled("N");
    static final Flag HTTP_HEADER_TIMEOUT = Flag.value("--http-header-timeout", "OPENAGG_HTTP_HEADER_TIMEOUT_S", "10",
            "Seconds a request line and its headers may take to arrive (env OPENAGG_HTTP_HEADER_TIMEOUT_S, default 10).").labelled("SECONDS");
    static final Flag HTTP_BODY_TIMEOUT = Flag.value("--http-body-timeout", "OPENAGG_HTTP_BODY_TIMEOUT_S", "30",
            "Seconds a request body may take to arrive after its headers (env OPENAGG_HTTP_BODY_TIMEOUT_S, default 30).").labelled("SECONDS");
    static final Flag HTTP_MIN_DATA_RATE = Flag.value("--http-min-data-rate", "OPENAGG_HTTP_MIN_DATA_RATE", "1024",
            "Bytes per second a request's headers and body must keep up after their first 5 seconds; 0 turns the check off (env OPENAGG_HTTP_MIN_DATA_RATE, default 1024).").labelled("BYTES_PER_S");
    static final Flag HTTP_MAX_BODY = Flag.value("--http-max-body", "OPENAGG_HTTP_MAX_BODY_BYTES", "262144",
            "Largest request body in bytes; larger ones are refused with 413 (env OPENAGG_HTTP_MAX_BODY_BYTES, default 262144).").labelled("BYTES");
    static final Flag LIMIT_REQUESTS_PER_SECOND = Flag.value("--limit-requests-per-second", "OPENAGG_LIMIT_REQUESTS_PER_SECOND", "0",
            "API requests a second each client may send to this node; more are answered 429 (env OPENAGG_LIMIT_REQUESTS_PER_SECOND, default 0: no limit).").labelled("N");
    static final Flag LIMIT_REQUEST_BURST = Flag.value("--limit-request-burst", "OPENAGG_LIMIT_REQUEST_BURST", "0",
            "Requests a client may send at once above that rate (env OPENAGG_LIMIT_REQUEST_BURST, default 0: one second's worth).").labelled("N");
    static final Flag LIMIT_USERS_PER_CLIENT = Flag.value("--limit-users-per-client", "OPENAGG_LIMIT_USERS_PER_CLIENT", "0",
            "Users each client may have; creating more is answered 422 (env OPENAGG_LIMIT_USERS_PER_CLIENT, default 0: no limit; MX's development environment allows 100).").labelled("N");
    static final Flag LIMIT_MEMBERS_PER_USER = Flag.value("--limit-members-per-user", "OPENAGG_LIMIT_MEMBERS_PER_USER", "0",
            "Members each user may have; creating more is answered 422 (env OPENAGG_LIMIT_MEMBERS_PER_USER, default 0: no limit; MX's development environment allows 25).").labelled("N");
    static final Flag NODE_NAME = Flag.value("--node-name", "OPENAGG_NODE_NAME", null,
            "This node's name in the job scheduler (env OPENAGG_NODE_NAME, default the host name).").labelled("NAME");
    static final Flag SANDBOX = Flag.toggle("--sandbox", "OPENAGG_SANDBOX", true,
            "Serve the /sandbox endpoints; false answers 404 to every /sandbox path (env OPENAGG_SANDBOX, default true).");
    static final Flag BACKGROUND_AGGREGATION_HOURS = Flag.value("--background-aggregation-hours", "OPENAGG_BACKGROUND_AGGREGATION_HOURS", "24",
            "Hours between a member's background aggregations, spread over the period; 0 turns them off (env OPENAGG_BACKGROUND_AGGREGATION_HOURS, default 24).").labelled("HOURS");
    static final Flag REQUEST_LOG_DAYS = Flag.value("--request-log-days", "OPENAGG_REQUEST_LOG_DAYS", "7",
            "Days each client's request log keeps a request; 0 turns the log off (env OPENAGG_REQUEST_LOG_DAYS, default 7).").labelled("DAYS");
    static final Flag METRICS_PORT = Flag.value("--metrics-port", "OPENAGG_METRICS_PORT", null,
            "Serve /metrics on this port, without credentials, instead of on the API's port behind them (env OPENAGG_METRICS_PORT).").labelled("PORT");

    private Serve() {
    }

    static Command command() {
        return Command.of("serve", "Start the server.", Storage.and(PORT, HTTP_THREADS, CLIENT_ID, API_KEY, CHALLENGE_LIFETIME, JOB_THREADS, JOB_HEARTBEAT, SHUTDOWN_WAIT, WEBHOOK_RETRY_BASE, PLUGINS_DIR, SCENARIOS_DIR, WEBHOOK_ALLOW_PRIVATE_NETWORKS, WEBHOOK_SENDERS, HTTP_HEADER_TIMEOUT, HTTP_BODY_TIMEOUT, HTTP_MIN_DATA_RATE, HTTP_MAX_BODY, LIMIT_REQUESTS_PER_SECOND, LIMIT_REQUEST_BURST, LIMIT_USERS_PER_CLIENT, LIMIT_MEMBERS_PER_USER, NODE_NAME, SANDBOX, BACKGROUND_AGGREGATION_HOURS, REQUEST_LOG_DAYS, METRICS_PORT), Serve::run);
    }

    /** The node's settings from the parsed command line; a value out of range is a {@link UsageException}. */
    static Config config(Arguments arguments) {
        Storage storage = new Storage(arguments);
        int port = arguments.intValue(PORT);
        Integer httpThreads = arguments.optionalInt(HTTP_THREADS);
        int jobThreads = arguments.intValue(JOB_THREADS);
        long jobHeartbeatSeconds = arguments.longValue(JOB_HEARTBEAT);
        long shutdownWaitSeconds = arguments.longValue(SHUTDOWN_WAIT);
        int webhookSenders = arguments.intValue(WEBHOOK_SENDERS);
        long backgroundAggregationHours = arguments.longValue(BACKGROUND_AGGREGATION_HOURS);
        int requestLogDays = arguments.intValue(REQUEST_LOG_DAYS);
        Integer metricsPort = arguments.optionalInt(METRICS_PORT);
        String clientId = arguments.string(CLIENT_ID);
        long httpHeaderTimeoutSeconds = arguments.longValue(HTTP_HEADER_TIMEOUT);
        long httpBodyTimeoutSeconds = arguments.longValue(HTTP_BODY_TIMEOUT);
        long httpMinDataRate = arguments.longValue(HTTP_MIN_DATA_RATE);
        int httpMaxBodyBytes = arguments.intValue(HTTP_MAX_BODY);
        int requestsPerSecond = arguments.intValue(LIMIT_REQUESTS_PER_SECOND);
        int requestBurst = arguments.intValue(LIMIT_REQUEST_BURST);
        int usersPerClient = arguments.intValue(LIMIT_USERS_PER_CLIENT);
        int membersPerUser = arguments.intValue(LIMIT_MEMBERS_PER_USER);

        check(port >= 0, "--port must be 0 or more");
        int threads = httpThreads == null ? Config.defaultHttpThreads() : httpThreads;
        check(threads >= 1 && jobThreads >= 1 && storage.poolSize() >= 1, "thread and pool sizes must be at least 1");
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
        check(requestsPerSecond >= 0 && requestBurst >= 0 && usersPerClient >= 0 && membersPerUser >= 0, "the --limit-* settings cannot be negative (0 turns one off)");
        return new Config(port, threads, storage.dataDir(), storage.database(), storage.keys(), clientId,
                arguments.string(API_KEY), Duration.ofSeconds(arguments.longValue(CHALLENGE_LIFETIME)),
                new Config.JobSettings(jobThreads, Duration.ofSeconds(jobHeartbeatSeconds),
                        Duration.ofSeconds(shutdownWaitSeconds), arguments.string(NODE_NAME)),
                new Config.WebhookSettings(Duration.ofSeconds(arguments.longValue(WEBHOOK_RETRY_BASE)),
                        arguments.bool(WEBHOOK_ALLOW_PRIVATE_NETWORKS), webhookSenders),
                new Limits(Duration.ofSeconds(httpHeaderTimeoutSeconds), Duration.ofSeconds(httpBodyTimeoutSeconds),
                        httpMinDataRate, httpMaxBodyBytes),
                new ClientLimits(requestsPerSecond, requestBurst, usersPerClient, membersPerUser), beside(storage, arguments.path(PLUGINS_DIR), "plugins"),
                beside(storage, arguments.path(SCENARIOS_DIR), "scenarios"), connectorSettings(arguments),
                new Config.SandboxSettings(arguments.bool(SANDBOX), Duration.ofHours(backgroundAggregationHours)),
                new Config.ObserveSettings(requestLogDays, metricsPort));
    }

    /** What connector providers read: the environment and the config file that {@link Main} looked settings up in. */
    private static Map<String, String> connectorSettings(Arguments arguments) {
        return arguments.defaults() instanceof ConfigFile file ? file.connectorSettings() : Map.of();
    }

    /** A folder: as set, or else the folder {@code name} beside the data directory if that exists. */
    private static Path beside(Storage storage, Path set, String name) {
        if (set != null) {
            return set;
        }
        Path beside = storage.dataDir().toAbsolutePath().normalize().resolveSibling(name);
        return Files.isDirectory(beside) ? beside : null;
    }

    private static void check(boolean holds, String message) {
        if (!holds) {
            throw new UsageException(message);
        }
    }

    private static int run(Arguments arguments) throws InterruptedException {
        Config config = config(arguments);
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
                + (config.isEmbedded() ? " (embedded database in " + config.dataDir() + ")" : ""));
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
