package dev.openagg.widget;

import dev.openagg.api.ApiError;
import dev.openagg.api.Body;
import dev.openagg.api.Http;
import dev.openagg.connector.Answer;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobKind;
import dev.openagg.institution.Institutions;
import dev.openagg.job.JobEngine;
import dev.openagg.member.Member;
import dev.openagg.member.MemberStore;
import dev.openagg.member.Members;
import dev.openagg.user.User;
import dev.openagg.user.UserStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The connect widget: its page, and the small API the page calls with the session secret it was given. Every
 * change goes through the same member service and job engine as the MX API, so the widget follows the same rules
 * and keeps no state of its own beyond the session row.
 */
final class WidgetRoutes implements Http.Routes {
    static final String SESSION_HEADER = "X-Widget-Session";
    private static final String SESSION = "openagg.widget";

    private final WidgetSessions sessions;
    private final UserStore users;
    private final MemberStore members;
    private final Members service;
    private final Institutions institutions;
    private final JobEngine engine;
    private final AccountSummaries accounts;

    WidgetRoutes(WidgetSessions sessions, UserStore users, MemberStore members, Members service,
                 Institutions institutions, JobEngine engine, AccountSummaries accounts) {
        this.sessions = sessions;
        this.users = users;
        this.members = members;
        this.service = service;
        this.institutions = institutions;
        this.engine = engine;
        this.accounts = accounts;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/widget/connect", this::page);
        routes.get("/widget/assets/{file}", this::asset);
        routes.before("/widget/api/*", ctx -> ctx.attribute(SESSION, sessions.find(ctx.header(SESSION_HEADER))
                .orElseThrow(() -> new ApiError(401, "the widget session is missing or has expired"))));
        routes.get("/widget/api/session", ctx -> {
            WidgetSession s = session(ctx);
            Http.json(ctx, 200, new WidgetJson.Session(s.userGuid(), s.mode(), s.colorScheme(), s.institutionCode(),
                    s.memberGuid()));
        });
        routes.get("/widget/api/institutions", ctx -> {
            String name = ctx.queryParam("name") == null ? "" : ctx.queryParam("name").toLowerCase(Locale.ROOT);
            Http.json(ctx, 200, Map.of("institutions", institutions.all().stream()
                    .filter(i -> i.name().toLowerCase(Locale.ROOT).contains(name) || i.code().contains(name))
                    .map(WidgetJson::institution).toList()));
        });
        routes.get("/widget/api/institutions/{code}", ctx -> Http.json(ctx, 200, WidgetJson.institution(
                institutions.find(ctx.pathParam("code")).orElseThrow(() -> ApiError.notFound("institution")))));
        routes.post("/widget/api/members", this::create);
        routes.get("/widget/api/members/{member_guid}", ctx -> {
            JobEngine.View view = engine.view(member(ctx));
            Http.json(ctx, 200, WidgetJson.member(view, institution(view.member())));
        });
        routes.put("/widget/api/members/{member_guid}/resume", ctx -> {
            List<Answer> answers = Body.parse(ctx.body(), "member").guidValues("challenges")
                    .orElseThrow(() -> ApiError.unprocessable("member.challenges is required"))
                    .stream().map(a -> new Answer(a.guid(), a.value())).toList();
            respond(ctx, engine.resume(member(ctx), answers));
        });
        routes.put("/widget/api/members/{member_guid}/credentials", ctx -> {
            Member member = member(ctx);
            List<Body.GuidValue> credentials = Body.parse(ctx.body(), "member").guidValues("credentials")
                    .orElseThrow(() -> ApiError.unprocessable("member.credentials is required"));
            respond(ctx, service.update(member, new Members.Change(member.id(), member.metadata(),
                    member.backgroundAggregationIsDisabled(), credentials, false), null));
        });
        routes.post("/widget/api/members/{member_guid}/aggregate", ctx ->
                respond(ctx, engine.start(member(ctx), JobKind.AGGREGATE).member()));
        routes.get("/widget/api/members/{member_guid}/accounts", ctx ->
                Http.json(ctx, 200, Map.of("accounts", accounts.of(member(ctx).guid()))));
    }

    private void page(Context ctx) {
        String token = ctx.queryParam("token");
        if (token != null) {
            String secret = sessions.open(token).orElse(null);
            if (secret == null) {
                ctx.status(403).contentType("text/html; charset=utf-8").result(resource("expired.html"));
                return;
            }
            // The secret travels in the fragment: it is never sent back to a server or written to a log.
            ctx.status(303).header("Location", "/widget/connect#s=" + secret).result("");
            return;
        }
        ctx.status(200).header("Cache-Control", "no-store").contentType("text/html; charset=utf-8")
                .result(resource("connect.html"));
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        String type = file.endsWith(".js") ? "text/javascript; charset=utf-8"
                : file.endsWith(".css") ? "text/css; charset=utf-8" : null;
        if (type == null || !file.matches("[a-z]+\\.(js|css)")) {
            throw ApiError.notFound("asset");
        }
        ctx.status(200).contentType(type).result(resource(file));
    }

    private void create(Context ctx) {
        WidgetSession session = session(ctx);
        User user = users.find(session.clientId(), session.userGuid()).orElseThrow(() -> ApiError.notFound("user"));
        Body body = Body.parse(ctx.body(), "member");
        Member member = service.create(user, new Members.NewMember(body.string("institution_code").orElse(null),
                body.guidValues("credentials").orElse(null), null, null, false, false), null);
        sessions.rememberMember(session, member.guid());
        respond(ctx, member);
    }

    private void respond(Context ctx, Member member) {
        JobEngine.View view = engine.view(member);
        Http.json(ctx, 200, WidgetJson.member(view, institution(member)));
    }

    private WidgetSession session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    /** The path's member, if it belongs to the session's user. */
    private Member member(Context ctx) {
        WidgetSession s = session(ctx);
        return members.find(s.clientId(), s.userGuid(), ctx.pathParam("member_guid"))
                .orElseThrow(() -> ApiError.notFound("member"));
    }

    private InstitutionInfo institution(Member member) {
        return institutions.find(member.institutionCode()).orElseThrow();
    }

    private static String resource(String name) {
        try (InputStream in = WidgetRoutes.class.getResourceAsStream("/widget/" + name)) {
            if (in == null) {
                throw ApiError.notFound("asset");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
