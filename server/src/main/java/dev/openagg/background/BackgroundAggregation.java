package dev.openagg.background;

import dev.openagg.clock.ClientClocks;
import dev.openagg.db.Database;
import dev.openagg.job.JobEngine;
import dev.openagg.member.JobStarter.Start;
import dev.openagg.member.Member;
import dev.openagg.member.MemberStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates every member about once a period, as MX does daily: each member at its own moment of the period
 * ({@link Schedule}), unless its {@code background_aggregation_is_disabled}, its user is disabled, or it needs new
 * credentials (DENIED, PREVENTED, IMPAIRED: MX does not aggregate those). Every node looks for due members; the job
 * is claimed in the database ({@code background_aggregation}, one row per member and period, written in the
 * transaction that starts the job), so each member gets one background job per period however many nodes look.
 * The jobs run through the job engine like any other; their AGGREGATION webhooks say {@code is_background}.
 * Periods are counted on each client's own clock, so advancing a client's test clock brings its members' next
 * background aggregations due.
 */
public final class BackgroundAggregation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundAggregation.class);

    private final Jdbi jdbi;
    private final MemberStore members;
    private final JobEngine engine;
    private final ClientClocks clocks;
    private final Optional<Schedule> schedule;
    private ScheduledExecutorService ticker;

    /** {@code period} zero turns the schedule off; {@link #runNow} still works. */
    public BackgroundAggregation(MemberStore members, JobEngine engine, ClientClocks clocks, Duration period) {
        this.jdbi = members.jdbi();
        this.members = members;
        this.engine = engine;
        this.clocks = clocks;
        this.schedule = period.isZero() ? Optional.empty() : Optional.of(new Schedule(period));
    }

    /** Looks for due members every {@code every}, on a thread of its own, while the schedule is on. */
    public void start(Duration every) {
        if (schedule.isEmpty()) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "openagg-background-aggregation");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tickLogged, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A background aggregation of the member now, outside the schedule (a sandbox's control). */
    public Optional<Start> runNow(Member member) {
        Instant now = clocks.ofUser(member.userGuid()).now();
        return engine.startBackground(member, (h, m, jobGuid) -> claim(h, m, now, jobGuid));
    }

    private void tickLogged() {
        try {
            tick();
        } catch (RuntimeException e) {
            // The next tick tries again; the claims make a repeated look harmless.
            LOG.warn("background aggregation: looking for due members failed", e);
        }
    }

    /**
     * Starts the background job of every member due in the current period of its client's clock and not yet
     * claimed; the members of clients whose clocks agree are looked for together.
     */
    void tick() {
        for (Duration offset : clocks.offsets()) {
            tick(offset);
        }
    }

    private void tick(Duration offset) {
        Schedule s = schedule.orElseThrow();
        Instant now = clocks.base().instant().plus(offset);
        Instant period = s.periodStart(now);
        for (Candidate c : candidates(period, offset)) {
            Instant due = s.dueAt(c.guid(), period);
            // A member created after its moment waits for the next period, as it has just been aggregated.
            if (!now.isBefore(due) && c.createdAt().isBefore(due)) {
                jdbi.withHandle(h -> members.get(h, c.guid())).ifPresent(member ->
                        engine.startBackground(member, (h, m, jobGuid) -> claim(h, m, period, jobGuid)));
            }
        }
    }

    private record Candidate(String guid, Instant createdAt) {
    }

    /** The members of clients whose clocks run {@code offset} ahead (every member while test clocks are off). */
    private List<Candidate> candidates(Instant period, Duration offset) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT m.guid, m.created_at FROM member m JOIN app_user u ON u.guid = m.user_guid
                          LEFT JOIN client_clock k ON k.client_id = u.client_id
                        WHERE m.background_aggregation_is_disabled = FALSE AND u.is_disabled = FALSE
                          AND (:every OR COALESCE(k.offset_ms, 0) = :offset)
                          AND m.connection_status NOT IN ('DENIED', 'PREVENTED', 'IMPAIRED')
                          AND NOT EXISTS (SELECT 1 FROM background_aggregation b
                                          WHERE b.member_guid = m.guid AND b.period_start = :period)""")
                .bind("period", period).bind("every", !clocks.areOn()).bind("offset", offset.toMillis())
                .map((rs, c) -> new Candidate(rs.getString("guid"), Database.instant(rs, "created_at")))
                .list());
    }

    /** Runs with the member's row locked, so a claim another node committed first is seen here. */
    private static boolean claim(Handle h, Member member, Instant period, String jobGuid) {
        boolean taken = h.createQuery("""
                        SELECT COUNT(*) FROM background_aggregation WHERE member_guid = :m AND period_start = :p""")
                .bind("m", member.guid()).bind("p", period).mapTo(Integer.class).one() > 0;
        if (taken) {
            return false;
        }
        h.createUpdate("""
                        INSERT INTO background_aggregation (member_guid, period_start, job_guid)
                        VALUES (:m, :p, :job)""")
                .bind("m", member.guid()).bind("p", period).bind("job", jobGuid).execute();
        return true;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
