package dev.openagg.api;

import dev.openagg.logging.LogContext;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP edge shared by every feature: the API version, authentication, content negotiation and the MX error body. Features add
 * their routes through {@link Routes}; tests build the same router, so they exercise the real routes.
 */
public final class Http {
    private static final Logger LOG = LoggerFactory.getLogger(Http.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.openagg.access");
    private static final String CLIENT = "openagg.client";
    private static final String REPLY = "openagg.reply";
    private static final String STARTED = "openagg.started";
    private static final int REPLY_COPY_BYTES = 4096;
    private static final byte[] NO_BODY = new byte[0];

    private Http() {
    }

    /** A feature's routes. */
    public interface Routes {
        void register(RoutesConfig routes);
    }

    /**
     * The request threads' priority, below the job steps' and the data writers' (normal): when both cores are busy, a
     * step that a client waits on runs before the next status poll, rather than waiting its turn behind every poll.
     * The JVM applies it only under {@code -XX:ThreadPriorityPolicy=1}, one of the options the build writes for the
     * README's command (as Linux's nice 2); a lower priority needs no permission.
     */
    static final int REQUEST_THREAD_PRIORITY = Thread.NORM_PRIORITY - 2;

    /** Where and how the server listens: its port, its pool of request threads, and what requests may carry. */
    public record Settings(int port, int threads, Limits limits, java.time.Clock clock) {
    }

    /**
     * The server's router, listening as {@code settings} say; {@code publicPrefixes} need no credentials (the health
     * check, the widget pages).
     */
    public static Javalin create(Settings settings, Authenticator authenticator, List<String> publicPrefixes,
                                 List<Routes> features, List<Observer> observers) {
        SlowHeads heads = new SlowHeads(settings.limits());
        ErrorPages pages = new ErrorPages(settings.limits());
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.defaultContentType = Wire.JSON_TYPE;
            // Javalin copies each reply into Jetty's (pooled) output buffer through an array of this size, allocated
            // per reply: 32 KB by default, most of what a small JSON reply allocated. Larger replies take more rounds.
            cfg.http.responseBufferSize = REPLY_COPY_BYTES;
            QueuedThreadPool requestThreads = new QueuedThreadPool(settings.threads(), 4);
            requestThreads.setThreadsPriority(REQUEST_THREAD_PRIORITY);
            cfg.jetty.threadPool = requestThreads;
            cfg.jetty.addConnector((server, httpConfiguration) -> {
                // No cache of header lines per connection: Jetty builds one of about 100 KB for each connection that
                // sends a second request, and a thousand polling clients kept half of the heap in them.
                httpConfiguration.setHeaderCacheSize(0);
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
                connector.setPort(settings.port());
                connector.addBean(heads);
                return connector;
            });
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(pages);
                server.insertHandler(new WholeBody(settings.limits(), heads, pages));
                server.insertHandler(new RequestIds());
            });
            cfg.router.ignoreTrailingSlashes = true;
            cfg.requestLogger.http((ctx, millis) -> answered(ctx, millis, observers));
            cfg.routes.before(ctx -> {
                ctx.attribute(STARTED, settings.clock().instant());
                RequestIds.enter(ctx);
                if (publicPrefixes.stream().noneMatch(p -> ctx.path().equals(p) || ctx.path().startsWith(p + "/"))) {
                    ApiVersion.resolve(ctx);
                    ContentTypes.requireAcceptable(ctx);
                    String client = authenticator.authenticate(Credentials.of(ctx));
                    ctx.attribute(CLIENT, client);
                    MDC.put(LogContext.CLIENT, client);
                }
            });
            cfg.routes.exception(ApiError.class, (e, ctx) -> {
                if (e instanceof ApiError.RetryLater later) {
                    ctx.header("Retry-After", Long.toString(later.retryAfterSeconds()));
                }
                error(ctx, e.status(), e.getMessage());
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            cfg.routes.exception(Exception.class, Http::unexpected);
            cfg.routes.error(404, "*", ctx -> {
                if (ctx.result() == null) {
                    error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
                }
            });
            cfg.routes.error(405, "*", ctx -> error(ctx, 405, "method not allowed: " + ctx.method() + " " + ctx.path()));
            features.forEach(f -> f.register(cfg.routes));
        });
    }

    /**
     * Told of every request the routes answered, once the reply is written, on the thread that wrote it: an observer
     * must not block (the request log queues, the metrics count).
     */
    public interface Observer {
        void answered(Answered request);
    }

    /**
     * A request the routes answered: {@code client} null when it did not authenticate, {@code route} the matched
     * path pattern (null when no route matched), {@code started} by the server's clock, the bodies as sent and
     * answered (the reply's only when it was JSON written by {@link #json}). Bodies are not redacted here.
     */
    public record Answered(String client, String requestId, java.time.Instant started, String method, String path,
                           String route, String query, int status, double millis,
                           java.util.Map<String, String> pathParameters, byte[] requestBody, byte[] replyBody) {
    }

    /**
     * The body the request sent. Without a length or chunks it sent none ({@link WholeBody} received any other whole),
     * and reading the empty stream would allocate an 8 KB buffer per request.
     */
    private static byte[] sentBody(Context ctx) {
        boolean none = ctx.req().getContentLengthLong() <= 0 && ctx.header("Transfer-Encoding") == null;
        return none ? NO_BODY : ctx.bodyAsBytes();
    }

    private static void answered(Context ctx, double millis, List<Observer> observers) {
        try {
            ACCESS.debug("{} {} {} {} ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis));
            if (observers.isEmpty()) {
                return;
            }
            var matched = ctx.endpoints().matchedHttpEndpoint();
            java.time.Instant started = ctx.attribute(STARTED);
            Answered answered = new Answered(ctx.attribute(CLIENT), RequestIds.of(ctx), started,
                    ctx.method().name(), ctx.path(), matched == null ? null : matched.path, ctx.queryString(),
                    ctx.statusCode(), millis, ctx.pathParamMap(), sentBody(ctx), ctx.attribute(REPLY));
            for (Observer observer : observers) {
                try {
                    observer.answered(answered);
                } catch (RuntimeException e) {
                    LOG.warn("a request observer failed on {} {}", ctx.method(), ctx.path(), Redacted.loggable(e));
                }
            }
        } finally {
            MDC.remove(LogContext.REQUEST_ID);
            MDC.remove(LogContext.CLIENT);
            MDC.remove(LogContext.MEMBER);
        }
    }

    /** One registered endpoint: its HTTP method and its path pattern, with {@code {name}} for each path parameter. */
    public record Route(String method, String path) {
    }

    /** Every endpoint {@code web} serves, as its router holds them: what the tests enumerate to cover each one. */
    public static List<Route> routes(Javalin web) {
        return web.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.method.isHttpMethod())
                .map(e -> new Route(e.endpoint.method.name(), e.endpoint.path))
                .toList();
    }

    /** The API client the request authenticated as. */
    public static String client(Context ctx) {
        String client = ctx.attribute(CLIENT);
        if (client == null) {
            throw new IllegalStateException("route is not behind authentication");
        }
        return client;
    }

    public static void json(Context ctx, int status, Object body) {
        // As bytes: JSON is UTF-8, and a String result would be encoded in the response's default charset.
        byte[] bytes = Wire.bytes(body);
        ctx.attribute(REPLY, bytes);
        ctx.status(status).contentType(ApiVersion.of(ctx).mediaType()).result(bytes);
    }

    public static void noContent(Context ctx) {
        ctx.status(204).result("");
    }

    public static void error(Context ctx, int status, String message) {
        json(ctx, status, new ErrorBody(new ErrorBody.Message(message)));
    }

    private static void unexpected(Exception e, Context ctx) {
        if (isDatabaseDown(e)) {
            LOG.warn("database unavailable: {}", Redacted.loggable(e).getMessage());
            error(ctx, 503, "the database is unavailable; try again shortly");
            return;
        }
        String id = RequestIds.of(ctx);
        LOG.error("unexpected error {} on {} {}", id, ctx.method(), ctx.path(), Redacted.loggable(e));
        error(ctx, 500, "internal error, id " + id);
    }

    /**
     * No connection to be had (the pool timed out) or the one in hand broke: SQLSTATE class 08 is "connection
     * exception", 57P01 to 57P03 are PostgreSQL shutting down, restarting or not yet accepting connections.
     */
    private static boolean isDatabaseDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Turns what a request offers as proof of its client (HTTP Basic, or the developer console's session cookie)
     * into a client id, or throws a 401 {@link ApiError} (a 403 for a console change without its CSRF token, a 429
     * {@link ApiError.RetryLater} after too many failures).
     */
    public interface Authenticator {
        String authenticate(Credentials request);
    }

    /**
     * What a request carries that an {@link Authenticator} may read, without the web framework: its method, the peer
     * address, its headers and cookies by name, and the origin it reached this server at ({@link Origin}; a 400
     * {@link ApiError} when its Host headers are unusable, so read only when needed).
     */
    public record Credentials(String method, String remoteAddress, java.util.function.UnaryOperator<String> headers,
                              java.util.function.UnaryOperator<String> cookies,
                              java.util.function.Supplier<String> ownOrigin) {
        public static Credentials of(Context ctx) {
            return new Credentials(ctx.method().name(), ctx.ip(), ctx::header, ctx::cookie, () -> Origin.of(ctx));
        }

        /** The header's value, or null when not sent. */
        public String header(String name) {
            return headers.apply(name);
        }

        /** The cookie's value, or null when not sent. */
        public String cookie(String name) {
            return cookies.apply(name);
        }
    }

    record ErrorBody(Message error) {
        record Message(String message) {
        }
    }
}
