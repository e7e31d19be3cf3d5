package dev.openagg.widget;

import dev.openagg.api.Http;
import dev.openagg.institution.Institutions;
import dev.openagg.job.JobEngine;
import dev.openagg.member.MemberStore;
import dev.openagg.member.Members;
import dev.openagg.user.UserStore;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The connect widget as the server wires it: the widget-URL endpoints (authenticated) and the page (public). */
public final class Widget {
    /** The path prefix the page and its API live under; no client credentials are needed there. */
    public static final String PREFIX = "/widget";

    private final WidgetUrlRoutes urls;
    private final WidgetRoutes page;

    public Widget(Jdbi jdbi, UserStore users, MemberStore members, Members service, Institutions institutions,
                  JobEngine engine, Clock clock) {
        WidgetSessions sessions = new WidgetSessions(jdbi, clock);
        this.urls = new WidgetUrlRoutes(users, members, institutions, sessions);
        this.page = new WidgetRoutes(sessions, users, members, service, institutions, engine, new AccountSummaries(jdbi));
    }

    public List<Http.Routes> routes() {
        return List.of(urls, page);
    }
}
