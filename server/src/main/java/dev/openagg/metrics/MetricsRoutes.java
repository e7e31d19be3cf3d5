package dev.openagg.metrics;

import dev.openagg.api.Http;
import io.javalin.config.RoutesConfig;

/**
 * {@code GET /metrics} on the API's port. Operators usually keep metrics from the public, so here it needs the
 * credentials of an API client (any: no series names a client). It answers in Prometheus' text format whatever
 * the {@code Accept} header says, as scrapers expect.
 */
final class MetricsRoutes implements Http.Routes {
    private final Metrics metrics;
    private final Http.Authenticator authenticator;

    MetricsRoutes(Metrics metrics, Http.Authenticator authenticator) {
        this.metrics = metrics;
        this.authenticator = authenticator;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(Metrics.PATH, ctx -> {
            authenticator.authenticate(Http.Credentials.of(ctx));
            ctx.status(200).contentType(Metrics.CONTENT_TYPE).result(metrics.scrape());
        });
    }
}
