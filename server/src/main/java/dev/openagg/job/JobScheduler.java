package dev.openagg.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs job steps on db-scheduler, so a step is persisted before it runs, runs on exactly one node, and is picked
 * up again by a live node when the one running it dies. Immediate execution keeps an idle server from adding
 * polling delay to the interactive path.
 */
public final class JobScheduler implements StepQueue, AutoCloseable {
    static final String STEP = "job-step";
    /**
     * Threads that store harvests: two cores' worth. More writers than cores only contend inside the database (in
     * H2's B-trees) and take CPU from the steps and status reads.
     */
    public static final int HARVEST_WRITERS = 2;
    /**
     * Rows that may be handed to the writers and not yet stored ({@link HarvestLane}): about 70 first aggregations of
     * MX Bank, some 14 MB of heap. 50 clients creating members at once keep about 47 waiting, so they never wait for
     * room; a burst of hundreds does, and its steps then wait seconds rather than filling the heap.
     */
    static final int HARVEST_ROWS_WAITING = 32_768;
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    /** Heartbeats a node may miss before its running steps are taken for dead and run again on a live node. */
    private static final int MISSED_HEARTBEATS = 4;

    /** How the scheduler is tuned; see the README's settings. */
    public record Settings(int threads, int harvestWriters, Duration pollingInterval, Duration heartbeat,
                           Duration sweepEvery, Duration stalledAfter, Duration shutdownWait, String nodeName) {
    }

    private final DataSource dataSource;
    private final Settings settings;
    private OneTimeTask<Void> stepTask;
    private Scheduler scheduler;
    private HarvestLane harvests;

    private final java.time.Clock clock;

    /**
     * {@code clock} is the server's clock: steps delayed by a connector come due by it, in tests too. The scheduler
     * looks for due steps every two seconds of real time ({@link RealTimePolling}).
     */
    public JobScheduler(DataSource dataSource, Settings settings, java.time.Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts running steps with the engine; until then {@link #enqueue} is not allowed. */
    public void start(JobEngine engine) {
        stepTask = Tasks.oneTime(STEP)
                .onFailure(retryWithCappedBackoff())
                .execute((instance, context) -> {
                    StepId id = StepId.parse(instance.getId());
                    engine.runStep(id.jobGuid(), id.step());
                });
        RecurringTask<Void> sweep = Tasks.recurring("job-sweep", FixedDelay.of(settings.sweepEvery()))
                .execute((instance, context) -> {
                    engine.expireOverdue();
                    engine.requeueStalled(settings.stalledAfter());
                });
        var builder = new RealTimePolling(dataSource, List.of(stepTask))
                .startTasks(sweep)
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeat())
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .shutdownMaxWait(settings.shutdownWait())
                .clock(clock::instant)
                .alwaysPersistTimestampInUTC()
                .enableImmediateExecution();
        if (settings.nodeName() != null) {
            builder.schedulerName(new SchedulerName.Fixed(settings.nodeName()));
        }
        harvests = new HarvestLane(settings.harvestWriters(), HARVEST_ROWS_WAITING);
        scheduler = builder.build();
        scheduler.start();
    }

    /**
     * A failed step (the database went away, the node is shutting down) is run again after 1, 2, 4... seconds, never
     * more than {@link #MAX_RETRY_DELAY}, so jobs go on soon after the database is back even from a long outage.
     */
    private static FailureHandler<Void> retryWithCappedBackoff() {
        return (complete, operations) -> {
            int failures = Math.min(complete.getExecution().consecutiveFailures, 10);
            Duration delay = Duration.ofSeconds(1L << failures);
            operations.reschedule(complete, complete.getTimeDone()
                    .plus(delay.compareTo(MAX_RETRY_DELAY) < 0 ? delay : MAX_RETRY_DELAY));
        };
    }

    @Override
    public void enqueue(String jobGuid, int step, Instant at) {
        scheduler.scheduleIfNotExists(stepTask.instance(new StepId(jobGuid, step).toString()), at);
    }

    /** On the scheduler's own writer threads ({@link HarvestLane}). */
    @Override
    public void writeHarvest(int rows, Runnable write) {
        harvests.execute(rows, write);
    }

    /** Stops taking steps, lets the running ones finish, then the data writes they handed over. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
        if (harvests != null) {
            harvests.close(settings.shutdownWait());
        }
    }

    /** A step's task-instance id: {@code JOB-...#3}. */
    record StepId(String jobGuid, int step) {
        static StepId parse(String id) {
            int hash = id.lastIndexOf('#');
            return new StepId(id.substring(0, hash), Integer.parseInt(id.substring(hash + 1)));
        }

        @Override
        public String toString() {
            return jobGuid + "#" + step;
        }
    }
}
