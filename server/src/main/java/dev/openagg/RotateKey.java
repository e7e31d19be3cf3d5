package dev.openagg;

import dev.openagg.cli.Arguments;
import dev.openagg.cli.Command;
import dev.openagg.db.DataDir;
import dev.openagg.db.Database;
import dev.openagg.secret.KeyFile;
import dev.openagg.secret.Keyring;
import dev.openagg.secret.MasterKey;
import dev.openagg.secret.StoredSecrets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code openagg rotate-key}: re-encrypts every stored secret that is under another key with the current master key,
 * while nodes keep serving (they must already write under that key and still read the old one: see SECURITY.md). On
 * the embedded default, whose key file OpenAgg manages, it first generates the new key, and the server must be
 * stopped (the embedded database serves one process).
 */
final class RotateKey {
    private RotateKey() {
    }

    static Command command() {
        return Command.of("rotate-key", "Re-encrypt every stored secret under the current master key "
                + "(on the embedded default: under a newly generated key).", Storage.FLAGS, RotateKey::run);
    }

    private static int run(Arguments arguments) {
        Config config = new Storage(arguments).config();
        Path ownFile = config.isEmbedded() && !config.keys().namesMasterKey()
                ? config.dataDir().resolve(KeyFile.DEFAULT_NAME) : null;
        Database opened;
        try {
            opened = App.openDatabase(config, 2);
        } catch (RuntimeException e) {
            if (!Database.isInUse(e)) {
                throw e;
            }
            System.err.println("The embedded database in " + config.dataDir() + " is in use: stop the server first"
                    + " (it serves one process; on it, rotate-key runs while the server is stopped).");
            return 1;
        }
        try (Database database = opened) {
            Keyring keyring = database.keyring();
            if (ownFile != null) {
                // The new key first, the old ones after it until no secret is under them: a rotation cut short leaves
                // a key file the server starts with, and this command can simply be run again.
                keyring = new Keyring(MasterKey.generate("generated"), keyring.keys());
                KeyFile.write(ownFile, keyring.keys());
            }
            int resealed = StoredSecrets.reseal(database.dataSource(), keyring);
            long left = StoredSecrets.notUnderCurrent(database.dataSource(), keyring);
            if (left > 0) {
                System.err.println("Re-encrypted " + resealed + " secrets, but " + left + " are still under another"
                        + " key: a node still writes under an older key. Start every node with OPENAGG_MASTER_KEY"
                        + " set to key " + keyring.current().id() + " (and the old key as OPENAGG_PREVIOUS_MASTER_KEY), then"
                        + " run rotate-key again.");
                return 1;
            }
            database.closeCompacted();
            if (ownFile != null) {
                KeyFile.write(ownFile, List.of(keyring.current()));
            }
            System.out.println("Re-encrypted " + resealed + " secrets; every secret is now under key "
                    + keyring.current().id() + ".");
            System.out.println(ownFile != null
                    ? "The key file " + ownFile + " now holds only that key."
                    : "Nodes may now be restarted without OPENAGG_PREVIOUS_MASTER_KEY.");
        } finally {
            if (config.isEmbedded()) {
                DataDir.restrict(config.dataDir());
            }
        }
        return 0;
    }
}
