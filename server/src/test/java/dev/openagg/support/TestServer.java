package dev.openagg.support;

import dev.openagg.App;
import dev.openagg.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The real server on a random port with its own embedded database, for full-server tests. */
public final class TestServer implements AutoCloseable {
    public static final String CLIENT_ID = "test-client";
    public static final String API_KEY = "test-key-0123456789";

    public final Config config;
    public final MutableClock clock;
    private App app;

    private TestServer(Config config, MutableClock clock) {
        this.config = config;
        this.clock = clock;
        this.app = App.start(config, clock);
    }

    public static TestServer start() {
        return start(config());
    }

    public static TestServer start(Config config) {
        return new TestServer(config, MutableClock.ofNow());
    }

    public static TestServer start(Config config, MutableClock clock) {
        return new TestServer(config, clock);
    }

    /**
     * A server on a random port with the test client. Its webhooks may deliver to private networks, since the
     * tests' receivers listen on the loopback address; the tests of that refusal turn it off. Background
     * aggregation is off, so tests that move the clock by days get only the jobs they start; its tests turn it on.
     */
    public static Config config() {
        return Config.defaults(tempDir()).withPort(0).withClient(CLIENT_ID, API_KEY)
                .withChallengeLifetime(Duration.ofMinutes(10)).withWebhookPrivateNetworks(true)
                .withSandbox(new Config.SandboxSettings(true, Duration.ZERO));
    }

    /**
     * {@link #config()} on {@code database}: {@code "h2"} (the embedded file), or {@code "postgresql"} (a new database
     * on the tests' embedded PostgreSQL, secrets under the tests' master key).
     */
    public static Config config(String database) {
        return switch (database) {
            case "h2" -> config();
            case "postgresql" -> config().withDatabase(Postgres.newDatabase(), "postgres", "postgres")
                    .withKeys(TestKeys.settings());
            default -> throw new IllegalArgumentException("no such test database: " + database);
        };
    }

    public static Path tempDir() {
        try {
            return Files.createTempDirectory("openagg-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return app.port();
    }

    public Api api() {
        return new Api(port(), CLIENT_ID, API_KEY);
    }

    /** Another API client of this server, whose objects are separate from the test client's. */
    public Api otherClient(String clientId) {
        new dev.openagg.client.ClientStore(db(), java.time.Clock.systemUTC())
                .add(clientId, clientId + "-key");
        return new Api(port(), clientId, clientId + "-key");
    }

    /** The server's database, for tests that look at its rows. */
    public org.jdbi.v3.core.Jdbi db() {
        return db(config);
    }

    /** {@code config}'s database, with its login when it has one; also before a server has started on it. */
    public static org.jdbi.v3.core.Jdbi db(Config config) {
        Config.DatabaseSettings login = config.database();
        return login.user() == null ? org.jdbi.v3.core.Jdbi.create(config.jdbcUrl())
                : org.jdbi.v3.core.Jdbi.create(config.jdbcUrl(), login.user(), login.password());
    }

    public App app() {
        return app;
    }

    /** Stops this server and starts another on the same database and clock, as after a restart. */
    public void restart() {
        app.close();
        app = App.start(config, clock);
    }

    /** Stops the server and keeps its database, to start another on it. */
    public void stop() {
        app.close();
    }

    @Override
    public void close() {
        app.close();
        if (config.isEmbedded()) {
            deleteTree(config.dataDir());
        }
    }

    public static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
