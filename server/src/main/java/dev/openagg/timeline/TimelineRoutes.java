package dev.openagg.timeline;

import dev.openagg.api.Http;
import dev.openagg.member.Member;
import dev.openagg.member.MemberRoutes;
import dev.openagg.member.MemberStore;
import io.javalin.config.RoutesConfig;
import java.util.List;

/** {@code GET /users/{u}/members/{m}/timeline}: what happened to one of the client's members, oldest first. */
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
            Http.json(ctx, 200, new Json(member.guid(), timeline.of(Http.client(ctx), member.guid())));
        });
    }

    record Json(String memberGuid, List<Timeline.Entry> timeline) {
    }
}
