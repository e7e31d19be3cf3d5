package dev.openagg.console;

import dev.openagg.api.Http;
import dev.openagg.client.BasicAuth;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * The developer console at {@link #PREFIX}: a page served from the jar on which a client signs in with its id and API
 * key and then reads its request log, members, timelines and webhooks through the ordinary JSON API, with a session
 * cookie in place of HTTP Basic ({@link #authenticator}). The console has no data routes of its own.
 */
public final class Console {
    /** Where the page, its files and its session routes live; outside the API's authentication. */
    public static final String PREFIX = "/console";
    /** The session cookie. */
    static final String COOKIE = "openagg_console";
    /** The header every change made with the cookie must carry the session's CSRF token in. */
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final ConsoleSessions sessions;
    private final BasicAuth basic;
    private final boolean sandbox;

    public Console(Jdbi jdbi, Clock clock, BasicAuth basic, boolean sandbox) {
        this.sessions = new ConsoleSessions(jdbi, clock);
        this.basic = basic;
        this.sandbox = sandbox;
    }

    /**
     * The API's authenticator, also accepting the console's session cookie when a request sends no
     * {@code Authorization} header: {@code api} decides every request that does.
     */
    public Http.Authenticator authenticator(Http.Authenticator api) {
        return new CookieAuth(api, sessions);
    }

    /** The page, its files, and signing in and out. */
    public Http.Routes routes() {
        return new ConsoleRoutes(sessions, basic, sandbox);
    }
}
