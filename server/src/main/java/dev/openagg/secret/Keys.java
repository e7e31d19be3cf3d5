package dev.openagg.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds a node's {@link Keyring} from its {@link KeySettings}. */
public final class Keys {
    static final String MASTER_KEY = "OPENAGG_MASTER_KEY";
    static final String MASTER_KEY_FILE = "OPENAGG_MASTER_KEY_FILE";
    static final String PREVIOUS_MASTER_KEY = "OPENAGG_PREVIOUS_MASTER_KEY";
    static final String PREVIOUS_MASTER_KEY_FILE = "OPENAGG_PREVIOUS_MASTER_KEY_FILE";

    private Keys() {
    }

    /** The keyring, and the key file generated for it on this start, if one was. */
    public record Loaded(Keyring keyring, Path generated) {
        /** Removes the key file generated on this start, when the start fails: it guards nothing yet. */
        public void discardGenerated() {
            if (generated != null) {
                try {
                    Files.deleteIfExists(generated);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove the key file " + generated, e);
                }
            }
        }
    }

    /**
     * The keys the settings name. {@code dataDir} is the embedded database's directory, null for any other database:
     * without a configured key the embedded default uses the key file there, generated on first start, while other
     * databases need the key configured, since every node must hold the same one.
     */
    public static Loaded load(KeySettings settings, Path dataDir) {
        if (settings.masterKey() != null && settings.masterKeyFile() != null) {
            throw new SecretException("Set " + MASTER_KEY + " or " + MASTER_KEY_FILE + ", not both");
        }
        if (settings.previousMasterKey() != null && settings.previousMasterKeyFile() != null) {
            throw new SecretException("Set " + PREVIOUS_MASTER_KEY + " or " + PREVIOUS_MASTER_KEY_FILE + ", not both");
        }
        Path generated = null;
        List<MasterKey> keys;
        if (settings.masterKey() != null) {
            keys = List.of(MasterKey.decode(settings.masterKey(), MASTER_KEY));
        } else if (settings.masterKeyFile() != null) {
            keys = KeyFile.read(settings.masterKeyFile(), MASTER_KEY_FILE);
        } else if (dataDir != null) {
            Path file = dataDir.resolve(KeyFile.DEFAULT_NAME);
            if (!Files.exists(file)) {
                KeyFile.write(file, List.of(MasterKey.generate("generated")));
                generated = file;
            }
            keys = KeyFile.read(file, MASTER_KEY_FILE + " (unset: the data directory's key file)");
        } else {
            throw new SecretException("No master key: set " + MASTER_KEY + " or " + MASTER_KEY_FILE + ". Secrets are "
                    + "encrypted at rest, and on a shared database every node needs the same key, so none is "
                    + "generated.");
        }
        List<MasterKey> previous = new ArrayList<>(keys.subList(1, keys.size()));
        if (settings.previousMasterKey() != null) {
            previous.add(MasterKey.decode(settings.previousMasterKey(), PREVIOUS_MASTER_KEY));
        } else if (settings.previousMasterKeyFile() != null) {
            previous.addAll(KeyFile.read(settings.previousMasterKeyFile(), PREVIOUS_MASTER_KEY_FILE));
        }
        return new Loaded(new Keyring(keys.get(0), previous), generated);
    }
}
