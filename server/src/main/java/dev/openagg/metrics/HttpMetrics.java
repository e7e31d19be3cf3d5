package dev.openagg.metrics;

import dev.openagg.api.Http;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Times every request the routes answered, by method, route pattern and status: the pattern and never the path, so
 * no guid (and so nothing of one client's) becomes a label, and the number of series stays bounded.
 */
final class HttpMetrics implements Http.Observer {
    private final MeterRegistry registry;

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void answered(Http.Answered request) {
        Timer.builder("http_server_requests").description("HTTP requests answered by the routes")
                .tag("method", request.route() == null ? "OTHER" : request.method())
                .tag("route", request.route() == null ? "unmatched" : request.route())
                .tag("status", Integer.toString(request.status()))
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record((long) (request.millis() * 1_000_000), TimeUnit.NANOSECONDS);
    }
}
