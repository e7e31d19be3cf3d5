package dev.openagg.job;

import dev.openagg.threads.Daemons;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that store what steps brought back, apart from the threads that run steps: a harvest's write takes
 * tens of milliseconds under load, and MFA steps of other members must not queue behind it. The rows handed over and
 * not yet stored are bounded ({@code maxRows}); a step whose harvest would pass the bound waits for room before it
 * hands it over. A waiting harvest holds its step's data in memory (about 0.4 KB a row; a first aggregation of MX
 * Bank has about 460 rows), and more first aggregations can start than the writers can store: without the bound, a
 * thousand members connecting at once filled the heap with harvests waiting their turn and the server exited. The
 * bound counts rows rather than harvests, since a connector's harvest can be ten times another's. Writes are not
 * persisted here: one lost with its node leaves its job running at the same step, which the engine's sweep runs
 * again on a live node.
 */
final class HarvestLane {
    private static final Logger LOG = LoggerFactory.getLogger(HarvestLane.class);

    private final ExecutorService writers;
    private final int maxRows;
    /** One permit per row handed over and not yet stored. */
    private final Semaphore room;

    HarvestLane(int threads, int maxRows) {
        if (threads < 1 || maxRows < 1) {
            throw new IllegalArgumentException("a harvest lane needs a writer and room for a row");
        }
        this.writers = Executors.newFixedThreadPool(threads, Daemons.numbered("harvest-writer"));
        this.maxRows = maxRows;
        this.room = new Semaphore(maxRows);
    }

    /**
     * Hands {@code write}, which stores {@code rows} rows, to a writer, first waiting until that many fit beside those
     * handed over and not yet stored (a harvest larger than the bound waits until the lane is empty). Throws when the
     * calling step is interrupted meanwhile or the lane is closed: the step then fails and runs again.
     */
    void execute(int rows, Runnable write) {
        int permits = Math.max(1, Math.min(rows, maxRows));
        try {
            room.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hand a harvest over", e);
        }
        try {
            writers.execute(() -> {
                try {
                    write.run();
                } catch (RuntimeException e) {
                    LOG.error("storing a job's harvest failed; the job's step runs again", e);
                } finally {
                    room.release(permits);
                }
            });
        } catch (RejectedExecutionException e) {
            room.release(permits);
            throw e;
        }
    }

    /** Finishes the writes already handed over, waiting at most {@code wait}; those left run again elsewhere. */
    void close(Duration wait) {
        writers.shutdown();
        try {
            if (!writers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} harvest writes left unfinished at shutdown; their steps run again",
                        writers.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writers.shutdownNow();
        }
    }
}
