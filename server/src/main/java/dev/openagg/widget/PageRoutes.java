package dev.openagg.widget;

import dev.openagg.api.Http;
import dev.openagg.api.PageFiles;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * The widget's page and its files, served from the jar. Opening a widget URL spends its token and redirects to the
 * page with the session secret in the fragment: a fragment is never sent to a server or written to a log, and it
 * survives a reload, so the page can always find its session again.
 */
final class PageRoutes implements Http.Routes {
    static final String CONNECT = Widget.PREFIX + "/connect";
    /** Everything the page uses comes from this server; images arrive as data URIs inside challenges. */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'none'; base-uri 'none'";

    private final WidgetSessions sessions;
    private final PageFiles assets = new PageFiles("widget", POLICY, List.of("widget.js", "dom.js", "server.js",
            "signin.js", "status.js", "challenges.js", "oauth.js", "widget.css", "views.css"));
    private final PageFiles pages = new PageFiles("widget", POLICY, List.of("connect.html", "spent.html"));

    PageRoutes(WidgetSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(CONNECT, ctx -> pages.send(ctx, 200, "connect.html"));
        routes.get(CONNECT + "/{token}", this::open);
        routes.get(Widget.PREFIX + "/assets/{file}", ctx -> assets.send(ctx, 200, ctx.pathParam("file")));
    }

    private void open(Context ctx) {
        String secret = sessions.open(ctx.pathParam("token")).orElse(null);
        if (secret == null) {
            pages.send(ctx, 410, "spent.html");
            return;
        }
        ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("Location", CONNECT + "#session=" + secret).status(303).result("");
    }
}
