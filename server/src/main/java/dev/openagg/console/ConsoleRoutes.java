package dev.openagg.console;

import dev.openagg.api.ApiError;
import dev.openagg.api.Body;
import dev.openagg.api.Http;
import dev.openagg.api.Origin;
import dev.openagg.api.PageFiles;
import dev.openagg.client.BasicAuth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The console's page and files, served from the jar under the same strict policy as the connect widget, and its
 * session: {@code POST /console/session} signs in (the key checked and throttled exactly as HTTP Basic is),
 * {@code GET} tells the page who is signed in and the CSRF token, {@code DELETE} signs out.
 */
final class ConsoleRoutes implements Http.Routes {
    private static final String SESSION = Console.PREFIX + "/session";
    /** Everything comes from this server; challenge images arrive as data URIs. */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final ConsoleSessions sessions;
    private final BasicAuth basic;
    private final boolean sandbox;
    private final PageFiles assets = new PageFiles("console", POLICY, List.of("console.js", "api.js", "parts.js",
            "requests.js", "members.js", "timeline.js", "webhooks.js", "console.css"));
    private final PageFiles page = new PageFiles("console", POLICY, List.of("console.html"));

    ConsoleRoutes(ConsoleSessions sessions, BasicAuth basic, boolean sandbox) {
        this.sessions = sessions;
        this.basic = basic;
        this.sandbox = sandbox;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(Console.PREFIX, ctx -> page.send(ctx, 200, "console.html"));
        routes.get(Console.PREFIX + "/assets/{file}", ctx -> assets.send(ctx, 200, ctx.pathParam("file")));
        routes.post(SESSION, this::signIn);
        routes.get(SESSION, ctx -> {
            String secret = ctx.cookie(Console.COOKIE);
            ConsoleSessions.Session session = sessions.find(secret).orElseThrow(CookieAuth::ended);
            reply(ctx, 200, session);
        });
        routes.delete(SESSION, this::signOut);
    }

    /**
     * Checks the id and key as an {@code Authorization: Basic} header carrying them would be checked. Only JSON is
     * read, which a page on another site cannot send here without this server's consent, and a foreign
     * {@code Origin} is refused: another site cannot sign a browser in to its own client.
     */
    private void signIn(Context ctx) {
        boolean https = Origin.of(ctx).startsWith("https:");
        CookieAuth.requireSameOrigin(Http.Credentials.of(ctx));
        String type = ctx.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, "send the client id and API key as JSON: "
                    + "{\"session\": {\"client_id\": \"...\", \"api_key\": \"...\"}}");
        }
        Body body = Body.parse(ctx.body(), "session");
        String clientId = body.string("client_id").orElse("");
        String apiKey = body.string("api_key").orElse("");
        String header = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
        String client = basic.authenticate(header, ctx.ip());
        String secret = sessions.open(client);
        ctx.header("Set-Cookie", cookie(https, secret, ConsoleSessions.ABSOLUTE.toSeconds()));
        reply(ctx, 200, sessions.find(secret).orElseThrow(CookieAuth::ended));
    }

    /** Ends the session; a change like any other, so it needs the token. The cookie is cleared either way. */
    private void signOut(Context ctx) {
        boolean https = Origin.of(ctx).startsWith("https:");
        String secret = ctx.cookie(Console.COOKIE);
        var session = sessions.find(secret);
        if (session.isPresent()) {
            CookieAuth.requireSameOriginWithToken(Http.Credentials.of(ctx), session.get());
            sessions.close(secret);
        }
        ctx.header("Set-Cookie", cookie(https, "", 0));
        ctx.header("Cache-Control", "no-store");
        Http.noContent(ctx);
    }

    /**
     * HttpOnly (the page's scripts never see it), SameSite=Strict (another site's links and forms never carry it),
     * Secure when the browser reached this server over HTTPS. Its path is the whole server because the page calls
     * the API's own routes with it.
     */
    private static String cookie(boolean https, String value, long maxAgeSeconds) {
        return Console.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }

    private void reply(Context ctx, int status, ConsoleSessions.Session session) {
        ctx.header("Cache-Control", "no-store");
        Http.json(ctx, status, new Json(new Json.Session(session.clientId(), session.csrfToken(), sandbox)));
    }

    record Json(Session session) {
        record Session(String clientId, String csrfToken, boolean sandbox) {
        }
    }
}
