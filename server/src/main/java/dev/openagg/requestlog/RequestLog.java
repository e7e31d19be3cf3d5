package dev.openagg.requestlog;

import dev.openagg.api.Http;
import dev.openagg.threads.Daemons;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each client's request log. A request answered to an authenticated client is handed to a bounded queue once its
 * reply is written; one writer thread per node redacts and stores the queue's entries in batches, so the request path
 * only copies references. Once an entry arrives, the writer lets more gather for {@link #GATHER} before it writes: a
 * writer woken by each request stored small batches, and on H2 a batch of about ten entries costs about twice as much
 * per entry as one of a hundred; so only the first entry after the writer found the queue empty wakes it. When the
 * queue is full the entry is dropped and counted ({@link #dropped()}): the log never slows or blocks a request. The
 * queue takes no lock: with one lock shared by the request threads and the writer, a thread preempted while holding it
 * (two busy cores, dozens of threads) kept every request thread that finished meanwhile parked for a time slice. The
 * writer also removes entries older than the retention, by the injected clock. Reading the log ({@code /requests}) is
 * not itself logged.
 */
public final class RequestLog implements Http.Observer, AutoCloseable {
    static final String PREFIX = "/requests";
    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final int BATCH = 200;
    /** How long the writer lets entries gather after the first before it writes them. */
    static final Duration GATHER = Duration.ofMillis(20);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    /** How long an idle writer sleeps before it looks whether pruning is due or the log is closing. */
    private static final Duration IDLE_WAIT = Duration.ofMillis(250);

    private final RequestLogStore store;
    private final Clock clock;
    private final Duration retention;
    private final Queue<Http.Answered> queue = new ConcurrentLinkedQueue<>();
    /** Entries in {@link #queue}, counted apart: the queue's own size is a walk over it. */
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    /** Set by the writer before it parks on an empty queue; the request that finds it set wakes the writer. */
    private final AtomicBoolean idle = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final Duration gather;
    private final Duration idleWait;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread writer;
    private Instant nextPrune = Instant.MIN;

    /** A log keeping requests for {@code retention}, with room for {@code capacity} waiting to be written. */
    public RequestLog(Jdbi jdbi, Clock clock, Duration retention, int capacity) {
        this(jdbi, clock, retention, capacity, GATHER, IDLE_WAIT);
    }

    RequestLog(Jdbi jdbi, Clock clock, Duration retention, int capacity, Duration gather, Duration idleWait) {
        this.gather = gather;
        this.idleWait = idleWait;
        this.store = new RequestLogStore(jdbi);
        this.clock = clock;
        this.retention = retention;
        this.capacity = capacity;
        this.writer = Daemons.thread(this::write, "request-log-writer");
    }

    public void start() {
        writer.start();
    }

    /** Its routes, {@code GET /requests} and {@code GET /requests/{request_id}}. */
    public Http.Routes routes() {
        return new RequestLogRoutes(store);
    }

    /** The client's oldest request with each of these ids that named the member, by id: those behind its timeline. */
    public Map<String, LoggedRequest> named(String client, String memberGuid, Collection<String> requestIds) {
        return store.named(client, memberGuid, requestIds);
    }

    @Override
    public void answered(Http.Answered request) {
        if (request.client() == null || request.path().equals(PREFIX) || request.path().startsWith(PREFIX + "/")) {
            return;
        }
        offer(request);
    }

    /** Queues an entry for the writer, or drops and counts it when the queue is full; never waits. */
    void offer(Http.Answered captured) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(captured);
        if (idle.get() && idle.compareAndSet(true, false)) {
            LockSupport.unpark(writer);
        }
    }

    private Http.Answered take() {
        Http.Answered entry = queue.poll();
        if (entry != null) {
            queued.decrementAndGet();
        }
        return entry;
    }

    /**
     * The next entry, waiting up to {@link #idleWait} for one. The writer says it is idle before it looks at the queue
     * a last time: a request that adds an entry after that look finds the flag and wakes it, one before it is seen.
     */
    private Http.Answered next() {
        Http.Answered entry = take();
        if (entry != null) {
            return entry;
        }
        idle.set(true);
        entry = take();
        if (entry == null) {
            LockSupport.parkNanos(this, idleWait.toNanos());
            entry = take();
        }
        idle.set(false);
        return entry;
    }

    /** Entries dropped because the queue was full or the database refused them. */
    public long dropped() {
        return dropped.get();
    }

    /** Entries waiting to be written. */
    public int waiting() {
        return queued.get();
    }

    public long written() {
        return written.get();
    }

    /** Whether the writer found the queue empty and waits for an entry to wake it. */
    boolean parked() {
        return idle.get();
    }

    /** Transactions the writer stored entries in. */
    long batches() {
        return batches.get();
    }

    private void write() {
        List<Http.Answered> batch = new ArrayList<>(BATCH);
        while (closing.getCount() > 0 || !queue.isEmpty()) {
            try {
                Http.Answered first = next();
                if (first != null) {
                    batch.add(first);
                    if (queued.get() < BATCH - 1) {
                        closing.await(gather.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    while (batch.size() < BATCH) {
                        Http.Answered more = take();
                        if (more == null) {
                            break;
                        }
                        batch.add(more);
                    }
                    store(batch);
                    batch.clear();
                }
                pruneIfDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void store(List<Http.Answered> batch) {
        try {
            store.insert(batch.stream().map(LoggedRequest::of).toList());
            written.addAndGet(batch.size());
            batches.incrementAndGet();
        } catch (RuntimeException e) {
            dropped.addAndGet(batch.size());
            LOG.warn("request log: {} entries could not be written and were dropped: {}", batch.size(), e.getClass().getName());
        }
    }

    private void pruneIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPrune)) {
            return;
        }
        try {
            int removed = store.prune(now.minus(retention));
            if (removed > 0) {
                LOG.debug("request log: removed {} entries older than {}", removed, retention);
            }
            nextPrune = now.plus(PRUNE_EVERY);
        } catch (RuntimeException e) {
            LOG.warn("request log: pruning failed: {}", e.getClass().getName());
            nextPrune = now.plus(Duration.ofMinutes(1));
        }
    }

    /** Writes what is queued without gathering more (for up to five seconds), then stops the writer. */
    @Override
    public void close() {
        closing.countDown();
        LockSupport.unpark(writer);
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
