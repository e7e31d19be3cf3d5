package dev.openagg.job;

import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SystemClock;
import com.github.kagkarlsson.scheduler.Waiter;
import com.github.kagkarlsson.scheduler.task.Task;
import java.util.List;
import javax.sql.DataSource;

/**
 * db-scheduler's builder, with the wait between two looks for due steps measured in real time. db-scheduler measures
 * it on the scheduler's clock, the server's, so a wait ends only once that clock is two seconds past where the wait
 * began. A clock that stands still between moves (the tests') then kept a step waiting for ever when it came due by a
 * move of under two seconds, or by a move made during a look that began before it. Which steps are due is still
 * judged on the server's clock.
 */
final class RealTimePolling extends SchedulerBuilder {
    RealTimePolling(DataSource dataSource, List<Task<?>> knownTasks) {
        super(dataSource, knownTasks);
    }

    @Override
    protected Waiter buildWaiter() {
        return new Waiter(poolingInterval, new SystemClock());
    }
}
