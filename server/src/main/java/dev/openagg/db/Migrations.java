package dev.openagg.db;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with Flyway, unless it already is. Flyway reads, checksums and validates every
 * migration against its history on each start, about a third of the start-up time; so after a successful migration the
 * fingerprint of the migrations this build holds (each SQL file's name and bytes, and each Java migration's version
 * and description) is stored in the database, and a node that finds its own fingerprint there starts without Flyway.
 * Any other fingerprint, none at all, or a build whose migrations cannot be listed runs Flyway as before, under its
 * lock, so nodes that start together stay safe: a fingerprint is only written after Flyway has applied everything it
 * describes.
 */
public final class Migrations {
    static final String LOCATION = "db/migration";
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private final DataSource dataSource;
    private final List<JavaMigration> javaMigrations;
    private final Optional<String> fingerprint;
    private final String[] locations;

    /** The migrations of this build: the SQL files next to this class, and {@code javaMigrations}. */
    public Migrations(DataSource dataSource, List<JavaMigration> javaMigrations) {
        this(dataSource, javaMigrations, sqlFiles(), "classpath:" + LOCATION);
    }

    /** Flyway's {@code locations} holding {@code sqlFiles}, and {@code javaMigrations}; for tests. */
    Migrations(DataSource dataSource, List<JavaMigration> javaMigrations, Optional<List<SqlFile>> sqlFiles,
            String... locations) {
        this.dataSource = dataSource;
        this.javaMigrations = javaMigrations;
        this.fingerprint = sqlFiles.map(files -> fingerprint(files, javaMigrations));
        this.locations = locations;
    }

    /** One SQL migration: its file name and contents. */
    record SqlFile(String name, byte[] bytes) {
    }

    /** Migrates when the database lacks this build's fingerprint; true when Flyway ran. */
    public boolean migrate() {
        if (fingerprint.isPresent() && fingerprint.get().equals(stored())) {
            return false;
        }
        // Flyway's own messages are below the log's level, and a migration over large tables can take minutes
        // before a node listens (or a seed starts), so the log says what it waits for.
        LOG.info("bringing the database schema up to date; over large tables this can take minutes");
        long started = System.nanoTime();
        MigrateResult result = Flyway.configure().dataSource(dataSource).locations(locations)
                .javaMigrations(javaMigrations.toArray(JavaMigration[]::new)).load().migrate();
        fingerprint.ifPresent(this::store);
        LOG.info("database schema at version {} after {} migration(s) in {} ms", schemaVersion(result),
                result.migrationsExecuted, (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    private static String schemaVersion(MigrateResult result) {
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }

    /** The fingerprint the database holds, or null before migration 25 created its table. */
    String stored() {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema"
                            + " AND table_name = 'schema_fingerprint'");
                 ResultSet rs = exists.executeQuery()) {
                if (!rs.next() || rs.getLong(1) == 0) {
                    return null;
                }
            }
            try (PreparedStatement read = connection.prepareStatement(
                    "SELECT fingerprint FROM schema_fingerprint WHERE id = 1");
                 ResultSet rs = read.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the schema's fingerprint failed", e);
        }
    }

    private void store(String value) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE schema_fingerprint SET fingerprint = ? WHERE id = 1")) {
            update.setString(1, value);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("storing the schema's fingerprint failed", e);
        }
    }

    static String fingerprint(List<SqlFile> sqlFiles, List<JavaMigration> javaMigrations) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            sqlFiles.stream().sorted(Comparator.comparing(SqlFile::name)).forEach(file -> {
                digest.update(file.name().getBytes(UTF_8));
                digest.update((byte) 0);
                digest.update(file.bytes());
                digest.update((byte) 0);
            });
            javaMigrations.stream().map(m -> m.getVersion() + " " + m.getDescription()).sorted()
                    .forEach(name -> digest.update((name + "\0").getBytes(UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /**
     * The SQL migrations in the jar or class directory this class was loaded from; empty when that is neither, and
     * Flyway then runs on every start.
     */
    static Optional<List<SqlFile>> sqlFiles() {
        Path source;
        try {
            source = Path.of(Migrations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        try {
            if (Files.isDirectory(source)) {
                return Optional.of(fromDirectory(source.resolve(LOCATION)));
            }
            if (Files.isRegularFile(source)) {
                return Optional.of(fromJar(source));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("listing the database migrations failed", e);
        }
    }

    private static List<SqlFile> fromDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> sql = files.filter(p -> p.getFileName().toString().endsWith(".sql")).toList();
            List<SqlFile> read = new ArrayList<>();
            for (Path file : sql) {
                read.add(new SqlFile(file.getFileName().toString(), Files.readAllBytes(file)));
            }
            return read;
        }
    }

    private static List<SqlFile> fromJar(Path jar) throws IOException {
        // The class loader has the jar open already; this opening shares its index rather than reading it again.
        try (JarFile file = new JarFile(jar.toFile())) {
            List<SqlFile> read = new ArrayList<>();
            var entries = file.entries();
            while (entries.hasMoreElements()) {
                var entry = entries.nextElement();
                String name = entry.getName();
                boolean inLocation = name.startsWith(LOCATION + "/") && name.indexOf('/', LOCATION.length() + 1) < 0;
                if (inLocation && name.endsWith(".sql")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        read.add(new SqlFile(name.substring(LOCATION.length() + 1), in.readAllBytes()));
                    }
                }
            }
            return read;
        }
    }
}
