package dev.openagg.timeline;

import dev.openagg.api.Http;
import dev.openagg.api.Page;
import dev.openagg.member.Member;
import dev.openagg.member.MemberRoutes;
import dev.openagg.member.MemberStore;
import io.javalin.config.RoutesConfig;
import java.util.List;

/**
 * {@code GET /users/{u}/members/{m}/timeline}: what happened to one of the client's members, oldest first, in MX's
 * pages ({@code page}, {@code records_per_page}, and a {@code pagination} object).
 */
public final class TimelineRoutes implements Http.Routes {
    private final MemberStore members;
    private final Timeline timeline;

    public TimelineRoutes(MemberStore members, Timeline timeline) {
        this.members = members;
        this.timeline = timeline;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/users/{user_identifier}/members/{member_identifier}/timeline", ctx -> {
            Member member = MemberRoutes.find(ctx, members);
            Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
            List<Timeline.Entry> all = timeline.of(Http.client(ctx), member.guid());
            Http.json(ctx, 200, new Json(member.guid(), page.slice(all), page.pagination(all.size())));
        });
    }

    record Json(String memberGuid, List<Timeline.Entry> timeline, Page.Pagination pagination) {
    }
}
