package dev.openagg.widget;

import dev.openagg.api.ApiError;
import dev.openagg.api.Body;
import dev.openagg.api.Http;
import dev.openagg.api.Problems;
import dev.openagg.institution.Institutions;
import dev.openagg.member.MemberStore;
import dev.openagg.user.User;
import dev.openagg.user.UserStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /users/{u}/widget_urls} and the older {@code POST /users/{u}/connect_widget_url}: one-time URLs to
 * OpenAgg's connect widget for that user.
 */
final class WidgetUrlRoutes implements Http.Routes {
    private static final Set<String> TYPES = Set.of("connect_widget");

    private final UserStore users;
    private final MemberStore members;
    private final Institutions institutions;
    private final WidgetSessions sessions;

    WidgetUrlRoutes(UserStore users, MemberStore members, Institutions institutions, WidgetSessions sessions) {
        this.users = users;
        this.members = members;
        this.institutions = institutions;
        this.sessions = sessions;
    }

    record WidgetUrl(String type, String url, String userId) {
    }

    record ConnectWidgetUser(String connectWidgetUrl, String guid) {
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/users/{user_guid}/widget_urls", ctx -> {
            User user = user(ctx);
            Body body = Body.parse(ctx.body(), "widget_url");
            String type = body.string("widget_type").orElse(null);
            String url = url(ctx, user, body, type);
            Http.json(ctx, 200, Map.of("widget_url", new WidgetUrl(type, url, user.id())));
        });
        routes.post("/users/{user_guid}/connect_widget_url", ctx -> {
            User user = user(ctx);
            Body body = ctx.body().isBlank() ? Body.parse("{\"config\": {}}", "config") : Body.parse(ctx.body(), "config");
            Http.json(ctx, 200, Map.of("user", new ConnectWidgetUser(url(ctx, user, body, "connect_widget"), user.guid())));
        });
    }

    private User user(Context ctx) {
        return users.find(Http.client(ctx), ctx.pathParam("user_guid")).orElseThrow(() -> ApiError.notFound("user"));
    }

    private String url(Context ctx, User user, Body body, String type) {
        Problems problems = new Problems();
        problems.require(type != null, "widget_url.widget_type is required");
        problems.require(type == null || TYPES.contains(type), "widget_type " + type + " is not served; use connect_widget");
        String institution = body.string("current_institution_code").orElse(null);
        problems.require(institution == null || institutions.find(institution).isPresent(),
                "current_institution_code " + institution + " is not a known institution");
        String member = body.string("current_member_guid").orElse(null);
        problems.require(member == null || members.find(user.clientId(), user.guid(), member).isPresent(),
                "current_member_guid " + member + " is not a member of this user");
        String scheme = body.string("color_scheme").orElse("light");
        problems.require(scheme.equals("light") || scheme.equals("dark"), "color_scheme must be light or dark");
        String mode = body.string("mode").orElse("aggregation");
        problems.throwIfAny();
        String token = sessions.create(user.clientId(), user.guid(),
                new WidgetSessions.Request(type, mode, scheme, institution, member));
        return origin(ctx) + "/widget/connect?token=" + token;
    }

    /** The address the client reached this server by, so the URL works from where it asked. */
    private static String origin(Context ctx) {
        String host = ctx.header("Host");
        return ctx.scheme() + "://" + (host == null ? ctx.host() : host);
    }
}
