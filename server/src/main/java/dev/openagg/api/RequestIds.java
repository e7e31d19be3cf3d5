package dev.openagg.api;

import dev.openagg.logging.LogContext;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
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
    private static final SecureRandom RANDOM = new SecureRandom();

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
     * 26 base-36 characters of 128 random bits, drawn in one call: the system's generator takes a lock per call, and
     * a call per character made every request queue on it.
     */
    public static String generate() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        ByteBuffer buffer = ByteBuffer.wrap(bits);
        return base36(buffer.getLong()) + base36(buffer.getLong());
    }

    /** 13 characters: 36^13 is more than 2^64. */
    private static String base36(long bits) {
        String digits = Long.toUnsignedString(bits, 36);
        return "0".repeat(13 - digits.length()) + digits;
    }
}
