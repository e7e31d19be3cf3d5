package dev.openagg.member;

import dev.openagg.api.ApiError;
import dev.openagg.api.ApiVersion;
import dev.openagg.api.Body;
import dev.openagg.api.Http;
import dev.openagg.api.Identifier;
import dev.openagg.api.Lengths;
import dev.openagg.api.Origin;
import dev.openagg.api.Page;
import dev.openagg.api.Problems;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.institution.InstitutionJson;
import dev.openagg.institution.Institutions;
import dev.openagg.logging.LogContext;
import dev.openagg.user.User;
import dev.openagg.user.UserStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.slf4j.MDC;

/** {@code /users/{user_identifier}/members}: a user's logins at institutions. */
public final class MemberRoutes implements Http.Routes {
    private final UserStore users;
    private final MemberStore members;
    private final Institutions institutions;
    private final Members service;
    private final MemberEvents events;

    public MemberRoutes(UserStore users, MemberStore members, Institutions institutions, Members service,
                        MemberEvents events) {
        this.users = users;
        this.members = members;
        this.institutions = institutions;
        this.service = service;
        this.events = events;
    }

    /** The header echoed in the MEMBER event; checked first, as it is saved with the event. */
    private static String callbackPayload(Context ctx) {
        String payload = ctx.header("X-CALLBACK-PAYLOAD");
        new Problems().maxLength("X-CALLBACK-PAYLOAD", payload, Lengths.CALLBACK_PAYLOAD).throwIfAny();
        return payload;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/users/{user_identifier}/members", this::create);
        routes.get("/users/{user_identifier}/members", this::list);
        routes.get("/users/{user_identifier}/members/{member_identifier}", ctx -> render(ctx, 200, find(ctx)));
        routes.put("/users/{user_identifier}/members/{member_identifier}", this::update);
        routes.delete("/users/{user_identifier}/members/{member_identifier}", this::delete);
        routes.get("/users/{user_identifier}/members/{member_identifier}/credentials", this::credentials);
    }

    /** The member named by the path, if the calling client owns it. */
    public static Member find(Context ctx, MemberStore members) {
        Member member = members.find(Http.client(ctx), Identifier.of(ctx, "user"), Identifier.of(ctx, "member"))
                .orElseThrow(() -> ApiError.notFound("member"));
        MDC.put(LogContext.MEMBER, member.guid());
        return member;
    }

    private Member find(Context ctx) {
        return find(ctx, members);
    }

    private void render(Context ctx, int status, Member member) {
        Http.json(ctx, status, MemberJson.one(member, institution(member), ApiVersion.of(ctx)));
    }

    private InstitutionInfo institution(Member member) {
        return institutions.find(member.institutionCode())
                .orElseThrow(() -> new IllegalStateException("no connector for " + member.institutionCode()));
    }

    private void create(Context ctx) {
        User user = users.find(Http.client(ctx), Identifier.of(ctx, "user")).orElseThrow(() -> ApiError.notFound("user"));
        Body root = Body.whole(ctx.body(), "member");
        Members.NewMember request = MemberJson.newMember(root, ApiVersion.of(ctx));
        if (request.isOauth()) {
            Members.Pending pending = service.createOAuth(user, request,
                    MemberJson.oauthOptions(root, Origin.of(ctx), request.skipAggregation()), callbackPayload(ctx));
            Http.json(ctx, 202, MemberJson.one(pending.member(), institution(pending.member()), ApiVersion.of(ctx),
                    pending.oauthWindowUri()));
            return;
        }
        Member member = service.create(user, request, callbackPayload(ctx));
        render(ctx, request.skipAggregation() ? 200 : 202, member);
    }

    private void update(Context ctx) {
        Member member = find(ctx);
        Body body = Body.parse(ctx.body(), "member");
        Members.Change change = MemberJson.change(member, body, ApiVersion.of(ctx));
        Member saved = service.update(member, change, callbackPayload(ctx));
        render(ctx, 200, members.find(Http.client(ctx), saved.userGuid(), saved.guid()).orElse(saved));
    }

    private void delete(Context ctx) {
        Member member = find(ctx);
        String callback = callbackPayload(ctx);
        members.jdbi().useTransaction(h -> {
            Member current = members.lock(h, member.guid()).orElseThrow(() -> ApiError.notFound("member"));
            members.delete(h, current.guid());
            events.memberChanged(h, current, MemberEvents.Action.DELETED, callback);
        });
        Http.noContent(ctx);
    }

    private void list(Context ctx) {
        User user = users.find(Http.client(ctx), Identifier.of(ctx, "user")).orElseThrow(() -> ApiError.notFound("user"));
        Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
        Http.json(ctx, 200, MemberJson.list(members.list(user.guid(), page),
                code -> institutions.find(code).orElseThrow(() -> new IllegalStateException("no connector for " + code)),
                ApiVersion.of(ctx)));
    }

    private void credentials(Context ctx) {
        Member member = find(ctx);
        List<String> held = members.credentialGuids(member.guid());
        Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
        Http.json(ctx, 200, InstitutionJson.credentials(institution(member).credentials().stream()
                .filter(f -> held.contains(f.guid())).toList(), page));
    }

}
