package dev.openagg.job;

import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SystemClock;
import com.github.kagkarlsson.scheduler.Waiter;
import com.github.kagkarlsson.scheduler.task.Task;
import java.util.List;
import javax.sql.DataSource;

/**
 * db-scheduler's builder, with the wait between two looks for due steps measured in real time. db-scheduler measures
 * it on the scheduler's clock, the server's: a look that began before the clock moved and ended after it set its next
 * look two seconds past the moved clock, and a step that came due by the move waited until the clock passed that
 * point, which a clock that stands still between moves (the tests') never did. Which steps are due is still judged
 * on the server's clock.
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
