package dev.openagg.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers by itself, before any route runs (a malformed request line, header or chunked body, a
 * URI or headers too long, an unknown {@code Expect}, an HTTP version other than 1.0 and 1.1...), rendered in MX's
 * error shape with the same status. The messages are fixed per status: Jetty's own may quote part of the rejected
 * request, which must not be echoed.
 */
final class ErrorPages implements Request.Handler {
    /** The most a refused connection is drained of: a few bodies at the limit, and never less than a mebibyte. */
    private static final long MIN_LINGER_BYTES = 1 << 20;

    private final Limits limits;
    private final Lingering lingering;

    ErrorPages(Limits limits) {
        this.limits = limits;
        this.lingering = new Lingering(Math.max(MIN_LINGER_BYTES, 4L * limits.maxBodyBytes()));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException e) {
            status = e.getCode();
        }
        write(request, response, callback, status);
        return true;
    }

    String message(int status) {
        return switch (status) {
            case 400 -> "the request is not valid HTTP (its request line, a header, the URI's encoding or the chunked body is malformed)";
            case 408 -> "the request took too long to arrive";
            case 413 -> "the request body is larger than " + limits.maxBodyBytes() + " bytes";
            case 414 -> "the request URI is too long";
            case 417 -> "the only expectation supported is Expect: 100-continue";
            case 431 -> "the request headers are too large";
            case 505 -> "only HTTP/1.0 and HTTP/1.1 are supported";
            default -> status >= 500 ? "the server could not answer the request" : HttpStatus.getMessage(status);
        };
    }

    /**
     * Writes MX's error body for {@code status}. After an error the connection is closed, since the rest of the request
     * may not have been read; what the client still sends is drained first ({@link Lingering}).
     */
    void write(Request request, Response response, Callback callback, int status) {
        response.setStatus(status);
        RequestIds.answer(request, response);
        response.getHeaders().put(ErrorHandler.ERROR_CACHE_CONTROL);
        boolean closing = status >= 400;
        if (closing) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        Callback then = closing ? lingering.after(request, callback) : callback;
        if (HttpStatus.hasNoBody(status) || HttpMethod.HEAD.is(request.getMethod())) {
            // Written, not only completed: the head must be sent before any draining begins.
            response.write(true, BufferUtil.EMPTY_BUFFER, then);
            return;
        }
        byte[] body = Wire.write(new Http.ErrorBody(new Http.ErrorBody.Message(message(status))))
                .getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Wire.JSON_TYPE);
        response.write(true, ByteBuffer.wrap(body), then);
    }
}
