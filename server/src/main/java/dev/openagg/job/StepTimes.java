package dev.openagg.job;

import dev.openagg.clock.ClientClocks;
import dev.openagg.db.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The steps a connector delayed in a client's running jobs, queued on the server's clock: advancing the client's
 * test clock brings them forward by as much. A step already taken by a node is left to run.
 */
public final class StepTimes implements ClientClocks.DueTimes {
    @Override
    public void pullBack(Handle h, String clientId, Duration by) {
        h.createQuery("""
                        SELECT t.task_instance, t.execution_time FROM scheduled_tasks t
                        JOIN job j ON t.task_instance LIKE CONCAT(j.guid, '#%')
                        JOIN member m ON m.guid = j.member_guid JOIN app_user u ON u.guid = m.user_guid
                        WHERE u.client_id = :c AND j.phase = 'RUNNING' AND t.task_name = :task AND t.picked = FALSE""")
                .bind("c", clientId).bind("task", JobScheduler.STEP)
                .map((rs, c) -> Map.entry(rs.getString("task_instance"), Database.instant(rs, "execution_time")))
                .list()
                .forEach(step -> set(h, step.getKey(), step.getValue().minus(by)));
    }

    /** Sets when a queued step that no node has taken yet runs, on the server's clock. */
    static void set(Handle h, String jobGuid, int step, Instant at) {
        set(h, new JobScheduler.StepId(jobGuid, step).toString(), at);
    }

    private static void set(Handle h, String taskInstance, Instant at) {
        h.createUpdate("""
                        UPDATE scheduled_tasks SET execution_time = :at, version = version + 1
                        WHERE task_name = :task AND task_instance = :i AND picked = FALSE""")
                .bind("at", at).bind("task", JobScheduler.STEP).bind("i", taskInstance).execute();
    }
}
