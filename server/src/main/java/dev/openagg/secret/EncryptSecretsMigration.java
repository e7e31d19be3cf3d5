package dev.openagg.secret;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migration 10: encrypts the secrets earlier versions stored in the clear, in the migration's transaction, and widens
 * the webhook columns for their ciphertexts. Flyway applies it once, under its lock, however many nodes start
 * together; before it no value was encrypted, so every value it finds is plain text.
 */
public final class EncryptSecretsMigration {
    private final Keyring keyring;
    private int encrypted;

    public EncryptSecretsMigration(Keyring keyring) {
        this.keyring = keyring;
    }

    /** How many values this start encrypted (0 unless it applied the migration). */
    public int encrypted() {
        return encrypted;
    }

    /** Widens the webhook columns for ciphertexts and encrypts every stored secret, on the migration's connection. */
    public void migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // A ciphertext is about a third longer than its text, plus the envelope's header.
            statement.execute("ALTER TABLE webhook ALTER COLUMN password SET DATA TYPE VARCHAR(2048)");
            statement.execute("ALTER TABLE webhook ALTER COLUMN secret SET DATA TYPE VARCHAR(512)");
        }
        encrypted = StoredSecrets.encryptAll(connection, keyring);
    }
}
