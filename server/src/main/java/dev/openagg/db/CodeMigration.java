package dev.openagg.db;

import java.sql.Connection;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A migration written in Java, numbered among the SQL files: Flyway applies it once, in its own transaction, under
 * the lock that keeps nodes starting together from applying it twice.
 */
public record CodeMigration(String version, String description, Body body) implements JavaMigration {
    /** What the migration does, on Flyway's connection. */
    @FunctionalInterface
    public interface Body {
        void migrate(Connection connection) throws Exception;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(version);
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        body.migrate(context.getConnection());
    }
}
