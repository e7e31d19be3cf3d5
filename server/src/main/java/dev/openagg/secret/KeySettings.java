package dev.openagg.secret;

import java.nio.file.Path;

/**
 * Where a node's master keys come from: {@code OPENAGG_MASTER_KEY} or {@code OPENAGG_MASTER_KEY_FILE} for the key
 * secrets are written under, {@code OPENAGG_PREVIOUS_MASTER_KEY} or {@code OPENAGG_PREVIOUS_MASTER_KEY_FILE} for
 * keys accepted for reading during a rotation. All null: the key file in the embedded database's data directory.
 */
public record KeySettings(String masterKey, Path masterKeyFile, String previousMasterKey, Path previousMasterKeyFile) {

    public static KeySettings none() {
        return new KeySettings(null, null, null, null);
    }

    public KeySettings {
        masterKey = blankToNull(masterKey);
        previousMasterKey = blankToNull(previousMasterKey);
    }

    /** True when the current key is configured, rather than the embedded default's key file. */
    public boolean namesMasterKey() {
        return masterKey != null || masterKeyFile != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "KeySettings[masterKey=" + (masterKey == null ? "unset" : "set") + ", masterKeyFile=" + masterKeyFile
                + ", previousMasterKey=" + (previousMasterKey == null ? "unset" : "set") + ", previousMasterKeyFile="
                + previousMasterKeyFile + "]";
    }
}
