package dev.openagg.metrics;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.openagg.api.Http;
import dev.openagg.job.JobTrail;
import dev.openagg.requestlog.RequestLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The node's metrics in Prometheus' text format: HTTP requests, jobs, challenges and webhook deliveries, the database
 * pool, the request log's queue, and the JVM. Counters and timers are this node's; the gauges read from the database
 * (open challenges, deliveries by status, the oldest pending delivery) are the cluster's, the same on every node.
 * No series is labelled with a client, user or member.
 */
public final class Metrics implements AutoCloseable {
    /** Prometheus' text format, version 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String PATH = "/metrics";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private HttpServer separate;

    public Metrics(Jdbi jdbi, DataSource pool, Clock clock) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (pool instanceof HikariDataSource hikari) {
            pool(hikari);
        }
        Gauge.builder("openagg_challenges_open", jdbi, count("SELECT COUNT(*) FROM job WHERE phase = 'CHALLENGED'"))
                .description("Jobs waiting for answers to MFA challenges").register(registry);
        for (String status : List.of("PENDING", "DELIVERED", "FAILED")) {
            Gauge.builder("openagg_webhook_deliveries", jdbi,
                            count("SELECT COUNT(*) FROM webhook_delivery WHERE status = '" + status + "'"))
                    .description("Webhook deliveries, by where they are").tag("status", status).register(registry);
        }
        Gauge.builder("openagg_webhook_oldest_pending_age_seconds", jdbi, j -> oldestPending(j, clock))
                .description("Seconds since the oldest delivery still pending was queued; 0 when none is")
                .register(registry);
    }

    private void pool(HikariDataSource hikari) {
        List<String> names = List.of("active", "idle", "pending", "total");
        List<Function<HikariPoolMXBean, Integer>> reads = List.of(HikariPoolMXBean::getActiveConnections,
                HikariPoolMXBean::getIdleConnections, HikariPoolMXBean::getThreadsAwaitingConnection,
                HikariPoolMXBean::getTotalConnections);
        for (int i = 0; i < names.size(); i++) {
            Function<HikariPoolMXBean, Integer> read = reads.get(i);
            Gauge.builder("openagg_db_pool_connections", hikari, h -> h.getHikariPoolMXBean() == null ? Double.NaN
                            : read.apply(h.getHikariPoolMXBean()))
                    .description("The database pool's connections, by state (pending: threads waiting for one)")
                    .tag("state", names.get(i)).register(registry);
        }
        Gauge.builder("openagg_db_pool_connections_max", hikari, HikariDataSource::getMaximumPoolSize)
                .description("The most connections the pool opens").register(registry);
    }

    private static ToDoubleFunction<Jdbi> count(String sql) {
        return j -> j.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static double oldestPending(Jdbi jdbi, Clock clock) {
        Instant oldest = jdbi.withHandle(h -> h.createQuery(
                        "SELECT MIN(created_at) FROM webhook_delivery WHERE status = 'PENDING'")
                .map((rs, c) -> rs.getObject(1, java.time.OffsetDateTime.class)).findOne()
                .map(java.time.OffsetDateTime::toInstant).orElse(null));
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    /** Counts the request log's entries dropped and waiting. */
    public void watch(RequestLog log) {
        FunctionCounter.builder("openagg_request_log_dropped", log, RequestLog::dropped)
                .description("Request log entries dropped: the queue was full or the database refused them")
                .register(registry);
        Gauge.builder("openagg_request_log_waiting", log, RequestLog::waiting)
                .description("Request log entries waiting to be written").register(registry);
    }

    /** What the engine reports to, for jobs, challenges and step times. */
    public JobTrail jobs() {
        return new JobMetrics(registry);
    }

    /** What the HTTP edge reports to, for requests by route and status. */
    public Http.Observer requests() {
        return new HttpMetrics(registry);
    }

    /** {@code /metrics} on the API's port, behind the API's credentials. */
    public Http.Routes routes(Http.Authenticator authenticator) {
        return new MetricsRoutes(this, authenticator);
    }

    String scrape() {
        return registry.scrape();
    }

    /** Serves {@code /metrics} alone, without credentials, on {@code port} (0 for any free one); returns the port. */
    public int serveOn(int port) {
        try {
            separate = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for metrics on port " + port, e);
        }
        separate.createContext("/", exchange -> {
            try (exchange) {
                boolean found = exchange.getRequestURI().getPath().equals(PATH);
                boolean get = exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD");
                byte[] body = (found && get ? scrape() : found ? "only GET\n" : "not found: try /metrics\n")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", found && get ? CONTENT_TYPE : "text/plain; charset=utf-8");
                int status = found && get ? 200 : found ? 405 : 404;
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(status, head ? -1 : body.length);
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        separate.start();
        return separate.getAddress().getPort();
    }

    @Override
    public void close() {
        if (separate != null) {
            separate.stop(0);
        }
        gc.close();
        registry.close();
    }
}
