package dev.openagg.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.api.ApiError;
import dev.openagg.api.ApiVersion;
import dev.openagg.api.Body;
import dev.openagg.api.Http;
import dev.openagg.api.Wire;
import dev.openagg.background.BackgroundAggregation;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.engine.JobRules;
import dev.openagg.institution.Institutions;
import dev.openagg.job.JobEngine;
import dev.openagg.job.JobReplies;
import dev.openagg.member.Member;
import dev.openagg.member.MemberJson;
import dev.openagg.member.MemberRoutes;
import dev.openagg.member.MemberStore;
import dev.openagg.webhook.Webhooks;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's controls over a client's live members (README, "Sandbox controls"): each change goes through the
 * job engine or the webhook outbox, so it fires the webhooks the same change would fire for real. Another client's
 * user, member or account is a 404; a body that makes no sense a 422.
 */
public final class SandboxControlRoutes implements Http.Routes {
    private static final String USER = SandboxSwitchRoutes.PREFIX + "/users/{user_identifier}";
    private static final String MEMBER = USER + "/members/{member_identifier}";
    private static final String ACCOUNT = SandboxSwitchRoutes.PREFIX + "/users/{user_guid}/accounts/{account_guid}";

    private final MemberStore members;
    private final Institutions institutions;
    private final JobEngine engine;
    private final BackgroundAggregation background;
    private final Webhooks webhooks;
    private final Sandbox sandbox;

    public SandboxControlRoutes(MemberStore members, Institutions institutions, JobEngine engine,
                                BackgroundAggregation background, Webhooks webhooks, Sandbox sandbox) {
        this.members = members;
        this.institutions = institutions;
        this.engine = engine;
        this.background = background;
        this.webhooks = webhooks;
        this.sandbox = sandbox;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(MEMBER + "/connection_status", this::connectionStatus);
        routes.post(MEMBER + "/reset_login", ctx -> {
            Member member = member(ctx);
            sandbox.logins().reset(member.guid());
            render(ctx, 200, member);
        });
        routes.post(MEMBER + "/expire_challenges", ctx -> {
            JobEngine.Forced expired = engine.expireNow(member(ctx)).orElseThrow(() -> ApiError.notFound("member"));
            if (!expired.applied()) {
                throw ApiError.conflict("the member has no open challenge (connection_status "
                        + expired.member().status().connectionStatus() + ")");
            }
            render(ctx, 200, expired.member());
        });
        routes.post(MEMBER + "/background_aggregation", ctx -> render(ctx, 202,
                JobReplies.started(background.runNow(member(ctx)))));
        routes.post(MEMBER + "/webhooks", ctx -> {
            Member member = member(ctx);
            String type = Body.parse(ctx.body(), "webhook").string("type")
                    .orElseThrow(() -> ApiError.unprocessable("webhook.type is required"));
            if (!Webhooks.EVENT_TYPES.contains(type)) {
                throw ApiError.unprocessable("webhook.type must be one of " + Webhooks.EVENT_TYPES);
            }
            webhooks.fire(member, type);
            render(ctx, 202, member);
        });
        routes.post(ACCOUNT + "/transactions", this::transactions);
    }

    private void connectionStatus(Context ctx) {
        Member member = member(ctx);
        String name = Body.parse(ctx.body(), "member").string("connection_status")
                .orElseThrow(() -> ApiError.unprocessable("member.connection_status is required"));
        ConnectionStatus status = Arrays.stream(ConnectionStatus.values()).filter(s -> s.name().equals(name))
                .findFirst().filter(JobRules::isResting)
                .orElseThrow(() -> ApiError.unprocessable("member.connection_status " + name + " is not a status a "
                        + "member can rest in; one of " + Arrays.stream(ConnectionStatus.values())
                        .filter(JobRules::isResting).toList()));
        JobEngine.Forced forced = engine.force(member, status).orElseThrow(() -> ApiError.notFound("member"));
        if (!forced.applied()) {
            throw ApiError.conflict("the member is being aggregated; change its status when the job ends");
        }
        render(ctx, 200, forced.member());
    }

    private void transactions(Context ctx) {
        AddedTransactions.Account account = sandbox.transactions().account(Http.client(ctx),
                        ctx.pathParam("user_guid"), ctx.pathParam("account_guid"))
                .orElseThrow(() -> ApiError.notFound("account"));
        List<AddedTransactions.NewTransaction> sent = TransactionsBody.parse(tree(ctx), sandbox.today(Http.client(ctx)));
        List<AddedTransactions.Added> added = sandbox.transactions().add(account, sent);
        Http.json(ctx, 202, Map.of("transactions", added.stream().map(TransactionsBody::wire).toList()));
    }

    private static JsonNode tree(Context ctx) {
        if (ctx.body().isBlank()) {
            throw ApiError.badRequest("request body is required: {\"transactions\": [...]}");
        }
        try {
            return Wire.MAPPER.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("request body is not valid JSON");
        }
    }

    private Member member(Context ctx) {
        return MemberRoutes.find(ctx, members);
    }

    private void render(Context ctx, int status, Member member) {
        Http.json(ctx, status, MemberJson.one(member, institutions.find(member.institutionCode()).orElseThrow(),
                ApiVersion.of(ctx)));
    }
}
