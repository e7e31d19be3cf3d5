package dev.openagg.console;

import dev.openagg.api.ApiError;
import dev.openagg.api.Http;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Authenticates API requests made by the console's page: a request without an {@code Authorization} header but with
 * the console's cookie is its session's client. A change (any method but GET and HEAD) must also carry the session's
 * CSRF token in {@link Console#CSRF_HEADER}, and, when it sends {@code Origin}, come from this server's own origin;
 * otherwise 403. The cookie is SameSite=Strict as well: two defences, so that neither alone has to hold.
 */
final class CookieAuth implements Http.Authenticator {
    private static final Set<String> SAFE = Set.of("GET", "HEAD");

    private final Http.Authenticator api;
    private final ConsoleSessions sessions;

    CookieAuth(Http.Authenticator api, ConsoleSessions sessions) {
        this.api = api;
        this.sessions = sessions;
    }

    @Override
    public String authenticate(Http.Credentials request) {
        String secret = request.cookie(Console.COOKIE);
        if (request.header("Authorization") != null || secret == null) {
            return api.authenticate(request);
        }
        ConsoleSessions.Session session = sessions.find(secret).orElseThrow(CookieAuth::ended);
        if (!SAFE.contains(request.method())) {
            requireSameOriginWithToken(request, session);
        }
        return session.clientId();
    }

    static ApiError ended() {
        return new ApiError(401, "the console session has ended or was never opened; sign in again");
    }

    /** A change made with the cookie: refused unless it carries the session's token and no other origin. */
    static void requireSameOriginWithToken(Http.Credentials request, ConsoleSessions.Session session) {
        requireSameOrigin(request);
        String sent = request.header(Console.CSRF_HEADER);
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(403, "a change made with the console's session needs its token in the "
                    + Console.CSRF_HEADER + " header (GET " + Console.PREFIX + "/session gives it)");
        }
    }

    /** A browser names the page a request came from in {@code Origin}; another site's page is refused. */
    static void requireSameOrigin(Http.Credentials request) {
        String origin = request.header("Origin");
        if (origin != null && !origin.equals(request.ownOrigin().get())) {
            throw new ApiError(403, "a request from another origin may not make changes with the console's session");
        }
    }
}
