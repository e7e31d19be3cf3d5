package dev.openagg.job;

import dev.openagg.api.ApiError;
import dev.openagg.api.ApiVersion;
import dev.openagg.api.Body;
import dev.openagg.api.Http;
import dev.openagg.api.Lengths;
import dev.openagg.api.Page;
import dev.openagg.api.Problems;
import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.JobKind;
import dev.openagg.institution.Institutions;
import dev.openagg.member.Member;
import dev.openagg.member.MemberJson;
import dev.openagg.member.MemberRoutes;
import dev.openagg.member.MemberStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** The job endpoints of a member: start each kind of job, read its status and challenges, answer them. */
public final class JobRoutes implements Http.Routes {
    private static final String MEMBER = "/users/{user_identifier}/members/{member_identifier}";

    private final MemberStore members;
    private final Institutions institutions;
    private final JobEngine engine;

    public JobRoutes(MemberStore members, Institutions institutions, JobEngine engine) {
        this.members = members;
        this.institutions = institutions;
        this.engine = engine;
    }

    @Override
    public void register(RoutesConfig routes) {
        for (JobKind kind : JobKind.values()) {
            // MX's spec answers verify with 200 and every other job start with 202.
            int status = kind == JobKind.VERIFICATION ? 200 : 202;
            routes.post(MEMBER + "/" + kind.path(), ctx -> render(ctx, status, JobReplies.started(engine.start(member(ctx), kind))));
        }
        routes.get(MEMBER + "/status", ctx -> {
            JobEngine.View view = engine.view(member(ctx));
            Http.json(ctx, 200, StatusJson.of(view.member(), view.challenges()));
        });
        routes.get(MEMBER + "/challenges", this::challenges);
        routes.put(MEMBER + "/resume", this::resume);
    }

    private Member member(Context ctx) {
        return MemberRoutes.find(ctx, members);
    }

    private void render(Context ctx, int status, Member member) {
        Http.json(ctx, status, MemberJson.one(member, institutions.find(member.institutionCode()).orElseThrow(),
                ApiVersion.of(ctx)));
    }

    private void challenges(Context ctx) {
        List<Challenge> open = engine.view(member(ctx)).challenges();
        if (open.isEmpty()) {
            Http.noContent(ctx);
            return;
        }
        Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
        Http.json(ctx, 200, new ChallengeList(ChallengeJson.list(page.slice(open)), page.pagination(open.size())));
    }

    record ChallengeList(List<ChallengeJson.Wire> challenges, Page.Pagination pagination) {
    }

    private void resume(Context ctx) {
        Member member = MemberRoutes.find(ctx, members);
        render(ctx, 202, JobReplies.resumed(engine.resume(member, answers(ctx.body()))));
    }

    /**
     * The answers of a resume request, {@code {"member": {"challenges": [{"guid", "value"}]}}}, each within
     * {@link Lengths}: over-long answers are refused before they are stored (encrypted) on the job.
     */
    public static List<Answer> answers(String body) {
        List<Body.GuidValue> given = Body.parse(body, "member").guidValues("challenges")
                .orElseThrow(() -> ApiError.unprocessable("member.challenges is required"));
        Problems problems = new Problems().require(given.size() <= Lengths.ANSWERS,
                "member.challenges may hold at most " + Lengths.ANSWERS + " answers");
        given.stream().map(Body.GuidValue::guid).filter(g -> g != null && g.length() > Lengths.ANSWER_GUID).findFirst()
                .ifPresent(g -> problems.maxLength("member.challenges.guid", g, Lengths.ANSWER_GUID));
        given.stream().map(Body.GuidValue::value).filter(v -> v != null && v.length() > Lengths.ANSWER_VALUE)
                .findFirst().ifPresent(v -> problems.maxLength("member.challenges.value", v, Lengths.ANSWER_VALUE));
        problems.throwIfAny();
        return given.stream().map(a -> new Answer(a.guid(), a.value())).toList();
    }
}
