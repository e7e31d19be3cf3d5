package dev.openagg.job;

import dev.openagg.threads.Daemons;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that store what steps brought back, apart from the threads that run steps: a harvest's write takes
 * tens of milliseconds under load, and MFA steps of other members must not queue behind it. Writes are not
 * persisted here: one lost with its node leaves its job running at the same step, which the engine's sweep runs
 * again on a live node.
 */
final class HarvestLane {
    private static final Logger LOG = LoggerFactory.getLogger(HarvestLane.class);

    private final ExecutorService writers;

    HarvestLane(int threads) {
        this.writers = Executors.newFixedThreadPool(threads, Daemons.numbered("harvest-writer"));
    }

    void execute(Runnable write) {
        writers.execute(() -> {
            try {
                write.run();
            } catch (RuntimeException e) {
                LOG.error("storing a job's harvest failed; the job's step runs again", e);
            }
        });
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
