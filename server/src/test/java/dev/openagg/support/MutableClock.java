package dev.openagg.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves by hand, so expiry and "days later" need no sleeping. */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final boolean running;

    public MutableClock(Instant start) {
        this(start, false);
    }

    private MutableClock(Instant start, boolean running) {
        this.now = new AtomicReference<>(start);
        this.running = running;
    }

    /** A clock that runs with real time (for tests that wait on real delays) and can still be moved forward. */
    public static MutableClock running() {
        return new MutableClock(Instant.EPOCH, true);
    }

    /**
     * Now, to the millisecond: the databases keep microseconds, and a stored time rounded up past a frozen clock
     * would never come due.
     */
    public static MutableClock ofNow() {
        return new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return running ? Instant.now().plus(java.time.Duration.between(Instant.EPOCH, now.get())) : now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
