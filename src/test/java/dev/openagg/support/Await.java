package dev.openagg.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition until it holds or a bound runs out; never a bare sleep. */
public final class Await {
    private Await() {
    }

    public static <T> T until(Supplier<T> probe, Predicate<T> condition, Duration bound, String what) {
        long deadline = System.nanoTime() + bound.toNanos();
        T last = probe.get();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + bound + " waiting for " + what + "; last value: " + last);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
            last = probe.get();
        }
        return last;
    }
}
