package dev.openagg.widget;

import dev.openagg.api.ApiError;
import dev.openagg.api.Http;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The widget's page and its files, served from the jar. Opening a widget URL spends its token and redirects to the
 * page with the session secret in the fragment: a fragment is never sent to a server or written to a log, and it
 * survives a reload, so the page can always find its session again.
 */
final class PageRoutes implements Http.Routes {
    static final String CONNECT = Widget.PREFIX + "/connect";
    private static final String HTML = "text/html; charset=utf-8";
    /** Everything the page uses comes from this server; images arrive as data URIs inside challenges. */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'none'; base-uri 'none'";

    private final WidgetSessions sessions;
    private final Map<String, Asset> assets = Stream.of("widget.js", "dom.js", "server.js", "signin.js", "status.js",
                    "challenges.js", "oauth.js", "widget.css", "views.css")
            .collect(Collectors.toMap(name -> name, name -> Asset.load(name, name.endsWith(".js")
                    ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8")));
    private final Asset page = Asset.load("connect.html", HTML);
    private final Asset spent = Asset.load("spent.html", HTML);

    PageRoutes(WidgetSessions sessions) {
        this.sessions = sessions;
    }

    private record Asset(String contentType, byte[] bytes) {
        static Asset load(String name, String contentType) {
            try (InputStream in = PageRoutes.class.getResourceAsStream("/widget/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("widget file " + name + " is missing from the jar");
                }
                return new Asset(contentType, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(CONNECT, ctx -> send(ctx, 200, page));
        routes.get(CONNECT + "/{token}", this::open);
        routes.get(Widget.PREFIX + "/assets/{file}", ctx -> {
            Asset asset = assets.get(ctx.pathParam("file"));
            if (asset == null) {
                throw ApiError.notFound("widget file");
            }
            send(ctx, 200, asset);
        });
    }

    private void open(Context ctx) {
        String secret = sessions.open(ctx.pathParam("token")).orElse(null);
        if (secret == null) {
            send(ctx, 410, spent);
            return;
        }
        ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("Location", CONNECT + "#session=" + secret).status(303).result("");
    }

    private static void send(Context ctx, int status, Asset asset) {
        ctx.header("Cache-Control", "no-store")
                .header("Content-Security-Policy", POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .status(status).contentType(asset.contentType()).result(asset.bytes());
    }
}
