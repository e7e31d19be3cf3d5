package dev.openagg.clock;

import dev.openagg.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Each client's test clock (README, "Sandbox controls"): the server's clock plus the client's offset, the one source
 * of "now" for everything stamped on or compared with a client's objects. With the sandbox off every client's clock
 * is the server's clock and nothing is read.
 */
public final class ClientClocks {
    /** The furthest a client's clock may run ahead: far enough for any test, near enough that dates stay sane. */
    public static final Duration MOST_AHEAD = Duration.ofDays(3660);

    private final Jdbi jdbi;
    private final Clock base;
    private final boolean enabled;
    private final List<DueTimes> dueTimes;

    /** {@code dueTimes}: stored times on the server's clock that an advance pulls back (webhook retries...). */
    public ClientClocks(Jdbi jdbi, Clock base, boolean enabled, List<DueTimes> dueTimes) {
        this.jdbi = jdbi;
        this.base = base;
        this.enabled = enabled;
        this.dueTimes = List.copyOf(dueTimes);
    }

    /** A client's stored times due on the server's clock, which an advance of its clock pulls back. */
    public interface DueTimes {
        /** Makes every time of {@code clientId}'s objects stored here due {@code by} earlier. */
        void pullBack(Handle h, String clientId, Duration by);
    }

    /** A client's time now: its clock's reading and how far ahead of the server's it runs. */
    public record Now(Instant now, Duration offset) {
        /** {@code at}, read on the client's clock, as the server's clock shows that moment. */
        public Instant onServerClock(Instant at) {
            return at.minus(offset);
        }
    }

    /** Whether clients' clocks may differ from the server's (the sandbox is on). */
    public boolean areOn() {
        return enabled;
    }

    /** The server's clock, for times that belong to no client (sweeps, leases, due times). */
    public Clock base() {
        return base;
    }

    /** The client's time now. */
    public Now of(Handle h, String clientId) {
        return at(offset(h, "SELECT offset_ms FROM client_clock WHERE client_id = :k", clientId));
    }

    /** The client's time now, read on a handle of its own. */
    public Now of(String clientId) {
        return enabled ? jdbi.withHandle(h -> of(h, clientId)) : at(Duration.ZERO);
    }

    /**
     * Runs {@code work} with the client's time, holding the client's row so that no advance of its clock runs
     * meanwhile (an advance holds it too): for times queued outside the transaction that read the offset.
     */
    public void holding(String clientId, BiConsumer<Handle, Now> work) {
        jdbi.useTransaction(h -> {
            lockClient(h, clientId);
            work.accept(h, of(h, clientId));
        });
    }

    private static void lockClient(Handle h, String clientId) {
        h.createQuery("SELECT client_id FROM api_client WHERE client_id = :c FOR UPDATE")
                .bind("c", clientId).mapTo(String.class).findOne();
    }

    /**
     * The largest offset of any client: a sweep that compares times stored on clients' clocks with the server's
     * clock looks that far ahead, and checks each candidate on its own client's clock.
     */
    public Duration mostAhead() {
        if (!enabled) {
            return Duration.ZERO;
        }
        Long most = jdbi.withHandle(h -> h.createQuery("SELECT MAX(offset_ms) FROM client_clock")
                .mapTo(Long.class).findOne().orElse(null));
        return most == null ? Duration.ZERO : Duration.ofMillis(most);
    }

    /** The offsets clients' clocks run ahead by, the server's own (zero) always among them. */
    public List<Duration> offsets() {
        if (!enabled) {
            return List.of(Duration.ZERO);
        }
        List<Long> ahead = jdbi.withHandle(h -> h.createQuery(
                "SELECT DISTINCT offset_ms FROM client_clock WHERE offset_ms <> 0").mapTo(Long.class).list());
        return Stream.concat(Stream.of(0L), ahead.stream()).map(Duration::ofMillis).toList();
    }

    /** What an advance came to. */
    public sealed interface Advance {
        /** The clock moved; {@code now} is its new reading. */
        record Moved(Now now) implements Advance {
        }

        /** The clock would run further ahead than {@link #MOST_AHEAD}; nothing changed. */
        record TooFar(Now now) implements Advance {
        }
    }

    /**
     * Moves the client's clock {@code by} (positive) ahead, and pulls the client's due times back by as much, in one
     * transaction, so what fell due runs at the server's next look for due work (for job steps, within two seconds).
     */
    public Advance advance(String clientId, Duration by) {
        if (!enabled || by.isNegative() || by.isZero()) {
            throw new IllegalArgumentException("a clock advances by a positive duration, with the sandbox on");
        }
        try {
            return jdbi.inTransaction(h -> advance(h, clientId, by));
        } catch (UnableToExecuteStatementException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            // Another request made the client's first clock row meanwhile; it is there to be moved now.
            return jdbi.inTransaction(h -> advance(h, clientId, by));
        }
    }

    private Advance advance(Handle h, String clientId, Duration by) {
        lockClient(h, clientId);
        Optional<Long> current = h.createQuery("SELECT offset_ms FROM client_clock WHERE client_id = :c FOR UPDATE")
                .bind("c", clientId).mapTo(Long.class).findOne();
        Duration offset = Duration.ofMillis(current.orElse(0L));
        if (offset.plus(by).compareTo(MOST_AHEAD) > 0) {
            return new Advance.TooFar(at(offset));
        }
        Duration next = offset.plus(by);
        if (current.isPresent()) {
            h.createUpdate("UPDATE client_clock SET offset_ms = :o, version = version + 1 WHERE client_id = :c")
                    .bind("o", next.toMillis()).bind("c", clientId).execute();
        } else {
            h.createUpdate("INSERT INTO client_clock (client_id, offset_ms, version) VALUES (:c, :o, 1)")
                    .bind("c", clientId).bind("o", next.toMillis()).execute();
        }
        dueTimes.forEach(d -> d.pullBack(h, clientId, by));
        return new Advance.Moved(at(next));
    }

    private Duration offset(Handle h, String sql, String key) {
        if (!enabled) {
            return Duration.ZERO;
        }
        return h.createQuery(sql).bind("k", key).mapTo(Long.class).findOne().map(Duration::ofMillis)
                .orElse(Duration.ZERO);
    }

    private Now at(Duration offset) {
        return new Now(base.instant().plus(offset), offset);
    }
}
