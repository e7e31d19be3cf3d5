package dev.openagg;

import dev.openagg.cli.Arguments;
import dev.openagg.cli.Flag;
import dev.openagg.db.Database;
import dev.openagg.secret.KeySettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the data lives, and the keys its secrets are under: the flags every command that opens the database shares.
 * Each flag falls back on its environment variable, which is also its config file key.
 */
final class Storage {
    static final Flag CONFIG = Flag.value("--config", ConfigFile.VARIABLE, null,
            "A properties file of settings, keyed by the environment variables' names (env OPENAGG_CONFIG). "
                    + "A flag beats an environment variable, which beats the file.").labelled("FILE");
    static final Flag DATA_DIR = Flag.value("--data-dir", "OPENAGG_DATA_DIR", "./data",
            "Directory of the embedded database (env OPENAGG_DATA_DIR, default ./data).").labelled("DIR");
    static final Flag DATABASE_URL = Flag.value("--database-url", "OPENAGG_DATABASE_URL", null,
            "JDBC URL of the database, e.g. jdbc:postgresql://host/db (env OPENAGG_DATABASE_URL; default: H2 in the "
                    + "data directory).").labelled("URL");
    static final Flag DATABASE_USER = Flag.value("--database-user", "OPENAGG_DATABASE_USER", null,
            "Database user (env OPENAGG_DATABASE_USER).").labelled("USER");
    static final Flag DATABASE_PASSWORD = Flag.value("--database-password", "OPENAGG_DATABASE_PASSWORD", null,
            "Database password (env OPENAGG_DATABASE_PASSWORD).").labelled("PASSWORD");
    static final Flag POOL_SIZE = Flag.value("--database-pool-size", "OPENAGG_DATABASE_POOL_SIZE", "10",
            "Most database connections this node opens (env OPENAGG_DATABASE_POOL_SIZE, default 10).").labelled("N");
    static final Flag MASTER_KEY = Flag.value("--master-key", "OPENAGG_MASTER_KEY", null,
            "The key secrets are encrypted under: 32 bytes in base64 (env OPENAGG_MASTER_KEY; default: the key file "
                    + "in the data directory, generated on first start, with the embedded database only). Prefer the "
                    + "environment or a file to a flag, which other users may see.").labelled("BASE64");
    static final Flag MASTER_KEY_FILE = Flag.value("--master-key-file", "OPENAGG_MASTER_KEY_FILE", null,
            "A file holding the master key, and after it any keys only read with (env OPENAGG_MASTER_KEY_FILE).")
            .labelled("FILE");
    static final Flag PREVIOUS_MASTER_KEY = Flag.value("--previous-master-key", "OPENAGG_PREVIOUS_MASTER_KEY", null,
            "Another key, accepted for reading during a key rotation (env OPENAGG_PREVIOUS_MASTER_KEY).")
            .labelled("BASE64");
    static final Flag PREVIOUS_MASTER_KEY_FILE = Flag.value("--previous-master-key-file",
            "OPENAGG_PREVIOUS_MASTER_KEY_FILE", null,
            "A file of keys accepted for reading during a key rotation (env OPENAGG_PREVIOUS_MASTER_KEY_FILE).")
            .labelled("FILE");

    static final List<Flag> FLAGS = List.of(CONFIG, DATA_DIR, DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD,
            POOL_SIZE, MASTER_KEY, MASTER_KEY_FILE, PREVIOUS_MASTER_KEY, PREVIOUS_MASTER_KEY_FILE);

    private final Arguments arguments;

    Storage(Arguments arguments) {
        this.arguments = arguments;
    }

    Path dataDir() {
        return arguments.path(DATA_DIR);
    }

    int poolSize() {
        return arguments.intValue(POOL_SIZE);
    }

    Config.DatabaseSettings database() {
        return new Config.DatabaseSettings(arguments.string(DATABASE_URL), arguments.string(DATABASE_USER),
                arguments.string(DATABASE_PASSWORD), poolSize());
    }

    KeySettings keys() {
        return new KeySettings(arguments.string(MASTER_KEY), arguments.path(MASTER_KEY_FILE),
                arguments.string(PREVIOUS_MASTER_KEY), arguments.path(PREVIOUS_MASTER_KEY_FILE));
    }

    /** The settings of a one-off command: where the data lives and its keys. */
    Config config() {
        Config.DatabaseSettings database = database();
        return Config.defaults(dataDir()).withDatabase(database.url(), database.user(), database.password())
                .withKeys(keys());
    }

    /** The configured database, migrated and checked against the keys, for a one-off command. */
    Database open() {
        return App.openDatabase(config(), 2);
    }

    /** These flags, then {@code more}. */
    static List<Flag> and(Flag... more) {
        return Stream.concat(FLAGS.stream(), Arrays.stream(more)).toList();
    }
}
