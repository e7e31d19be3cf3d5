package dev.openagg.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.cluster.Node;
import dev.openagg.support.Flow;
import dev.openagg.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The server started exactly as the README's command starts it runs its request threads below the job steps and the
 * data writers, and, whichever user starts it, no compiler or VM thread above normal. Read from the kernel: each
 * thread's nice value in {@code /proc/PID/task/TID/stat}. The priorities are Linux's nice values, and {@code /proc} is
 * Linux's: elsewhere the test is reported as skipped.
 */
@EnabledOnOs(OS.LINUX)
class RequestThreadPriorityIT {

    @Test
    void request_threads_run_below_the_job_steps_and_the_harvest_writers() {
        Path data = TestServer.tempDir().resolve("priority-data");
        Map<String, String> settings = Map.of("OPENAGG_DATA_DIR", data.toString());
        try (Node node = Node.launchAsReadme("priority-node", settings).awaitReady()) {
            Flow flow = new Flow(node.api());
            String member = flow.member("password", false);
            assertThat(flow.awaitStatus(member, "CONNECTED").get("connection_status").asText()).isEqualTo("CONNECTED");

            Map<String, List<Integer>> nice = niceByThread(node.pid());
            // Jetty runs its acceptor lower still
            assertThat(nice.get("qtp")).as("request threads (Jetty's pool)").isNotEmpty().contains(2)
                    .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
            assertThat(nice.get("db-scheduler-po")).as("job step threads").isNotEmpty().containsOnly(0);
            assertThat(nice.get("harvest-writer")).as("harvest writers").isNotEmpty().containsOnly(0);
            assertThat(nice.get("CompilerThre")).as("JIT compiler threads").isNotEmpty().containsOnly(0);
            assertThat(nice.get("VM Thread")).as("the VM thread, which runs the collector").containsExactly(0);
        }
    }

    /**
     * Nice values of the process's threads, by the part of their name that says what they are. The kernel keeps the
     * first 15 characters of a name: db-scheduler's step threads ({@code db-scheduler-pool-1-thread-1}) show as
     * {@code db-scheduler-po}, the compilers as {@code C2 CompilerThre}.
     */
    private static Map<String, List<Integer>> niceByThread(long pid) {
        Map<String, List<Integer>> nice = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String name;
                String stat;
                try {
                    name = Files.readString(task.resolve("comm")).trim();
                    stat = Files.readString(task.resolve("stat"));
                } catch (NoSuchFileException ended) {
                    continue;
                }
                // after the parenthesised name: field 3 (state) is first, so field 19 (nice) is the seventeenth
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                int value = Integer.parseInt(fields[16]);
                for (String kind : List.of("qtp", "db-scheduler-po", "harvest-writer", "CompilerThre", "VM Thread")) {
                    if (name.startsWith(kind) || name.endsWith(kind)) {
                        nice.computeIfAbsent(kind, k -> new ArrayList<>()).add(value);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return nice;
    }
}
