package dev.openagg.widget;

import dev.openagg.account.MemberAccounts;
import dev.openagg.api.ApiError;
import dev.openagg.api.ApiVersion;
import dev.openagg.api.Body;
import dev.openagg.api.Http;
import dev.openagg.api.Origin;
import dev.openagg.api.Page;
import dev.openagg.client.Throttle;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.institution.InstitutionJson;
import dev.openagg.institution.Institutions;
import dev.openagg.job.JobEngine;
import dev.openagg.job.JobReplies;
import dev.openagg.job.JobRoutes;
import dev.openagg.member.Member;
import dev.openagg.member.MemberStore;
import dev.openagg.member.Members;
import dev.openagg.user.User;
import dev.openagg.user.UserStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * The small API the widget page calls, authorised by its session secret ({@code Authorization: Bearer ...}) and
 * limited to the session's user. Every change goes through the same member service and job engine as the MX API,
 * so the widget follows the same rules; the only state it adds is which member the session is connecting. An OAuth
 * member is created with {@code "is_oauth": true} and waits PENDING for its consent page; each new attempt asks for
 * a new page ({@code POST .../oauth_window_uri}).
 */
final class WidgetApiRoutes implements Http.Routes {
    private static final String API = Widget.PREFIX + "/api";
    private static final String MEMBER = API + "/members/{member_guid}";
    /** The page reads institutions and accounts in v20111101's form. */
    private static final ApiVersion WIRE = ApiVersion.V20111101;
    private static final String SESSION = "openagg.widget.session";

    private final WidgetSessions sessions;
    private final UserStore users;
    private final MemberStore members;
    private final Members service;
    private final Institutions institutions;
    private final JobEngine engine;
    private final MemberAccounts accounts;
    private final Throttle throttle;
    private final WidgetOAuth oauth;

    WidgetApiRoutes(WidgetSessions sessions, UserStore users, MemberStore members, Members service,
                    Institutions institutions, JobEngine engine, MemberAccounts accounts, Throttle throttle,
                    WidgetOAuth oauth) {
        this.throttle = throttle;
        this.sessions = sessions;
        this.users = users;
        this.members = members;
        this.service = service;
        this.institutions = institutions;
        this.engine = engine;
        this.accounts = accounts;
        this.oauth = oauth;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.before(API + "/*", ctx -> ctx.attribute(SESSION, authorise(ctx)));
        routes.get(API + "/session", ctx -> Http.json(ctx, 200, WidgetJson.session(session(ctx))));
        routes.delete(API + "/session/member", ctx -> {
            sessions.connecting(session(ctx), null);
            Http.noContent(ctx);
        });
        routes.get(API + "/institutions", ctx -> {
            Mode mode = session(ctx).settings().mode();
            List<InstitutionInfo> found = institutions.namedFor(session(ctx).clientId(), ctx.queryParam("name")).stream()
                    .filter(mode::offers).toList();
            Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
            Http.json(ctx, 200, InstitutionJson.list(page.slice(found), page, found.size(), WIRE));
        });
        routes.get(API + "/institutions/{code}", ctx -> Http.json(ctx, 200, InstitutionJson.one(institution(ctx), WIRE)));
        routes.get(API + "/institutions/{code}/credentials", ctx -> Http.json(ctx, 200,
                InstitutionJson.credentials(institution(ctx).credentials(), Page.of(null, "100"))));
        routes.post(API + "/members", this::create);
        routes.get(MEMBER, ctx -> render(ctx, 200, member(ctx)));
        routes.post(MEMBER + "/oauth_window_uri", ctx -> {
            Member member = member(ctx);
            String uri = oauth.open(Origin.of(ctx), session(ctx), member);
            sessions.connecting(session(ctx), member.guid());
            render(ctx, 200, member, uri);
        });
        routes.put(MEMBER + "/credentials", this::updateCredentials);
        routes.post(MEMBER + "/retry", ctx -> render(ctx, 202, connecting(ctx, member(ctx))));
        routes.put(MEMBER + "/resume", ctx -> render(ctx, 202, JobReplies.resumed(engine.resume(member(ctx), JobRoutes.answers(ctx.body())))));
        routes.get(MEMBER + "/accounts", ctx -> {
            Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
            Page.Listing<Map<String, Object>> rows = accounts.list(session(ctx).userGuid(), member(ctx).guid(), page);
            Http.json(ctx, 200, Map.of("accounts", rows.items(), "pagination", page.pagination(rows.total())));
        });
    }

