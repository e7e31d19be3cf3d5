package dev.openagg.metrics;

import dev.openagg.api.Http;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every request the routes answered, by method, route pattern and status: the pattern and never the path, so
 * no guid (and so nothing of one client's) becomes a label, and the number of series stays bounded.
 */
final class HttpMetrics implements Http.Observer {
    private final MeterRegistry registry;
    /** Each series' timer, found without building and registering its id again on every request. */
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private record Series(String method, String route, int status) {
    }

    @Override
    public void answered(Http.Answered request) {
        Series series = request.route() == null ? new Series("OTHER", "unmatched", request.status())
                : new Series(request.method(), request.route(), request.status());
        timers.computeIfAbsent(series, this::timer).record((long) (request.millis() * 1_000_000), TimeUnit.NANOSECONDS);
    }

    private Timer timer(Series series) {
        return Timer.builder("http_server_requests").description("HTTP requests answered by the routes")
                .tag("method", series.method()).tag("route", series.route())
                .tag("status", Integer.toString(series.status()))
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }
}
