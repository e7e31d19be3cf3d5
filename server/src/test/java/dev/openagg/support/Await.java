package dev.openagg.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition until it holds or a bound runs out; never a bare sleep. */
public final class Await {
    private Await() {
    }

    public static <T> T until(Supplier<T> probe, Predicate<T> condition, Duration bound, String what) {
        return until(probe, condition, bound, Duration.ofMillis(10), what);
    }

    /** Probes every {@code every}: for probes that load a server, as a client polling a status does. */
    public static <T> T until(Supplier<T> probe, Predicate<T> condition, Duration bound, Duration every, String what) {
        long deadline = System.nanoTime() + bound.toNanos();
        T last = probe.get();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + bound + " waiting for " + what + "; last value: " + last);
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
            last = probe.get();
        }
        return last;
    }
}
