package dev.openagg.api;

import dev.openagg.logging.LogContext;
import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.MDC;

/**
 * Gives every request an id, answered in {@code X-Request-Id}, written in the server's log lines while the request is
 * handled (the {@code request_id} key of the logging context) and in the request log. A client's own id is kept when
 * it is safe to echo and store: 1 to {@value #MAX_LENGTH} characters of {@code [A-Za-z0-9._-]}. Any other is replaced
 * by a generated one, so a header cannot smuggle text into logs or replies.
 */
public final class RequestIds extends Handler.Wrapper {
    public static final String HEADER = "X-Request-Id";
    public static final int MAX_LENGTH = 64;
    private static final String ATTRIBUTE = "openagg.request_id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        answer(request, response);
        MDC.put(LogContext.REQUEST_ID, of(request));
        try {
            return super.handle(request, response, callback);
        } finally {
            MDC.remove(LogContext.REQUEST_ID);
        }
    }

    /**
     * The id of {@code request}, settled on first use and answered in its {@code X-Request-Id}; Jetty's own error
     * pages call this too, since they may answer a request this handler never saw.
     */
    static String of(Request request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String known) {
            return known;
        }
        String sent = request.getHeaders().get(HEADER);
        String id = isSafe(sent) ? sent : generate();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    /** Sets the id on a reply about to be written. Jetty's error path resets the headers, so this is done again there. */
    static void answer(Request request, Response response) {
        response.getHeaders().put(HEADER, of(request));
    }

    /** The id of the request {@code ctx} handles, as this handler settled it. */
    public static String of(Context ctx) {
        Object id = ctx.attribute(ATTRIBUTE);
        if (id instanceof String s) {
            return s;
        }
        String answered = ctx.res().getHeader(HEADER);
        return answered != null ? answered : generate();
    }

    /** Puts the request's id in the logging context of the thread running its route (which may not be Jetty's first). */
    static void enter(Context ctx) {
        String id = of(ctx);
        ctx.attribute(ATTRIBUTE, id);
        MDC.put(LogContext.REQUEST_ID, id);
        ctx.header(HEADER, id);
    }

    public static boolean isSafe(String id) {
        return id != null && SAFE.matcher(id).matches();
    }

    /**
     * 26 base-36 characters: the time in milliseconds with 16 random bits below it, then 64 more random bits. Ids made
     * later sort after earlier ones, to the millisecond, so the request log's index by request id grows at its end
     * instead of at a random page per entry. They are not secrets (replies and log lines show them), only unique, so
     * they come from the thread's own generator: the system's takes a lock that every request queued on.
     */
    public static String generate() {
        return generate(System.currentTimeMillis());
    }

    static String generate(long millis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return base36(millis << 16 | random.nextInt(1 << 16)) + base36(random.nextLong());
    }

    /** 13 characters: 36^13 is more than 2^64. */
    private static String base36(long bits) {
        String digits = Long.toUnsignedString(bits, 36);
        return "0".repeat(13 - digits.length()) + digits;
    }
}
