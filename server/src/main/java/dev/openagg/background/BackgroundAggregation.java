package dev.openagg.background;

import dev.openagg.clock.ClientClocks;
import dev.openagg.job.JobEngine;
import dev.openagg.member.BackgroundDue;
import dev.openagg.member.JobStarter.Start;
import dev.openagg.member.Member;
import dev.openagg.member.MemberStore;
import dev.openagg.threads.Daemons;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    /** Members looked at, or placed, in one tick; the rest wait for the next tick, a second later. */
    private static final int BATCH = 1_000;
    /** Due members, earliest first: a range read of the index on {@code background_due_at}. */
    static final String DUE = """
            SELECT m.guid, m.background_aggregation_is_disabled, m.connection_status, u.is_disabled
            FROM member m JOIN app_user u ON u.guid = m.user_guid
              LEFT JOIN client_clock k ON k.client_id = u.client_id
            WHERE m.background_due_at <= :now AND (:every OR COALESCE(k.offset_ms, 0) = :offset)
            ORDER BY m.background_due_at FETCH FIRST :batch ROWS ONLY""";
    private static final Set<String> NOT_IN_BACKGROUND = Set.of("DENIED", "PREVENTED", "IMPAIRED");

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

    /** Where a new member's first background aggregation falls in a schedule of {@code period} (zero: none). */
    public static BackgroundDue dueTimes(Duration period) {
        return period.isZero() ? BackgroundDue.NONE : new Schedule(period);
    }

    /** Looks for due members every {@code every}, on a thread of its own, while the schedule is on. */
    public void start(Duration every) {
        if (schedule.isEmpty()) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(Daemons.named("openagg-background-aggregation"));
        ticker.scheduleWithFixedDelay(this::tickLogged, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A background aggregation of the member now, outside the schedule (a sandbox's control). */
    public Optional<Start> runNow(Member member) {
        Instant now = clocks.of(member.clientId()).now();
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
     * Places members the schedule has not placed yet, then starts the background job of every member whose moment
     * has come on its client's clock; the members of clients whose clocks agree are looked for together.
     */
    void tick() {
        Schedule s = schedule.orElseThrow();
        place(s);
        for (Duration offset : clocks.offsets()) {
            tick(s, offset);
        }
    }

    private void tick(Schedule s, Duration offset) {
        Instant now = clocks.base().instant().plus(offset);
        Instant period = s.periodStart(now);
        for (Due due : due(now, offset)) {
            Instant next = s.nextAfter(due.guid(), now);
            try {
                if (!due.eligible()) {
                    // MX does not aggregate these in the background; look again at the member's next moment.
                    jdbi.useHandle(h -> moveDue(h, due.guid(), next));
                    continue;
                }
                jdbi.withHandle(h -> members.get(h, due.guid())).ifPresent(member -> engine.startBackground(member,
                        (h, m, jobGuid) -> moveDue(h, m.guid(), next) && claim(h, m, period, jobGuid)));
            } catch (RuntimeException e) {
                // One member that cannot start (its institution gone, say) must not hold up the others every second.
                LOG.warn("background aggregation of member {} failed; it is due again at {}", due.guid(), next, e);
                jdbi.useHandle(h -> moveDue(h, due.guid(), next));
            }
        }
    }

    /** A member whose moment has come, and whether MX would aggregate it in the background. */
    private record Due(String guid, boolean eligible) {
    }

    /**
     * The members of clients whose clocks run {@code offset} ahead (every member while test clocks are off) whose
     * moment is at or before {@code now}, earliest first, a bounded number a tick: a range read of the due index.
     */
    private List<Due> due(Instant now, Duration offset) {
        return jdbi.withHandle(h -> h.createQuery(DUE)
                .bind("now", now).bind("every", !clocks.areOn()).bind("offset", offset.toMillis())
                .bind("batch", BATCH)
                .map((rs, c) -> new Due(rs.getString("guid"), !rs.getBoolean("background_aggregation_is_disabled")
                        && !rs.getBoolean("is_disabled")
                        && !NOT_IN_BACKGROUND.contains(rs.getString("connection_status"))))
                .list());
    }

    /**
     * Gives members without a moment theirs: members stored before moments were kept, or while background
     * aggregation was off. Each is due at its next moment from now, as if it had been placed all along and had had
     * its aggregation this period already: members whose moment of today has passed are not all started at once.
     * New members get their moment when they are stored.
     */
    private void place(Schedule s) {
        Instant now = clocks.base().instant();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT guid FROM member WHERE background_due_at IS NULL FETCH FIRST :batch ROWS ONLY""")
                .bind("batch", BATCH)
                .mapTo(String.class)
                .list()
                .forEach(guid -> h.createUpdate("""
                                UPDATE member SET background_due_at = :due
                                WHERE guid = :guid AND background_due_at IS NULL""")
                        .bind("due", s.atOrAfter(guid, now)).bind("guid", guid).execute()));
    }

    /** Always true, so that it can lead a claim: the member is due again at {@code next} whether or not a job starts. */
    private static boolean moveDue(Handle h, String memberGuid, Instant next) {
        h.createUpdate("UPDATE member SET background_due_at = :next WHERE guid = :guid")
                .bind("next", next).bind("guid", memberGuid).execute();
        return true;
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
