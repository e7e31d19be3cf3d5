package dev.openagg.widget;

import static dev.openagg.secret.Tokens.hash;
import static dev.openagg.secret.Tokens.random;

import dev.openagg.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Widget URLs and the sessions they open. A URL's token works once, within {@link #URL_LIFETIME} (MX's widget URLs
 * also last ten minutes); opening it gives the page a secret that authorises only that user's widget for
 * {@link #SESSION_LIFETIME}. Tokens and secrets are stored as SHA-256 hashes: they are random, so a plain hash is
 * enough, and a leaked table opens nothing.
 */
final class WidgetSessions {
    static final Duration URL_LIFETIME = Duration.ofMinutes(10);
    static final Duration SESSION_LIFETIME = Duration.ofHours(1);
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    private final Jdbi jdbi;
    private final Clock clock;

    WidgetSessions(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Records a widget for the user and returns its URL's one-time token; {@code memberGuid} is one to reconnect. */
    String create(String clientId, String userGuid, WidgetSession.Settings s, String memberGuid) {
        String token = random();
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            DELETE FROM widget_session WHERE (opened_at IS NULL AND url_expires_at < :cutoff)
                            OR session_expires_at < :cutoff""")
                    .bind("cutoff", now.minus(KEEP_EXPIRED)).execute();
            h.createUpdate("""
                            INSERT INTO widget_session (token_hash, client_id, user_guid, widget_type, mode, color_scheme,
                              institution_code, member_guid, url_expires_at, created_at, is_mobile_webview,
                              oauth_referral_source, client_redirect_url, ui_message_webview_url_scheme)
                            VALUES (:token, :client, :user, :type, :mode, :scheme, :institution, :member, :expires, :now,
                              :webview, :source, :redirect, :urlScheme)""")
                    .bind("token", hash(token)).bind("client", clientId).bind("user", userGuid)
                    .bind("type", s.widgetType()).bind("mode", s.mode().wireName()).bind("scheme", s.colorScheme())
                    .bind("institution", s.institutionCode()).bind("member", memberGuid)
                    .bind("expires", now.plus(URL_LIFETIME)).bind("now", now)
                    .bind("webview", s.oauth().mobileWebview()).bind("source", s.oauth().referralSource())
                    .bind("redirect", s.oauth().clientRedirectUrl()).bind("urlScheme", s.oauth().scheme())
                    .execute();
        });
        return token;
    }

    /** Spends a URL's token; returns the session secret, or empty when the token is unknown, spent or expired. */
    Optional<String> open(String token) {
        String secret = random();
        Instant now = clock.instant();
        int opened = jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE widget_session SET opened_at = :now, session_hash = :secret, session_expires_at = :until
                        WHERE token_hash = :token AND opened_at IS NULL AND url_expires_at > :now""")
                .bind("now", now).bind("secret", hash(secret)).bind("until", now.plus(SESSION_LIFETIME))
                .bind("token", hash(token))
                .execute());
        return opened == 1 ? Optional.of(secret) : Optional.empty();
    }

    /** The open, unexpired session a page secret belongs to. */
    Optional<WidgetSession> find(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM widget_session WHERE session_hash = :secret AND session_expires_at > :now")
                .bind("secret", hash(secret)).bind("now", clock.instant())
                .map((rs, c) -> map(rs)).findOne());
    }

    /** The member the end user is now connecting (or none); a reload of the page returns to it. */
    void connecting(WidgetSession session, String memberGuid) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE widget_session SET member_guid = :member WHERE session_hash = :s")
                .bind("member", memberGuid).bind("s", session.secretHash()).execute());
    }

    private static WidgetSession map(ResultSet rs) throws SQLException {
        String tokenHash = rs.getString("token_hash");
        WidgetSession.OAuthReturn oauth = new WidgetSession.OAuthReturn(rs.getBoolean("is_mobile_webview"),
                rs.getString("oauth_referral_source"), rs.getString("client_redirect_url"),
                rs.getString("ui_message_webview_url_scheme"));
        WidgetSession.Settings settings = new WidgetSession.Settings(rs.getString("widget_type"),
                Mode.of(rs.getString("mode")).orElse(Mode.AGGREGATION),
                "dark".equals(rs.getString("color_scheme")) ? "dark" : "light", rs.getString("institution_code"), oauth);
        return new WidgetSession(guid(tokenHash), rs.getString("session_hash"), rs.getString("client_id"),
                rs.getString("user_guid"), settings, rs.getString("member_guid"),
                Database.instant(rs, "session_expires_at"));
    }

    /** The session's public name, {@code WSN-...}: a hash of the token's hash, so it tells nothing about either. */
    private static String guid(String tokenHash) {
        String hex = hash(tokenHash);
        return "WSN-" + hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }
}
