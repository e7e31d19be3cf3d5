package dev.openagg.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads and discards what a client still sends after a refusal that closes its connection, for a bounded time and
 * number of bytes, before the connection is closed. A refusal may come before the request is read (a head over
 * Jetty's limit, a body over ours), and a connection closed with unread bytes is reset by the kernel: a client still
 * writing its body then sees the reset, not the refusal. So the refusal is written and the connection's output shut
 * first, as Jetty does for {@code Connection: close}; then the rest is drained until the client closes its side, or
 * {@link #TIME_MS} or the byte limit has passed; then the connection is closed and Jetty told the response is done.
 */
final class Lingering {
    /** The longest a refused connection is drained. */
    static final long TIME_MS = 5_000;
    private static final int SCRATCH_BYTES = 8 * 1024;

    private final long maxBytes;

    /** Drains at most {@code maxBytes} from each refused connection. */
    Lingering(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** {@code callback}, completed only once the rest of the request has been drained. */
    Callback after(Request request, Callback callback) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        Scheduler scheduler = request.getComponents().getScheduler();
        return new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                new Drain(endPoint, scheduler, callback).start();
            }
        };
    }

    /** One connection being drained; ends once, by whichever of the client, the clock and the byte limit is first. */
    private final class Drain implements Callback {
        private final EndPoint endPoint;
        private final Scheduler scheduler;
        private final Callback done;
        private final AtomicBoolean ended = new AtomicBoolean();
        private final ByteBuffer scratch = BufferUtil.allocate(SCRATCH_BYTES);
        private long drained;
        private Scheduler.Task timer;

        Drain(EndPoint endPoint, Scheduler scheduler, Callback done) {
            this.endPoint = endPoint;
            this.scheduler = scheduler;
            this.done = done;
        }

        void start() {
            timer = scheduler.schedule(this::end, TIME_MS, TimeUnit.MILLISECONDS);
            read();
        }

        /** Reads what has arrived; asks to be called again when more does. */
        private void read() {
            try {
                while (!ended.get()) {
                    BufferUtil.clear(scratch);
                    int read = endPoint.fill(scratch);
                    if (read < 0 || (drained += Math.max(read, 0)) > maxBytes) {
                        break;
                    }
                    if (read == 0) {
                        if (!endPoint.tryFillInterested(this)) {
                            break;
                        }
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The client has gone: nothing is left to drain.
            }
            end();
        }

        /**
         * Closes the connection, then lets Jetty complete the response. Closed here rather than by Jetty: when the
         * time runs out this drain still holds the connection's interest in reading, which Jetty would ask for again.
         */
        private void end() {
            if (ended.compareAndSet(false, true)) {
                if (timer != null) {
                    timer.cancel();
                }
                endPoint.close();
                done.succeeded();
            }
        }

        /** Called by Jetty when more has arrived. */
        @Override
        public void succeeded() {
            read();
        }

        @Override
        public void failed(Throwable x) {
            end();
        }

        /** As blocking as what completes the response: Jetty then knows whether it may call this on its selector. */
        @Override
        public InvocationType getInvocationType() {
            return Invocable.getInvocationType(done);
        }
    }
}
