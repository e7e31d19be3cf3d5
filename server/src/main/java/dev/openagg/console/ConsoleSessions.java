package dev.openagg.console;

import dev.openagg.db.Database;
import dev.openagg.secret.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The console's sign-in sessions, in the database so every node shares them. A session is named by a random secret
 * that only the browser's cookie holds; the table keeps its SHA-256. Its CSRF token is derived from the secret (a
 * different hash), so it needs no storage and cannot be worked out from the table. A session ends after
 * {@link #IDLE} without a request, or {@link #ABSOLUTE} after sign-in, whichever comes first, by the injected clock.
 */
final class ConsoleSessions {
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration ABSOLUTE = Duration.ofHours(12);
    /** A request within this of the last one does not write: a page polling every few seconds costs no writes. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Clock clock;

    ConsoleSessions(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A session that is still open: whose it is and the token its changes must carry. */
    record Session(String clientId, String csrfToken) {
    }

    /** Opens a session for a client that has just signed in; returns its secret (for the cookie). */
    String open(String clientId) {
        String secret = Tokens.random();
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            // Ended sessions are removed as new ones open, so the table holds about as many rows as live sessions.
            h.createUpdate("DELETE FROM console_session WHERE last_seen_at <= :idle OR created_at <= :absolute")
                    .bind("idle", now.minus(IDLE)).bind("absolute", now.minus(ABSOLUTE)).execute();
            h.createUpdate("INSERT INTO console_session (secret_hash, client_id, created_at, last_seen_at)"
                            + " VALUES (:hash, :client, :now, :now)")
                    .bind("hash", hash("session", secret)).bind("client", clientId).bind("now", now).execute();
        });
        return secret;
    }

    /** The open session {@code secret} names, its idle time restarted; empty when unknown or ended. */
    Optional<Session> find(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = hash("session", secret);
        return jdbi.withHandle(h -> {
            Optional<Seen> seen = h.createQuery("SELECT client_id, last_seen_at FROM console_session"
                            + " WHERE secret_hash = :hash AND last_seen_at > :idle AND created_at > :absolute")
                    .bind("hash", hash).bind("idle", now.minus(IDLE)).bind("absolute", now.minus(ABSOLUTE))
                    .map((rs, c) -> new Seen(rs.getString("client_id"), Database.instant(rs, "last_seen_at")))
                    .findOne();
            if (seen.isPresent() && seen.get().at().isBefore(now.minus(TOUCH_EVERY))) {
                h.createUpdate("UPDATE console_session SET last_seen_at = :now WHERE secret_hash = :hash")
                        .bind("now", now).bind("hash", hash).execute();
            }
            return seen.map(s -> new Session(s.clientId(), hash("csrf", secret)));
        });
    }

    private record Seen(String clientId, Instant at) {
    }

    /** Ends the session {@code secret} names, if any. */
    void close(String secret) {
        if (secret != null) {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM console_session WHERE secret_hash = :hash")
                    .bind("hash", hash("session", secret)).execute());
        }
    }

    /** SHA-256 of the secret under a purpose, so the stored hash and the CSRF token are unrelated values. */
    private static String hash(String purpose, String secret) {
        return Tokens.hash(purpose + ":" + secret);
    }
}
