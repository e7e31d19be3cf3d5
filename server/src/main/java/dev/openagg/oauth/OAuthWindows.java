package dev.openagg.oauth;

import dev.openagg.db.Database;
import dev.openagg.member.ConsentWindows;
import dev.openagg.member.Member;
import dev.openagg.secret.Tokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * OAuth members' consent pages. A member has at most one: opening a new one replaces the last, so an earlier URI
 * stops working. Its token works once, within {@link #LIFETIME} (as MX's one-time URIs), and is stored only as a
 * SHA-256 hash.
 */
final class OAuthWindows implements ConsentWindows {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final String PATH = "/oauth/authorize";

    private final Clock clock;

    OAuthWindows(Clock clock) {
        this.clock = clock;
    }

    /** A consent page as stored; {@code usedAt} is set once a choice was made on it. */
    record Window(String memberGuid, String tokenHash, Options options, Instant expiresAt, Instant usedAt) {
    }

    /** Why a token opens no page. */
    enum Refusal { UNKNOWN, USED, EXPIRED }

    @Override
    public String open(Handle h, Member member, Options options) {
        String token = Tokens.random();
        Instant now = clock.instant();
        h.createUpdate("DELETE FROM oauth_window WHERE member_guid = :member").bind("member", member.guid()).execute();
        h.createUpdate("""
                        INSERT INTO oauth_window (member_guid, token_hash, referral_source, client_redirect_url,
                          ui_message_webview_url_scheme, enable_app2app, skip_aggregation, expires_at, created_at)
                        VALUES (:member, :token, :source, :redirect, :scheme, :app2app, :skip, :expires, :now)""")
                .bind("member", member.guid()).bind("token", Tokens.hash(token))
                .bind("source", options.referralSource()).bind("redirect", options.clientRedirectUrl())
                .bind("scheme", options.uiMessageWebviewUrlScheme()).bind("app2app", options.enableApp2app())
                .bind("skip", options.skipAggregation()).bind("expires", now.plus(LIFETIME)).bind("now", now)
                .execute();
        return options.origin() + PATH + "/" + token;
    }

    /** The page a token opens, read (and locked) in the caller's transaction, or why it opens none. */
    Found find(Handle h, String token) {
        Optional<Window> window = token == null || token.isBlank() ? Optional.empty()
                : h.createQuery("SELECT * FROM oauth_window WHERE token_hash = :token FOR UPDATE")
                        .bind("token", Tokens.hash(token)).map((rs, c) -> map(rs)).findOne();
        return found(window);
    }

    /** The member's current page, for the headless consent: the same checks as for a token. */
    Found current(Handle h, String memberGuid) {
        return found(h.createQuery("SELECT * FROM oauth_window WHERE member_guid = :member FOR UPDATE")
                .bind("member", memberGuid).map((rs, c) -> map(rs)).findOne());
    }

    /** Marks the page used: its token works no more. */
    void spend(Handle h, Window window) {
        h.createUpdate("UPDATE oauth_window SET used_at = :now WHERE member_guid = :member AND token_hash = :token")
                .bind("now", clock.instant()).bind("member", window.memberGuid()).bind("token", window.tokenHash())
                .execute();
    }

    /** A page that can still be used, or why not. */
    record Found(Window window, Refusal refusal) {
    }

    private Found found(Optional<Window> window) {
        if (window.isEmpty()) {
            return new Found(null, Refusal.UNKNOWN);
        }
        if (window.get().usedAt() != null) {
            return new Found(window.get(), Refusal.USED);
        }
        if (!clock.instant().isBefore(window.get().expiresAt())) {
            return new Found(window.get(), Refusal.EXPIRED);
        }
        return new Found(window.get(), null);
    }

    private static Window map(ResultSet rs) throws SQLException {
        Options options = new Options(null, rs.getString("referral_source"), rs.getString("client_redirect_url"),
                rs.getString("ui_message_webview_url_scheme"), rs.getBoolean("enable_app2app"),
                rs.getBoolean("skip_aggregation"));
        return new Window(rs.getString("member_guid"), rs.getString("token_hash"), options,
                Database.instant(rs, "expires_at"), Database.instant(rs, "used_at"));
    }
}
