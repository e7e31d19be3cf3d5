package dev.openagg.widget;

import dev.openagg.api.ApiError;
import dev.openagg.api.ApiVersion;
import dev.openagg.api.Body;
import dev.openagg.api.Http;
import dev.openagg.api.Origin;
import dev.openagg.api.Problems;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.institution.Institutions;
import dev.openagg.member.ConsentWindows;
import dev.openagg.member.Member;
import dev.openagg.member.MemberStore;
import dev.openagg.user.User;
import dev.openagg.user.UserStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /users/{u}/widget_urls} and the older {@code POST /users/{u}/connect_widget_url}: one-time URLs to
 * OpenAgg's connect widget for that user.
 */
final class WidgetUrlRoutes implements Http.Routes {
    static final String CONNECT_WIDGET = "connect_widget";

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

    record WidgetUrlBody(WidgetUrl widgetUrl) {
    }

    record ConnectWidget(String connectWidgetUrl, String guid) {
    }

    record ConnectWidgetBody(ConnectWidget user) {
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/users/{user_guid}/widget_urls", ctx -> {
            User user = user(ctx);
            Body body = Body.parse(ctx.body(), "widget_url");
            String type = body.string("widget_type").orElse(null);
            Http.json(ctx, 200, new WidgetUrlBody(new WidgetUrl(type, url(ctx, user, body, "widget_url", type), user.id())));
        });
        routes.post("/users/{user_guid}/connect_widget_url", ctx -> {
            // MX removed this long-deprecated endpoint from v20250224.
            if (ApiVersion.of(ctx) != ApiVersion.V20111101) {
                throw new ApiError(404, "no such endpoint in " + ApiVersion.of(ctx).headerValue() + ": POST " + ctx.path()
                        + "; use POST /users/{user_guid}/widget_urls");
            }
            User user = user(ctx);
            Body body = Body.parse(ctx.body().isBlank() ? "{\"config\": {}}" : ctx.body(), "config");
            String url = url(ctx, user, body, "config", CONNECT_WIDGET);
            Http.json(ctx, 200, new ConnectWidgetBody(new ConnectWidget(url, user.guid())));
        });
    }

    private User user(Context ctx) {
        return users.find(Http.client(ctx), ctx.pathParam("user_guid")).orElseThrow(() -> ApiError.notFound("user"));
    }

    /**
     * Validates the request's options, records the widget and returns its URL. Options the widget does not act on
     * (background aggregation, identity, and the rest) are still checked for their type.
     */
    private String url(Context ctx, User user, Body body, String root, String type) {
        for (String name : List.of("insight_guid", "microwidget_instance_id")) {
            body.string(name);
        }
        for (String name : List.of("disable_background_agg", "disable_institution_search", "include_identity",
                "include_transactions", "update_credentials")) {
            body.bool(name);
        }
        Problems problems = new Problems();
        WidgetSession.OAuthReturn oauth = oauthReturn(body, root, problems);
        problems.require(type != null, root + ".widget_type is required");
        problems.require(type == null || type.equals(CONNECT_WIDGET),
                root + ".widget_type " + type + " is not served by OpenAgg; only connect_widget is");
        String modeName = body.string("mode").orElse("aggregation");
        Mode mode = Mode.of(modeName).orElse(null);
        problems.require(mode != null, root + ".mode must be aggregation, verification or tax");
        String scheme = body.string("color_scheme").orElse("light");
        problems.require(scheme.equals("light") || scheme.equals("dark"), root + ".color_scheme must be light or dark");

        Optional<Member> member = body.string("current_member_guid")
                .flatMap(guid -> members.find(user.clientId(), user.guid(), guid));
        problems.require(body.string("current_member_guid").isEmpty() || member.isPresent(),
                root + ".current_member_guid is not a member of this user");
        InstitutionInfo institution = institution(user.clientId(), body, root, member, problems);
        problems.require(mode == null || institution == null || mode.offers(institution),
                root + ".mode " + modeName + " is not offered by the institution");
        problems.throwIfAny();

        WidgetSession.Settings settings = new WidgetSession.Settings(type, mode, scheme,
                institution == null ? null : institution.code(), oauth);
        String token = sessions.create(user.clientId(), user.guid(), settings, member.map(Member::guid).orElse(null));
        return Origin.of(ctx) + PageRoutes.CONNECT + "/" + token;
    }

    /**
     * MX's OAuth options: {@code oauth_referral_source} defaults to {@code APP} in a mobile web view and to
     * {@code BROWSER} elsewhere; {@code client_redirect_url} and {@code ui_message_webview_url_scheme} say where an
     * {@code APP} consent page sends the end user. They are checked as the member API checks its own.
     */
    private static WidgetSession.OAuthReturn oauthReturn(Body body, String root, Problems problems) {
        boolean webview = body.bool("is_mobile_webview").orElse(false);
        String source = body.string("oauth_referral_source").orElse(webview ? "APP" : "BROWSER")
                .toUpperCase(Locale.ROOT);
        if (!source.equals("APP") && !source.equals("BROWSER")) {
            problems.add(root + ".oauth_referral_source must be BROWSER or APP");
            source = "BROWSER";
        }
        try {
            ConsentWindows.Options options = ConsentWindows.Options.checked(root + ".", "", source,
                    body.string("client_redirect_url").orElse(null),
                    body.string("ui_message_webview_url_scheme").orElse(null), null, null);
            return new WidgetSession.OAuthReturn(webview, options.referralSource(), options.clientRedirectUrl(),
                    options.uiMessageWebviewUrlScheme());
        } catch (ApiError e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /** The institution the widget opens on: the member's, or the one named by code or guid. */
    private InstitutionInfo institution(String clientId, Body body, String root, Optional<Member> member,
                                        Problems problems) {
        Optional<String> code = body.string("current_institution_code");
        Optional<String> guid = body.string("current_institution_guid");
        Optional<InstitutionInfo> byCode = code.flatMap(c -> institutions.findFor(clientId, c));
        Optional<InstitutionInfo> byGuid = guid.flatMap(g -> institutions.allFor(clientId).stream()
                .filter(i -> i.guid().equals(g)).findFirst());
        problems.require(code.isEmpty() || byCode.isPresent(), root + ".current_institution_code " + code.orElse("")
                + " is not a known institution");
        problems.require(guid.isEmpty() || byGuid.isPresent(), root + ".current_institution_guid " + guid.orElse("")
                + " is not a known institution");
        problems.require(byCode.isEmpty() || byGuid.isEmpty() || byCode.equals(byGuid),
                root + ".current_institution_code and current_institution_guid name different institutions");
        return member.flatMap(m -> institutions.find(m.institutionCode())).or(() -> byCode).or(() -> byGuid).orElse(null);
    }
}
