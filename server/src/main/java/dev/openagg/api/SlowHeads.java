package dev.openagg.api;

import dev.openagg.threads.Daemons;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Closes connections whose request line and headers arrive too slowly (see {@link Limits}). Jetty parses heads
 * without holding a request thread, but each trickling connection still holds a socket and a buffer, and would do
 * so for hours at a byte per idle timeout. A connection's head is taken to start when bytes arrive while none of
 * its requests is being handled, and to end when {@link WholeBody} starts handling the request.
 */
final class SlowHeads extends AbstractLifeCycle implements Connection.Listener {
    private static final long SWEEP_MS = 250;

    private final Limits limits;
    private final Map<Connection, Watch> watches = new ConcurrentHashMap<>();
    private ScheduledExecutorService sweeper;

    SlowHeads(Limits limits) {
        this.limits = limits;
    }

    @Override
    public void onOpened(Connection connection) {
        watches.put(connection, new Watch(connection));
    }

    @Override
    public void onClosed(Connection connection) {
        watches.remove(connection);
    }

    /** Marks the request's connection busy until {@code callback} completes, i.e. until the response is sent. */
    Callback handling(Request request, Callback callback) {
        Watch watch = watches.get(request.getConnectionMetaData().getConnection());
        if (watch == null) {
            return callback;
        }
        watch.busy();
        return new Callback.Nested(callback) {
            @Override
            public void completed() {
                watch.idle();
            }
        };
    }

    @Override
    protected void doStart() {
        sweeper = Executors.newSingleThreadScheduledExecutor(Daemons.named("http-slow-heads"));
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        sweeper.shutdownNow();
    }

    private void sweep() {
        long now = System.nanoTime();
        watches.values().stream().filter(w -> w.late(now, limits)).forEach(Watch::refuse);
    }

    /** With a fresh request id: the head never arrived whole, so no id the client sent can be read. */
    private static byte[] timeoutResponse() {
        String body = Wire.write(new Http.ErrorBody(new Http.ErrorBody.Message(
                "the request line and headers took too long to arrive")));
        return ("HTTP/1.1 408 Request Timeout\r\nContent-Type: " + Wire.JSON_TYPE + "\r\nContent-Length: "
                + body.length() + "\r\n" + RequestIds.HEADER + ": " + RequestIds.generate() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    /** One connection: the bytes it had received when it last went idle, and when its current head began. */
    private static final class Watch {
        private final Connection connection;
        private boolean busy;
        private long idleBytes;
        private long headStarted;
        private boolean inHead;
        private boolean refused;

        Watch(Connection connection) {
            this.connection = connection;
        }

        synchronized void busy() {
            busy = true;
            inHead = false;
        }

        synchronized void idle() {
            busy = false;
            inHead = false;
            idleBytes = connection.getBytesIn();
        }

        /**
         * Answers 408 in MX's shape and closes. Written straight to the socket: there is no request to answer
         * through, and closing the connection alone would make Jetty answer the half-read request itself.
         */
        void refuse() {
            EndPoint endPoint = connection.getEndPoint();
            endPoint.write(Callback.from(() -> endPoint.close(), failure -> endPoint.close()), ByteBuffer.wrap(timeoutResponse()));
        }

        synchronized boolean late(long now, Limits limits) {
            long bytes = connection.getBytesIn() - idleBytes;
            if (busy || refused || bytes <= 0) {
                return false;
            }
            if (!inHead) {
                inHead = true;
                headStarted = now;
                return false;
            }
            refused = now - limits.due(headStarted, bytes, limits.headerTimeout()) >= 0;
            return refused;
        }
    }
}
