package dev.openagg.widget;

import dev.openagg.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Widget URLs and the sessions they open. A URL's token works once, within {@link #URL_LIFETIME}; opening it gives
 * the page a session secret that authorises only that user's widget, for {@link #SESSION_LIFETIME}. Both are kept
 * as SHA-256 hashes.
 */
final class WidgetSessions {
    static final Duration URL_LIFETIME = Duration.ofMinutes(10);
    static final Duration SESSION_LIFETIME = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final Clock clock;

    WidgetSessions(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** What a client asks the widget to do. */
    record Request(String widgetType, String mode, String colorScheme, String institutionCode, String memberGuid) {
    }

    /** Returns the one-time token for a new widget URL. */
    String create(String clientId, String userGuid, Request request) {
        String token = secret();
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO widget_session (token_hash, client_id, user_guid, widget_type, mode, color_scheme,
                          institution_code, member_guid, url_expires_at, created_at)
                        VALUES (:token, :client, :user, :type, :mode, :scheme, :institution, :member, :expires, :now)""")
                .bind("token", hash(token)).bind("client", clientId).bind("user", userGuid)
                .bind("type", request.widgetType()).bind("mode", request.mode()).bind("scheme", request.colorScheme())
                .bind("institution", request.institutionCode()).bind("member", request.memberGuid())
                .bind("expires", now.plus(URL_LIFETIME)).bind("now", now)
                .execute());
        return token;
    }

    /** Spends the URL's token; returns the session secret, or empty when the token is unknown, used or expired. */
    Optional<String> open(String token) {
        String session = secret();
        Instant now = clock.instant();
        int opened = jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE widget_session SET opened_at = :now, session_hash = :session, session_expires_at = :until
                        WHERE token_hash = :token AND opened_at IS NULL AND url_expires_at > :now""")
                .bind("now", now).bind("session", hash(session)).bind("until", now.plus(SESSION_LIFETIME))
                .bind("token", hash(token == null ? "" : token))
                .execute());
        return opened == 1 ? Optional.of(session) : Optional.empty();
    }

    Optional<WidgetSession> find(String session) {
        if (session == null || session.isBlank()) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM widget_session WHERE session_hash = :s AND session_expires_at > :now")
                .bind("s", hash(session)).bind("now", clock.instant())
                .map((rs, c) -> map(rs)).findOne());
    }

    void rememberMember(WidgetSession session, String memberGuid) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE widget_session SET member_guid = :m WHERE token_hash = :t")
                .bind("m", memberGuid).bind("t", session.tokenHash()).execute());
    }

    private static WidgetSession map(ResultSet rs) throws SQLException {
        return new WidgetSession(rs.getString("token_hash"), rs.getString("client_id"), rs.getString("user_guid"),
                rs.getString("widget_type"), rs.getString("mode"), rs.getString("color_scheme"),
                rs.getString("institution_code"), rs.getString("member_guid"),
                Database.instant(rs, "session_expires_at"));
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
