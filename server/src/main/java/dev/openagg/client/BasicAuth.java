package dev.openagg.client;

import dev.openagg.api.ApiError;
import dev.openagg.api.Http;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic with {@code client_id:api_key}, as MX does. PBKDF2 is deliberately slow, so a credential pair that
 * once verified is remembered by its SHA-256 digest; the pair itself is never kept.
 */
public final class BasicAuth implements Http.Authenticator {
    private static final int MAX_REMEMBERED = 10_000;
    private final ClientStore clients;
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    public BasicAuth(ClientStore clients) {
        this.clients = clients;
    }

    @Override
    public String authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthorized();
        }
        String digest = sha256(header.substring(6).trim());
        String known = verified.get(digest);
        if (known != null) {
            return known;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw unauthorized();
        }
        String clientId = decoded.substring(0, colon);
        String apiKey = decoded.substring(colon + 1);
        boolean ok = clients.keyOf(clientId).map(k -> k.matches(apiKey)).orElse(false);
        if (!ok) {
            throw unauthorized();
        }
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(digest, clientId);
        return clientId;
    }

    private static ApiError unauthorized() {
        return new ApiError(401, "missing or invalid client_id and api_key (HTTP Basic)");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
