package dev.openagg.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Receives a request's whole body before the routes see it. The routes read bodies with blocking calls, so a client
 * sending its body a byte a second would hold a request thread for as long as it liked; here the body is read as
 * it arrives, without a thread waiting on it, and the request is handed on only once it is complete. A body over
 * the size limit is refused with 413, one arriving too slowly with 408, a malformed chunked body with 400, all in
 * MX's error shape and none of them echoing the body.
 */
final class WholeBody extends Handler.Wrapper {
    private static final int WAIT = -1;
    private static final int MORE = 0;
    private static final int COMPLETE = 200;

    private final Limits limits;
    private final SlowHeads heads;
    private final ErrorPages pages;

    WholeBody(Limits limits, SlowHeads heads, ErrorPages pages) {
        this.limits = limits;
        this.heads = heads;
        this.pages = pages;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Callback done = heads.handling(request, callback);
        long length = -1;
        boolean chunked = false;
        for (HttpField field : request.getHeaders()) {
            if (field.getHeader() == HttpHeader.CONTENT_LENGTH) {
                length = field.getLongValue();
            } else if (field.getHeader() == HttpHeader.TRANSFER_ENCODING) {
                chunked = true;
            }
        }
        if (!chunked && length <= 0) {
            return next(request, response, done);
        }
        if (length > limits.maxBodyBytes()) {
            refuse(request, response, done, 413);
            return true;
        }
        new Receiving(request, response, done, length).start();
        return true;
    }

    private boolean next(Request request, Response response, Callback callback) throws Exception {
        if (!super.handle(request, response, callback)) {
            refuse(request, response, callback, 404);
        }
        return true;
    }

    private void refuse(Request request, Response response, Callback callback, int status) {
        pages.write(request, response, callback, status);
    }

    /** One body being received: read as chunks arrive, and judged against the limits by a timer meanwhile. */
    private final class Receiving implements Invocable.Task {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body;
        private final Scheduler scheduler;
        private final long started = System.nanoTime();
        private boolean finished;
        private Scheduler.Task timer;

        Receiving(Request request, Response response, Callback callback, long length) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.body = new ByteArrayOutputStream(length > 0 ? (int) length : 1024);
            this.scheduler = request.getComponents().getScheduler();
        }

        void start() {
            synchronized (this) {
                timer = scheduler.schedule(this::check, limits.due(started, 0, limits.bodyTimeout()) - started,
                        TimeUnit.NANOSECONDS);
            }
            read(false);
        }

        /** Called by Jetty when more of the body has arrived. */
        @Override
        public void run() {
            read(true);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        /** Reads what has arrived; {@code later} is true on Jetty's callback, where the routes must not run. */
        private void read(boolean later) {
            int outcome = MORE;
            while (outcome == MORE) {
                synchronized (this) {
                    if (finished) {
                        return;
                    }
                    Content.Chunk chunk = request.read();
                    outcome = chunk == null ? WAIT : take(chunk);
                    finished = outcome != MORE && outcome != WAIT;
                }
            }
            if (outcome == WAIT) {
                request.demand(this);
            } else {
                end(outcome, later);
            }
        }

        /** Keeps the chunk's bytes: {@link #MORE} while more is to come, {@link #COMPLETE}, or the error status. */
        private int take(Content.Chunk chunk) {
            if (Content.Chunk.isFailure(chunk)) {
                Throwable failure = chunk.getFailure();
                return failure instanceof TimeoutException ? 408
                        : failure instanceof HttpException http ? http.getCode() : 400;
            }
            try {
                ByteBuffer bytes = chunk.getByteBuffer();
                if (body.size() + bytes.remaining() > limits.maxBodyBytes()) {
                    return 413;
                }
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                body.writeBytes(copy);
                return chunk.isLast() ? COMPLETE : MORE;
            } finally {
                chunk.release();
            }
        }

        private void end(int outcome, boolean later) {
            cancelTimer();
            if (outcome != COMPLETE) {
                refuse(request, response, callback, outcome);
                return;
            }
            Received received = new Received(request, body.toByteArray());
            if (later) {
                request.getContext().execute(() -> handOn(received));
            } else {
                handOn(received);
            }
        }

        private void handOn(Request received) {
            try {
                next(received, response, callback);
            } catch (Throwable t) {
                Response.writeError(received, response, callback, t);
            }
        }

        /** The timer: refuses the body if it has fallen behind, or looks again when it next could. */
        private void check() {
            long now = System.nanoTime();
            synchronized (this) {
                if (finished) {
                    return;
                }
                long due = limits.due(started, body.size(), limits.bodyTimeout());
                if (now - due < 0) {
                    timer = scheduler.schedule(this::check, due - now, TimeUnit.NANOSECONDS);
                    return;
                }
                finished = true;
            }
            refuse(request, response, callback, 408);
        }

        private synchronized void cancelTimer() {
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    /** The request with its body already received: the routes read it from memory. */
    private static final class Received extends Request.Wrapper {
        private Content.Chunk body;

        Received(Request request, byte[] bytes) {
            super(request);
            this.body = Content.Chunk.from(ByteBuffer.wrap(bytes), true);
        }

        @Override
        public synchronized Content.Chunk read() {
            if (body == null) {
                return super.read();
            }
            Content.Chunk chunk = body;
            body = null;
            return chunk;
        }
    }
}
