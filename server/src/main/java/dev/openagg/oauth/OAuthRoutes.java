package dev.openagg.oauth;

import dev.openagg.api.ApiError;
import dev.openagg.api.ApiVersion;
import dev.openagg.api.Body;
import dev.openagg.api.Http;
import dev.openagg.api.Origin;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.institution.Institutions;
import dev.openagg.member.ConsentWindows;
import dev.openagg.member.Member;
import dev.openagg.member.MemberJson;
import dev.openagg.member.MemberRoutes;
import dev.openagg.member.MemberStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MX's {@code GET .../oauth_window_uri}, and the sandbox's headless consent
 * ({@code POST /sandbox/users/{u}/members/{m}/oauth}), which does what the consent page's buttons do, for tests
 * without a browser, and what the institution does later (revoking access, or letting it expire).
 */
final class OAuthRoutes implements Http.Routes {
    private static final String MEMBER = "/users/{user_identifier}/members/{member_identifier}";

    private final MemberStore members;
    private final Institutions institutions;
    private final OAuthWindows windows;
    private final Consent consent;

    OAuthRoutes(MemberStore members, Institutions institutions, OAuthWindows windows, Consent consent) {
        this.members = members;
        this.institutions = institutions;
        this.windows = windows;
        this.consent = consent;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(MEMBER + "/oauth_window_uri", this::windowUri);
        routes.post("/sandbox" + MEMBER + "/oauth", this::headless);
    }

    private record Window(String guid, String oauthWindowUri) {
    }

    private record WindowReply(Window member) {
    }

    private void windowUri(Context ctx) {
        Member member = oauthMember(ctx);
        ConsentWindows.Options options = ConsentWindows.Options.checked("", Origin.of(ctx),
                ctx.queryParam("referral_source"), ctx.queryParam("client_redirect_url"),
                ctx.queryParam("ui_message_webview_url_scheme"), flag(ctx, "enable_app2app"),
                flag(ctx, "skip_aggregation"));
        String uri = members.jdbi().inTransaction(h -> {
            Member current = members.lock(h, member.guid()).orElseThrow(() -> ApiError.notFound("member"));
            return windows.open(h, current, options);
        });
        Http.json(ctx, 200, new WindowReply(new Window(member.guid(), uri)));
    }

    private void headless(Context ctx) {
        Member member = oauthMember(ctx);
        String result = Body.parse(ctx.body(), "oauth").string("result").orElse(null);
        if ("revoke".equals(result) || "expire".equals(result)) {
            OAuthAccess.State state = result.equals("revoke") ? OAuthAccess.State.REVOKED : OAuthAccess.State.EXPIRED;
            if (!consent.endAccess(member, state)) {
                throw ApiError.conflict("the member has no access granted to end; authorize it first");
            }
            Member now = members.jdbi().withHandle(h -> members.get(h, member.guid())).orElse(member);
            reply(ctx, now, Map.of("access", state.name()));
            return;
        }
        Consent.Choice choice = result == null ? null : Consent.Choice.named(result).orElse(null);
        if (choice == null) {
            throw ApiError.unprocessable("oauth.result must be authorize, deny, cancel or error (or revoke or expire "
                    + "for access already granted)");
        }
        Consent.Decision decision = consent.headless(member, choice);
        if (decision instanceof Consent.Decision.Refused refused) {
            throw ApiError.conflict(switch (refused.refusal()) {
                case USED -> "the member's consent page was already used; request a new oauth_window_uri";
                case EXPIRED -> "the member's consent page has expired; request a new oauth_window_uri";
                case UNKNOWN -> "the member has no consent page open; request an oauth_window_uri";
            });
        }
        Consent.Decision.Made made = (Consent.Decision.Made) decision;
        Map<String, Object> oauth = new LinkedHashMap<>();
        oauth.put("status", made.status());
        oauth.put("error_reason", made.errorReason());
        oauth.put("redirect_url", Landing.of(made.options(), made));
        reply(ctx, made.member(), oauth);
    }

    private void reply(Context ctx, Member member, Map<String, ?> oauth) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("member", MemberJson.one(member, institution(member), ApiVersion.of(ctx)).member());
        body.put("oauth", oauth);
        Http.json(ctx, 200, body);
    }

    /** The member the path names; MX answers 400 for a member whose institution has no OAuth. */
    private Member oauthMember(Context ctx) {
        Member member = MemberRoutes.find(ctx, members);
        if (!institution(member).supportsOauth()) {
            throw ApiError.badRequest("Member cannot use OAuth: " + member.institutionCode() + " does not support OAuth");
        }
        return member;
    }

    private InstitutionInfo institution(Member member) {
        return institutions.find(member.institutionCode())
                .orElseThrow(() -> new IllegalStateException("no connector for " + member.institutionCode()));
    }

    /** A query flag: {@code true} or {@code false} (MX's clients send strings), 422 otherwise. */
    private static Boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw ApiError.unprocessable(name + " must be true or false");
        }
        return Boolean.valueOf(value);
    }
}
