import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * A PostgreSQL server for the benchmark, from the same embedded binaries the tests use: nothing to install. Starts
 * PostgreSQL on a data directory and port, creates the database {@code openagg} when missing, writes its JDBC URL
 * (user and password {@code postgres}) to a file once it accepts connections, and stays up until the process is
 * stopped with SIGTERM, which stops PostgreSQL too.
 *
 * Run with the server module's test class path (bench/run builds it into server/target/bench-postgres.classpath):
 *   java -cp "$(cat server/target/bench-postgres.classpath)" bench/PostgresServer.java DATA_DIR PORT URL_FILE
 *
 * The configuration is the embedded defaults (synchronous_commit off: like the embedded H2 database, a commit is not
 * flushed to disk before it is acknowledged), plus a few settings named below.
 */
public class PostgresServer {
    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Path urlFile = Path.of(args[2]);
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                // a seed of a million members writes a lot of WAL at once; fewer checkpoints make it quicker
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "30min")
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (java.io.IOException e) {
                System.err.println("stopping PostgreSQL failed: " + e.getMessage());
            }
            stopped.countDown();
        }));
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'openagg'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE openagg");
                }
            }
        }
        String url = postgres.getJdbcUrl("postgres", "openagg");
        Path partial = urlFile.resolveSibling(urlFile.getFileName() + ".partial");
        Files.writeString(partial, url + "\n");
        Files.move(partial, urlFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println((fresh ? "PostgreSQL started on a new data directory: " : "PostgreSQL started: ") + url);
        stopped.await();
    }
}
