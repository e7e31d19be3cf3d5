package dev.openagg.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.secret.EncryptSecretsMigration;
import dev.openagg.support.LogCapture;
import dev.openagg.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.api.migration.JavaMigration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path extra;

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final List<JavaMigration> java = Database.javaMigrations(new EncryptSecretsMigration(TestKeys.ring()));

    MigrationsTest() {
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    @Test
    void a_new_database_is_migrated_and_the_next_start_skips_flyway() throws SQLException {
        Migrations build = new Migrations(dataSource, java);

        try (LogCapture log = new LogCapture()) {
            assertThat(build.migrate()).as("the first start runs Flyway").isTrue();
            long applied = count("SELECT COUNT(*) FROM flyway_schema_history WHERE success");
            assertThat(build.stored()).hasSize(64);
            String latest = latestVersion();
            assertThat(log.text()).as("what a node says while it migrates")
                    .contains("bringing the database schema up to date")
                    .containsPattern("database schema at version " + latest
                            + " after [1-9][0-9]* migration\\(s\\) in [0-9]+ ms");

            String before = log.text();
            assertThat(new Migrations(dataSource, java).migrate()).as("a second start with the same jar").isFalse();
            assertThat(count("SELECT COUNT(*) FROM flyway_schema_history WHERE success")).isEqualTo(applied);
            assertThat(log.text()).as("a start that skips Flyway says nothing of it").isEqualTo(before);
        }
    }

    @Test
    void a_migration_the_database_lacks_is_applied_and_then_skipped() throws Exception {
        new Migrations(dataSource, java).migrate();
        Files.writeString(extra.resolve("V900__extra.sql"), "CREATE TABLE extra_table (id INTEGER PRIMARY KEY);");
        List<Migrations.SqlFile> files = new ArrayList<>(Migrations.sqlFiles().orElseThrow());
        files.add(new Migrations.SqlFile("V900__extra.sql",
                Files.readString(extra.resolve("V900__extra.sql")).getBytes(StandardCharsets.UTF_8)));

        Migrations newer = new Migrations(dataSource, java, Optional.of(files), "classpath:db/migration",
                "filesystem:" + extra);

        assertThat(newer.migrate()).as("a jar with a new migration runs Flyway").isTrue();
        assertThat(count("SELECT COUNT(*) FROM extra_table")).isZero();
        assertThat(count("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '900' AND success")).isOne();
        assertThat(newer.migrate()).as("and once applied, starts without it").isFalse();
    }

    @Test
    void a_changed_migration_changes_the_fingerprint_so_flyway_validates_it() {
        List<Migrations.SqlFile> files = Migrations.sqlFiles().orElseThrow();
        List<Migrations.SqlFile> changed = new ArrayList<>(files);
        Migrations.SqlFile first = changed.get(0);
        changed.set(0, new Migrations.SqlFile(first.name(), (new String(first.bytes(), StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(Migrations.fingerprint(changed, java)).isNotEqualTo(Migrations.fingerprint(files, java));
        assertThat(Migrations.fingerprint(files, List.of())).isNotEqualTo(Migrations.fingerprint(files, java));
        assertThat(files).extracting(Migrations.SqlFile::name).contains("V1__clients_users_members.sql",
                "V25__schema_fingerprint.sql");
    }

    @Test
    void a_build_whose_migrations_cannot_be_listed_always_runs_flyway() throws SQLException {
        new Migrations(dataSource, java).migrate();
        Migrations unlisted = new Migrations(dataSource, java, Optional.empty(), "classpath:db/migration");

        assertThat(unlisted.migrate()).isTrue();
        assertThat(unlisted.migrate()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '25' AND success")).isOne();
    }

    private String latestVersion() throws SQLException {
        return first("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1");
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(first(sql));
    }

    /** The first column of the query's first row, as text. */
    private String first(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
