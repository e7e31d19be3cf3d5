package dev.openagg.member;

import dev.openagg.api.ApiError;
import dev.openagg.api.Body;
import dev.openagg.api.Http;
import dev.openagg.api.Page;
import dev.openagg.api.Problems;
import dev.openagg.connector.Guids;
import dev.openagg.db.Database;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobKind;
import dev.openagg.institution.InstitutionJson;
import dev.openagg.institution.Institutions;
import dev.openagg.member.MemberStore.StoredCredential;
import dev.openagg.user.User;
import dev.openagg.user.UserStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** {@code /users/{user_guid}/members}: a user's logins at institutions. */
public final class MemberRoutes implements Http.Routes {
    private final UserStore users;
    private final MemberStore members;
    private final Institutions institutions;
    private final JobStarter jobs;
    private final MemberEvents events;
    private final Clock clock;

    public MemberRoutes(UserStore users, MemberStore members, Institutions institutions, JobStarter jobs,
                        MemberEvents events, Clock clock) {
        this.users = users;
        this.members = members;
        this.institutions = institutions;
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
    }

    private static String callbackPayload(Context ctx) {
        return ctx.header("X-CALLBACK-PAYLOAD");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/users/{user_guid}/members", this::create);
        routes.get("/users/{user_guid}/members", this::list);
        routes.get("/users/{user_guid}/members/{member_guid}", ctx -> render(ctx, 200, find(ctx)));
        routes.put("/users/{user_guid}/members/{member_guid}", this::update);
        routes.delete("/users/{user_guid}/members/{member_guid}", this::delete);
        routes.get("/users/{user_guid}/members/{member_guid}/credentials", this::credentials);
    }

    /** The member named by the path, if the calling client owns it. */
    public static Member find(Context ctx, MemberStore members) {
        return members.find(Http.client(ctx), ctx.pathParam("user_guid"), ctx.pathParam("member_guid"))
                .orElseThrow(() -> ApiError.notFound("member"));
    }

    private Member find(Context ctx) {
        return find(ctx, members);
    }

    private void render(Context ctx, int status, Member member) {
        Http.json(ctx, status, MemberJson.one(member, institution(member)));
    }

    private InstitutionInfo institution(Member member) {
        return institutions.find(member.institutionCode())
                .orElseThrow(() -> new IllegalStateException("no connector for " + member.institutionCode()));
    }

    private void create(Context ctx) {
        User user = users.find(Http.client(ctx), ctx.pathParam("user_guid")).orElseThrow(() -> ApiError.notFound("user"));
        Body body = Body.parse(ctx.body(), "member");
        Problems problems = new Problems();
        String code = body.string("institution_code").orElse(null);
        InstitutionInfo institution = code == null ? null : institutions.find(code).orElse(null);
        problems.require(code != null, "member.institution_code is required");
        problems.require(code == null || institution != null, "member.institution_code " + code + " is not a known institution");
        List<Body.GuidValue> sent = body.guidValues("credentials").orElse(null);
        problems.require(sent != null, "member.credentials is required");
        List<StoredCredential> credentials = institution == null || sent == null ? List.of()
                : CredentialCheck.check(institution, sent, true, problems);
        boolean skip = body.bool("skip_aggregation").orElse(false);
        boolean backgroundDisabled = body.bool("background_aggregation_is_disabled").orElse(false);
        String id = body.string("id").orElse(null);
        String metadata = body.string("metadata").orElse(null);
        problems.throwIfAny();

        Instant now = clock.instant();
        Member member = new Member(Guids.next("MBR"), user.guid(), user.id(), id, code, metadata, backgroundDisabled,
                MemberStatus.created(), 0, now, now);
        boolean inserted;
        try {
            inserted = members.jdbi().inTransaction(h -> {
                if (!members.insert(h, member, credentials)) {
                    return false;
                }
                events.memberChanged(h, member, MemberEvents.Action.CREATED, callbackPayload(ctx));
                return true;
            });
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            inserted = false;
        }
        if (!inserted) {
            throw duplicateId(id);
        }
        if (skip) {
            render(ctx, 200, member);
        } else {
            render(ctx, 202, jobs.start(member, JobKind.AGGREGATE).member());
        }
    }

    private void update(Context ctx) {
        Member member = find(ctx);
        Body body = Body.parse(ctx.body(), "member");
        Problems problems = new Problems();
        List<StoredCredential> credentials = body.guidValues("credentials")
                .map(sent -> CredentialCheck.check(institution(member), sent, false, problems))
                .orElse(List.of());
        Member changed = new Member(member.guid(), member.userGuid(), member.userId(),
                body.has("id") ? body.string("id").orElse(null) : member.id(),
                member.institutionCode(),
                body.has("metadata") ? body.string("metadata").orElse(null) : member.metadata(),
                body.bool("background_aggregation_is_disabled").orElse(member.backgroundAggregationIsDisabled()),
                member.status(), member.version(), member.createdAt(), clock.instant());
        boolean skip = body.bool("skip_aggregation").orElse(false);
        problems.throwIfAny();

        Member saved = members.jdbi().inTransaction(h -> {
            Member current = members.lock(h, member.guid()).orElseThrow(() -> ApiError.notFound("member"));
            if (!credentials.isEmpty() && current.status().isBeingAggregated()) {
                throw ApiError.conflict("the member is being aggregated; update its credentials when the job ends");
            }
            if (!members.updateDetails(h, changed)) {
                throw duplicateId(changed.id());
            }
            if (!credentials.isEmpty()) {
                members.replaceCredentials(h, member.guid(), credentials);
                MemberStatus next = current.status().credentialsUpdated();
                members.saveStatus(h, current, next);
            }
            Member now = members.get(h, member.guid()).orElseThrow();
            events.memberChanged(h, now, MemberEvents.Action.UPDATED, callbackPayload(ctx));
            return now;
        });
        if (!credentials.isEmpty() && !skip) {
            saved = jobs.start(saved, JobKind.AGGREGATE).member();
        }
        render(ctx, 200, members.find(Http.client(ctx), saved.userGuid(), saved.guid()).orElse(saved));
    }

    private void delete(Context ctx) {
        Member member = find(ctx);
        members.jdbi().useTransaction(h -> {
            Member current = members.lock(h, member.guid()).orElseThrow(() -> ApiError.notFound("member"));
            members.delete(h, current.guid());
            events.memberChanged(h, current, MemberEvents.Action.DELETED, callbackPayload(ctx));
        });
        Http.noContent(ctx);
    }

    private void list(Context ctx) {
        User user = users.find(Http.client(ctx), ctx.pathParam("user_guid")).orElseThrow(() -> ApiError.notFound("user"));
        Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
        Http.json(ctx, 200, MemberJson.list(members.list(user.guid(), page),
                code -> institutions.find(code).orElseThrow(() -> new IllegalStateException("no connector for " + code))));
    }

    private void credentials(Context ctx) {
        Member member = find(ctx);
        List<String> held = members.credentialGuids(member.guid());
        Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
        Http.json(ctx, 200, InstitutionJson.credentials(institution(member).credentials().stream()
                .filter(f -> held.contains(f.guid())).toList(), page));
    }

    private static ApiError duplicateId(String id) {
        return ApiError.conflict("a member with id \"" + id + "\" already exists for this user");
    }
}
