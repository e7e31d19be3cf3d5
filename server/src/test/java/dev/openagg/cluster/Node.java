package dev.openagg.cluster;

import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One OpenAgg node: the packaged jar ({@code target/openagg.jar}, built by {@code mvn verify} before the integration
 * tests run) in its own JVM, configured through environment variables as an operator would. Its output goes to a
 * log file under {@code target/node-logs}.
 */
public final class Node implements AutoCloseable {
    public static final String CLIENT_ID = "cluster-client";
    public static final String API_KEY = "cluster-key-0123456789";
    private static final Pattern LISTENING = Pattern.compile("OpenAgg is listening on http://localhost:(\\d+)");
    private static final Path JAR = Path.of(System.getProperty("openagg.jar", "target/openagg.jar"));
    /** The JVM options the build writes for the README's command ({@code java @target/openagg.jvm}). */
    private static final Path BUILD_OPTIONS = JAR.resolveSibling("openagg.jvm");
    /** The options a node starts with unless it asks for the build's: a small heap, and C1 alone for a quick start. */
    private static final List<String> TEST_OPTIONS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Path TEST_CLASSES = Path.of(System.getProperty("openagg.testClasses", "target/test-classes"));
    private static final Path LOGS = Path.of(System.getProperty("openagg.nodeLogs", "target/node-logs"));
    private static final List<Process> STARTED = new ArrayList<>();

    static {
        // A test JVM that dies must not leave servers running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (STARTED) {
                STARTED.forEach(Process::destroyForcibly);
            }
        }));
    }

    public final String name;
    private final Map<String, String> environment;
    private final List<String> args;
    private final Path plugin;
    private final List<String> jvmOptions;
    private Process process;
    private Path log;
    private int port;

    private Node(String name, Map<String, String> environment, List<String> args, Path plugin,
                 List<String> jvmOptions) {
        this.name = name;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.environment = Map.copyOf(environment);
        this.args = List.copyOf(args);
        this.plugin = plugin;
    }

    /**
     * Launches a node on a free port against the database at {@code jdbcUrl} and returns at once; {@link #awaitReady}
     * waits for it. {@code settings} are more {@code OPENAGG_*} variables; {@code plugin}, when not null, is a
     * directory put on the class path beside the jar (a connector plug-in).
     */
    public static Node launch(String name, String jdbcUrl, Map<String, String> settings, Path plugin, String... args) {
        return launch(name, jdbcUrl, settings, plugin, TEST_OPTIONS, args);
    }

    /** A node on the embedded database started exactly as the README's command starts the server. */
    public static Node launchAsReadme(String name, Map<String, String> settings) {
        return launch(name, null, settings, null, List.of("@" + BUILD_OPTIONS));
    }

    private static Node launch(String name, String jdbcUrl, Map<String, String> settings, Path plugin,
                               List<String> jvmOptions, String... args) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("OPENAGG_PORT", "0");
        environment.put("OPENAGG_NODE_NAME", name);
        environment.put("OPENAGG_CLIENT_ID", CLIENT_ID);
        environment.put("OPENAGG_API_KEY", API_KEY);
        environment.put("OPENAGG_MASTER_KEY", TestKeys.KEY);
        if (jdbcUrl != null) {
            environment.put("OPENAGG_DATABASE_URL", jdbcUrl);
            environment.put("OPENAGG_DATABASE_USER", "postgres");
            environment.put("OPENAGG_DATABASE_PASSWORD", "postgres");
        }
        environment.putAll(settings);
        Node node = new Node(name, environment, List.of(args), plugin, jvmOptions);
        node.launch();
        return node;
    }

    private void launch() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (plugin == null) {
            command.addAll(List.of("-jar", JAR.toString()));
        } else {
            command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, JAR.toString(),
                    TEST_CLASSES.toString(), plugin.toString()), "dev.openagg.Main"));
        }
        command.add("serve");
        command.addAll(args);
        try {
            Files.createDirectories(LOGS);
            log = Files.createTempFile(LOGS, name + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeIf(k -> k.startsWith("OPENAGG_"));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (STARTED) {
            STARTED.add(process);
        }
    }

    /** Waits until the node serves HTTP; fails with its log if it exits first. */
    public Node awaitReady() {
        port = Await.until(this::listeningPort, p -> p.isPresent() || !process.isAlive(), Duration.ofSeconds(90),
                Duration.ofMillis(100), "node " + name + " to listen")
                .orElseThrow(() -> new AssertionError("node " + name + " exited: " + logText()));
        return this;
    }

    private Optional<Integer> listeningPort() {
        Matcher matcher = LISTENING.matcher(logText());
        return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    /** The same node (name, settings) started again, as an operator restarts a crashed server. */
    public Node restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("node " + name + " is still running");
        }
        Node again = new Node(name, environment, args, plugin, jvmOptions);
        again.launch();
        return again;
    }

    public int port() {
        return port;
    }

    /** The node's process id, to read its threads under {@code /proc}. */
    public long pid() {
        return process.pid();
    }

    public Api api() {
        return new Api(port, CLIENT_ID, API_KEY);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the node to exit by itself (a start that fails); returns its exit code. */
    public int awaitExit(Duration bound) {
        waitForExit(bound);
        return process.exitValue();
    }

    /** SIGKILL: the process dies at once, in the middle of whatever it was doing. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM; returns how long the node took to exit, failing when it takes longer than {@code bound}. */
    public Duration terminate(Duration bound) {
        long started = System.nanoTime();
        process.destroy();
        waitForExit(bound);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void waitForExit(Duration bound) {
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("node " + name + " still running after " + bound + ": " + logText());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(30));
        }
    }
}
