package dev.openagg.support;

import dev.openagg.Config;
import dev.openagg.db.Database;
import dev.openagg.secret.EncryptSecretsMigration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jdbi.v3.core.Jdbi;

/** A test's database brought to an earlier schema, as an earlier version left it, for an upgrade to start from. */
public final class OldSchema {
    private OldSchema() {
    }

    /** Migrates {@code config}'s database up to {@code version} only; returns a handle on it. */
    public static Jdbi at(Config config, String version) {
        Config.DatabaseSettings login = config.database();
        Flyway.configure().dataSource(config.jdbcUrl(), login.user(), login.password())
                .locations("classpath:db/migration")
                .javaMigrations(Database.javaMigrations(new EncryptSecretsMigration(TestKeys.ring()))
                        .toArray(JavaMigration[]::new))
                .target(version).load().migrate();
        return TestServer.db(config);
    }
}
