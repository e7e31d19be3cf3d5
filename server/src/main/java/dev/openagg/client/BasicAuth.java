package dev.openagg.client;

import dev.openagg.api.ApiError;
import dev.openagg.api.Http;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP Basic with {@code client_id:api_key}, as MX does. The header is read strictly: the scheme, spaces, base64,
 * and credentials that are valid UTF-8 without control characters, so no two spellings name the same key. A wrong
 * key costs the same time whether or not the client exists: an unknown id is checked against a hash of a random
 * key. Failures are throttled ({@link Throttle}). PBKDF2 is deliberately slow, so a credential pair that once
 * verified is remembered by the SHA-256 digest of its exact bytes; the pair itself is never kept.
 */
public final class BasicAuth implements Http.Authenticator {
    private static final int MAX_REMEMBERED = 10_000;
    private static final Pattern HEADER = Pattern.compile("(?i:basic) +([A-Za-z0-9+/]+={0,2})");

    private final ClientStore clients;
    private final Throttle throttle;
    private final KeyHash decoy;
    private final Map<String, String> verified = new ConcurrentHashMap<>();
    private final AtomicLong derivations = new AtomicLong();
    /** Derivations under way, by the digest of the pair they verify. */
    private final Map<String, CompletableFuture<Boolean>> checking = new ConcurrentHashMap<>();

    public BasicAuth(ClientStore clients, Clock clock) {
        this.clients = clients;
        this.throttle = new Throttle(clock);
        // Deriving a real hash here took about a quarter of the start-up (120,000 PBKDF2 rounds).
        this.decoy = KeyHash.decoy();
    }

    @Override
    public String authenticate(Http.Credentials request) {
        return authenticate(request.header("Authorization"), request.remoteAddress());
    }

    /**
     * The client an {@code Authorization} header from {@code remoteAddress} names, verified and throttled; also how
     * the developer console checks its sign-in form, so the form is no easier a way to guess keys than the API.
     */
    public String authenticate(String header, String remoteAddress) {
        if (header == null) {
            throw unauthorized();
        }
        Optional<byte[]> decoded = decode(header);
        String digest = decoded.map(BasicAuth::sha256).orElse(null);
        String known = digest == null ? null : verified.get(digest);
        if (known != null) {
            return known;
        }
        Optional<String[]> pair = decoded.flatMap(BasicAuth::pair);
        String clientId = pair.map(p -> p[0]).orElse(null);
        Optional<Duration> wait = throttle.wait(remoteAddress, clientId);
        if (wait.isPresent()) {
            throw new ApiError.RetryLater(wait.get(), "too many failed attempts to authenticate; try again in "
                    + ApiError.RetryLater.seconds(wait.get()) + " s");
        }
        if (pair.isEmpty() || !verifiedOnce(digest, pair.get())) {
            throttle.failed(remoteAddress, clientId);
            throw unauthorized();
        }
        return clientId;
    }

    /**
     * Verifies a pair not yet remembered. Requests carrying the same pair at the same moment (a client's first burst
     * of connections) wait for one derivation instead of each running its own: 64 concurrent PBKDF2 runs on a cold
     * JVM kept a two-core server from answering anything for seconds.
     */
    private boolean verifiedOnce(String digest, String[] pair) {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = checking.putIfAbsent(digest, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                // the derivation's own failure (the database away): the same error for every request that waited
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            // verified by a derivation that ended after this request looked for the pair: nothing to derive
            boolean ok = verified.containsKey(digest) || matches(pair[0], pair[1]);
            if (ok) {
                if (verified.size() >= MAX_REMEMBERED) {
                    verified.clear();
                }
                verified.put(digest, pair[0]);
            }
            mine.complete(ok);
            return ok;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(digest);
        }
    }

    /** PBKDF2 derivations run so far. */
    long derivations() {
        return derivations.get();
    }

    /** Verifies the key; an unknown client id costs the same PBKDF2 work, against the decoy. */
    private boolean matches(String clientId, String apiKey) {
        derivations.incrementAndGet();
        Optional<KeyHash> stored = clients.keyOf(clientId);
        boolean ok = stored.orElse(decoy).matches(apiKey);
        return stored.isPresent() && ok;
    }

    /** The base64 credentials of a well-formed {@code Basic} header, decoded. */
    private static Optional<byte[]> decode(String header) {
        Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(m.group(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {client_id, api_key}: valid UTF-8, no control characters, a non-empty id and key either side of a colon. */
    private static Optional<String[]> pair(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1 || text.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(new String[] {text.substring(0, colon), text.substring(colon + 1)});
    }

    private static ApiError unauthorized() {
        return new ApiError(401, "missing or invalid client_id and api_key (HTTP Basic)");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
