package dev.openagg.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.openagg.secret.EncryptSecretsMigration;
import dev.openagg.secret.Keyring;
import dev.openagg.secret.StoredSecrets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jdbi.v3.core.Jdbi;

/** The connection pool, its migrations, the JDBI handle over it and the keys its secrets are encrypted under. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Keyring keyring;
    private final Login login;

    /** How to connect, kept to reconnect once for a compaction. */
    private record Login(String url, String user, String password) {
        boolean isEmbeddedFile() {
            return url.startsWith("jdbc:h2:file:");
        }

        @Override
        public String toString() {
            return "Login[" + url + "]";
        }
    }

    private Database(HikariDataSource dataSource, Keyring keyring, Login login) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.keyring = keyring;
        this.login = login;
    }

    /**
     * Opens the pool and brings the schema up to date ({@link Migrations}); Flyway's lock makes concurrent starts safe. Fails with a
     * {@link dev.openagg.secret.SecretException} when a stored secret is under a key {@code keyring} lacks.
     */
    public static Database open(String url, String user, String password, int poolSize, Keyring keyring) {
        Login login = new Login(url, user, password);
        HikariDataSource dataSource = pool(login, poolSize);
        try {
            EncryptSecretsMigration upgrade = new EncryptSecretsMigration(keyring);
            new Migrations(dataSource, javaMigrations(upgrade)).migrate();
            if (upgrade.encrypted() > 0 && login.isEmbeddedFile()) {
                // H2 keeps the rows' earlier versions, the plain values, in free pages until its file is rewritten.
                dataSource.close();
                compact(login);
                dataSource = pool(login, poolSize);
            }
            StoredSecrets.verify(dataSource, keyring);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, keyring, login);
    }

    /**
     * The migrations written in Java, numbered among the SQL files: 10 encrypts the secrets stored in the clear
     * ({@code encrypt}), 29 drops the foreign keys of transactions and holdings ({@link DropHarvestForeignKeys}).
     */
    public static List<JavaMigration> javaMigrations(EncryptSecretsMigration encrypt) {
        return List.of(new CodeMigration("10", "encrypt secrets", encrypt::migrate),
                new CodeMigration("29", "drop the foreign keys of harvest rows", DropHarvestForeignKeys::migrate));
    }

    private static HikariDataSource pool(Login login, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(login.url());
        config.setUsername(login.user());
        config.setPassword(login.password());
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(5_000);
        config.setPoolName("openagg");
        return new HikariDataSource(config);
    }

    /** Rewrites the embedded database's file without its free pages; every other connection must be closed. */
    private static void compact(Login login) {
        try (Connection connection = DriverManager.getConnection(login.url(),
                login.user() == null ? "" : login.user(), login.password() == null ? "" : login.password());
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            throw new IllegalStateException("compacting the embedded database failed", e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The keys the stores encrypt and decrypt secrets with. */
    public Keyring keyring() {
        return keyring;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isUp() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Reads a timestamp column the same way on H2 and PostgreSQL (their drivers hand back different types
     * otherwise).
     */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** {@link #instant(ResultSet, String)} by the column's position. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** True when the failure is a unique-constraint violation (SQLSTATE 23505 on both databases). */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Closes, and rewrites an embedded database's file so that no earlier version of a row (a secret under a retired
     * key, say) stays in its free pages. PostgreSQL keeps earlier versions until it is vacuumed, which is left to its
     * operator.
     */
    public void closeCompacted() {
        dataSource.close();
        if (login.isEmbeddedFile()) {
            compact(login);
        }
    }

    /** True when the failure is an embedded database's file held open by another process (H2's error 90020). */
    public static boolean isInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
