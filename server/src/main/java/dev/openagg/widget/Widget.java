package dev.openagg.widget;

import dev.openagg.account.MemberAccounts;
import dev.openagg.api.Http;
import dev.openagg.client.Throttle;
import dev.openagg.institution.Institutions;
import dev.openagg.job.JobEngine;
import dev.openagg.member.ConsentWindows;
import dev.openagg.member.MemberStore;
import dev.openagg.member.Members;
import dev.openagg.user.UserStore;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The connect widget: the endpoints that hand out widget URLs (behind client credentials), and the page with the
 * small API it calls (under {@link #PREFIX}, which needs no client credentials: a widget session authorises it).
 */
public final class Widget {
    /** The public path prefix of the page, its files and its API. */
    public static final String PREFIX = "/widget";

    private final List<Http.Routes> routes;

    /** {@code windows} opens the consent pages of OAuth members connected in the widget. */
    public Widget(Jdbi jdbi, UserStore users, MemberStore members, Members service, Institutions institutions,
                  JobEngine engine, ConsentWindows windows, Clock clock) {
        WidgetSessions sessions = new WidgetSessions(jdbi, clock);
        this.routes = List.of(
                new WidgetUrlRoutes(users, members, institutions, sessions),
                new PageRoutes(sessions),
                new WidgetApiRoutes(sessions, users, members, service, institutions, engine, new MemberAccounts(jdbi),
                        new Throttle(clock), new WidgetOAuth(members, service, institutions, windows)));
    }

    public List<Http.Routes> routes() {
        return routes;
    }
}
