package dev.openagg.client;

import dev.openagg.db.Database;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The API clients ({@code client_id} and a hash of the {@code api_key}) that may call OpenAgg. */
public final class ClientStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public ClientStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_client").mapTo(Long.class).one());
    }

    /** Adds a client; false when the id is taken (also by a node adding the same client at the same moment). */
    public boolean add(String clientId, String apiKey) {
        if (keyOf(clientId).isPresent()) {
            return false; // checked first because hashing a key is deliberately slow and every start asks
        }
        KeyHash hash = KeyHash.of(apiKey);
        try {
            return insert(clientId, hash);
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private boolean insert(String clientId, KeyHash hash) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO api_client (client_id, key_salt, key_hash, created_at)
                        SELECT :id, :salt, :hash, :now WHERE NOT EXISTS (SELECT 1 FROM api_client WHERE client_id = :id)""")
                .bind("id", clientId)
                .bind("salt", hash.salt())
                .bind("hash", hash.hash())
                .bind("now", clock.instant())
                .execute()) == 1;
    }

    Optional<KeyHash> keyOf(String clientId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT key_salt, key_hash FROM api_client WHERE client_id = :id")
                .bind("id", clientId)
                .map((rs, c) -> new KeyHash(rs.getString("key_salt"), rs.getString("key_hash")))
                .findOne());
    }
}