    private void create(Context ctx) {
        WidgetSession session = session(ctx);
        User user = users.find(session.clientId(), session.userGuid()).orElseThrow(() -> ApiError.notFound("user"));
        Body body = Body.parse(ctx.body(), "member");
        String code = body.string("institution_code").orElse(null);
        institutions.findFor(session.clientId(), code).filter(i -> !session.settings().mode().offers(i)).ifPresent(i -> {
            throw ApiError.unprocessable("member.institution_code " + code + " does not offer this widget's mode");
        });
        if (body.bool("is_oauth").orElse(false)) {
            Members.Pending pending = oauth.create(Origin.of(ctx), session, user, body);
            sessions.connecting(session, pending.member().guid());
            render(ctx, 202, pending.member(), pending.oauthWindowUri());
            return;
        }
        Member member = service.create(user, new Members.NewMember(code, body.guidValues("credentials").orElse(null),
                null, null, true, List.of(), false), null);
        render(ctx, 202, connecting(ctx, member));
    }

    private void updateCredentials(Context ctx) {
        Member member = member(ctx);
        List<Body.GuidValue> credentials = Body.parse(ctx.body(), "member").guidValues("credentials")
                .filter(c -> !c.isEmpty())
                .orElseThrow(() -> ApiError.unprocessable("member.credentials is required"));
        Member saved = service.update(member, new Members.Change(member.id(), member.metadata(),
                member.backgroundAggregationIsDisabled(), credentials, true), null);
        render(ctx, 202, connecting(ctx, saved));
    }

    /** Makes the member the session's current one and starts the mode's job on it. */
    private Member connecting(Context ctx, Member member) {
        WidgetSession session = session(ctx);
        sessions.connecting(session, member.guid());
        return JobReplies.started(engine.start(member, session.settings().mode().job()));
    }

    private void render(Context ctx, int status, Member member) {
        render(ctx, status, member, null);
    }

    private void render(Context ctx, int status, Member member, String oauthWindowUri) {
        InstitutionInfo institution = institutions.find(member.institutionCode()).orElseThrow();
        Http.json(ctx, status, WidgetJson.member(engine.view(member), institution, oauthWindowUri));
    }

    private static WidgetSession session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    /** The path's member, if it belongs to the session's user. */
    private Member member(Context ctx) {
        WidgetSession s = session(ctx);
        return members.find(s.clientId(), s.userGuid(), ctx.pathParam("member_guid"))
                .orElseThrow(() -> ApiError.notFound("member"));
    }

    private InstitutionInfo institution(Context ctx) {
        return institutions.findFor(session(ctx).clientId(), ctx.pathParam("code"))
                .filter(session(ctx).settings().mode()::offers)
                .orElseThrow(() -> ApiError.notFound("institution"));
    }

    /**
     * The session the bearer secret names. Wrong secrets are throttled by source address as wrong API keys are; a
     * throttled address is answered 429 before its secret is looked at, so guessing cannot go faster than the
     * throttle, even though a valid secret from that address then waits too.
     */
    private WidgetSession authorise(Context ctx) {
        String secret = bearer(ctx);
        Optional<Duration> wait = throttle.wait(ctx.ip(), null);
        if (wait.isPresent() && secret != null) {
            throw new ApiError.RetryLater(wait.get(), "too many failed attempts to open a widget session; try again in "
                    + ApiError.RetryLater.seconds(wait.get()) + " s");
        }
        return sessions.find(secret).orElseThrow(() -> {
            if (secret != null) {
                throttle.failed(ctx.ip(), null);
            }
            return new ApiError(401, "the widget session is missing or has ended; ask the app for a new widget URL");
        });
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        String secret = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
        return secret.isEmpty() ? null : secret;
    }
}
