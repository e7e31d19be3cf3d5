package dev.openagg;

import dev.openagg.client.FirstClient;
import dev.openagg.institution.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

    @Option(names = "--http-threads", descriptionKey = "OPENAGG_HTTP_THREADS", defaultValue = "32",
            description = "Threads that serve HTTP requests (env OPENAGG_HTTP_THREADS, default 32).")
    int httpThreads;

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

    @Option(names = "--node-name", descriptionKey = "OPENAGG_NODE_NAME",
            description = "This node's name in the job scheduler (env OPENAGG_NODE_NAME, default the host name).")
    String nodeName;

    Config config() {
        check(port >= 0, "--port must be 0 or more");
        check(httpThreads >= 1 && jobThreads >= 1 && storage.poolSize >= 1, "thread and pool sizes must be at least 1");
        check(jobHeartbeatSeconds >= 1 && shutdownWaitSeconds >= 1, "--job-heartbeat and --shutdown-wait must be at least 1 second");
        return new Config(port, httpThreads, storage.dataDir, storage.database(), clientId, apiKey,
                Duration.ofSeconds(challengeLifetimeSeconds), new Config.JobSettings(jobThreads,
                Duration.ofSeconds(jobHeartbeatSeconds), Duration.ofSeconds(shutdownWaitSeconds), nodeName),
                Duration.ofSeconds(webhookRetryBaseSeconds), beside(pluginsDir, "plugins"), beside(scenariosDir, "scenarios"));
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
