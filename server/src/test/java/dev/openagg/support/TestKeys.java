package dev.openagg.support;

import dev.openagg.secret.KeySettings;
import dev.openagg.secret.Keyring;
import dev.openagg.secret.MasterKey;
import java.util.List;

/** Master keys for tests that run on PostgreSQL, where a key must be configured. */
public final class TestKeys {
    /** A fixed key, so separate processes of one test share it. */
    public static final String KEY = "hQ3l4XgqTqYpN2YbO3bq0m9vJ9d0m6F0nq1bXo6m2xk=";

    private TestKeys() {
    }

    public static KeySettings settings() {
        return new KeySettings(KEY, null, null, null);
    }

    public static Keyring ring() {
        return new Keyring(MasterKey.decode(KEY, "TestKeys.KEY"), List.of());
    }
}
