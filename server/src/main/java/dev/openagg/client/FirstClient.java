package dev.openagg.client;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Makes sure a fresh server has a client to call it with. */
public final class FirstClient {
    private static final SecureRandom RANDOM = new SecureRandom();

    private FirstClient() {
    }

    /** A client created with a generated key; the key is shown once and stored only as a hash. */
    public record Created(String clientId, String apiKey) {
        @Override
        public String toString() {
            return "Created[" + clientId + "]";
        }
    }

    /**
     * Adds the configured client when it is missing; with none configured and none stored, generates one and
     * returns it so it can be printed. Returns null when nothing was generated.
     */
    public static Created ensure(ClientStore clients, String clientId, String apiKey) {
        if (clientId != null && !clientId.isBlank() && apiKey != null && !apiKey.isBlank()) {
            clients.add(clientId, apiKey);
            return null;
        }
        if (clients.count() > 0) {
            return null;
        }
        Created created = generate();
        clients.add(created.clientId(), created.apiKey());
        return created;
    }

    public static Created generate() {
        return new Created("client-" + hex(8), hex(24));
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
