package dev.openagg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nodes that die (SIGKILL) or are stopped (SIGTERM) while a job step runs. The steps are Slow Bank's, a plug-in
 * connector whose login takes as long as the test says and which logs every call with the node that made it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NodeCrashIT {
    private static final int HEARTBEAT_S = 1;
    /** Four missed heartbeats, found by a check every two heartbeats, and then a poll of the scheduler (2 s). */
    private static final Duration TAKEOVER = Duration.ofSeconds(HEARTBEAT_S * (4 + 2) + 2);

    private final List<Node> nodes = new ArrayList<>();
    private Path dir;
    private Path plugin;
    private String url;
    private Jdbi db;

    @BeforeEach
    void database_and_plugin() throws IOException {
        url = Postgres.newDatabase();
        db = Jdbi.create(url, "postgres", "postgres");
        dir = Files.createTempDirectory("openagg-crash");
        plugin = SlowBank.plugin(Files.createDirectories(dir.resolve("plugin")));
    }

    @AfterEach
    void stop() throws IOException {
        nodes.forEach(Node::close);
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Node launch(String name, String... settings) {
        Map<String, String> environment = new HashMap<>(Map.of("OPENAGG_JOB_HEARTBEAT_S", String.valueOf(HEARTBEAT_S),
                "SLOWBANK_DIR", dir.toString()));
        for (int i = 0; i < settings.length; i += 2) {
            environment.put(settings[i], settings[i + 1]);
        }
        Node node = Node.launch(name, url, environment, plugin);
        nodes.add(node);
        return node;
    }

    /** node-a and node-b, started together and ready. */
    private List<Node> launchTwo(String... settings) {
        List<Node> both = List.of(launch("node-a", settings), launch("node-b", settings));
        both.forEach(Node::awaitReady);
        return both;
    }

    @Test
    void a_step_on_a_node_killed_mid_step_is_finished_by_the_other_node_within_the_heartbeat_bound() {
        List<Node> both = launchTwo();
        Node a = both.get(0);
        Node b = both.get(1);
        SlowMember member = SlowMember.create(a.api(), "sleep:4000");
        SlowBank.Call first = awaitCall(member.job(), "begin");
        Node runner = first.node().equals("node-a") ? a : b;
        Node other = runner == a ? b : a;

        runner.kill();
        Instant killed = Instant.now();
        JsonNode status = member.awaitConnected(other.api(), Duration.ofSeconds(60));
        Duration took = Duration.between(killed, Instant.now());

        List<SlowBank.Call> calls = SlowBank.calls(dir, member.job());
        assertThat(calls).extracting(SlowBank.Call::node, SlowBank.Call::event).containsExactly(
                tuple(runner.name, "begin"),
                tuple(other.name, "begin"),
                tuple(other.name, "end"));
        assertThat(calls.get(1).at()).isAfter(killed);
        assertThat(status.get("is_being_aggregated").asBoolean()).isFalse();
        System.out.println("a killed node's step was finished elsewhere " + took.toMillis() + " ms after the kill");
        assertThat(took).isLessThan(TAKEOVER.plusSeconds(4 + 6));
    }

    @Test
    void a_node_restarted_after_sigkill_finishes_the_step_it_was_running() throws IOException {
        Node a = launch("node-a").awaitReady();
        SlowMember member = SlowMember.create(a.api(), "hold");
        awaitCall(member.job(), "begin");

        a.kill();
        Files.createFile(dir.resolve("release"));
        Node again = a.restart().awaitReady();
        nodes.add(again);
        member.awaitConnected(again.api(), Duration.ofSeconds(60));

        assertThat(SlowBank.calls(dir, member.job())).extracting(SlowBank.Call::node, SlowBank.Call::event)
                .containsExactly(tuple("node-a", "begin"),
                        tuple("node-a", "begin"),
                        tuple("node-a", "end"));
    }

    @Test
    void a_step_longer_than_the_dead_node_bound_runs_once_while_its_node_lives() {
        List<Node> both = launchTwo();
        Node a = both.get(0);
        Node b = both.get(1);
        SlowMember member = SlowMember.create(b.api(), "sleep:" + TAKEOVER.plusSeconds(3).toMillis());

        member.awaitConnected(a.api(), Duration.ofSeconds(60));

        assertThat(SlowBank.calls(dir, member.job())).extracting(SlowBank.Call::event).containsExactly("begin", "end");
    }

    @Test
    void sigterm_lets_a_short_step_finish_and_hands_a_long_one_back() throws IOException {
        Node a = launch("node-a", "OPENAGG_SHUTDOWN_WAIT_S", "4").awaitReady();
        SlowMember quick = SlowMember.create(a.api(), "sleep:1500");
        SlowMember held = SlowMember.create(a.api(), "hold");
        awaitCall(quick.job(), "begin");
        awaitCall(held.job(), "begin");

        Duration took = a.terminate(Duration.ofSeconds(4 * 2 + 10));

        System.out.println("SIGTERM with a step running took " + took.toMillis() + " ms");
        assertThat(SlowBank.calls(dir, quick.job())).extracting(SlowBank.Call::event).containsExactly("begin", "end");
        assertThat(SlowBank.calls(dir, held.job())).extracting(SlowBank.Call::event).containsExactly("begin", "interrupted");
        assertThat(memberRow(quick.member())).isEqualTo(Map.of("connection_status", "CONNECTED", "is_being_aggregated", false));
        assertThat(memberRow(held.member()).get("is_being_aggregated")).isEqualTo(true);
        List<Boolean> picked = db.withHandle(h -> h.createQuery(
                        "SELECT picked FROM scheduled_tasks WHERE task_name = 'job-step' AND task_instance LIKE :job")
                .bind("job", held.job() + "#%").mapTo(Boolean.class).list());
        assertThat(picked).as("handed back").containsExactly(false);

        Files.createFile(dir.resolve("release"));
        Node b = launch("node-b").awaitReady();
        held.awaitConnected(b.api(), Duration.ofSeconds(30));
    }

    /**
     * On the embedded database the server, not H2's own exit hook, closes the file: with H2's hook the file closed at
     * once, and a step that finished during the shutdown could not store its outcome.
     */
    @Test
    void sigterm_on_the_embedded_database_lets_a_running_step_store_its_outcome() {
        Path data = dir.resolve("data");
        Node a = Node.launch("node-h2", null, Map.of("SLOWBANK_DIR", dir.toString(), "OPENAGG_DATA_DIR",
                data.toString(), "OPENAGG_SHUTDOWN_WAIT_S", "4"), plugin).awaitReady();
        nodes.add(a);
        SlowMember quick = SlowMember.create(a.api(), "sleep:1500");
        awaitCall(quick.job(), "begin");

        a.terminate(Duration.ofSeconds(4 * 2 + 10));

        assertThat(SlowBank.calls(dir, quick.job())).extracting(SlowBank.Call::event).containsExactly("begin", "end");
        Jdbi file = Jdbi.create("jdbc:h2:file:" + data.resolve("openagg") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        Map<String, Object> row = file.withHandle(h -> h.createQuery(
                        "SELECT connection_status, is_being_aggregated FROM member WHERE guid = :m")
                .bind("m", quick.member()).mapToMap().one());
        assertThat(row).isEqualTo(Map.of("connection_status", "CONNECTED", "is_being_aggregated", false));
        assertThat(a.logText()).doesNotContain("Database is already closed");
    }

    @Test
    void an_unanswered_challenge_expires_on_the_node_that_is_left() {
        Node a = launchTwo("OPENAGG_CHALLENGE_LIFETIME_S", "3").get(0);
        Flow flow = new Flow(a.api());
        String member = flow.member("challenge", false);
        flow.awaitStatus(member, "CHALLENGED");

        a.kill();

        // Read from the database, not through a node: a status read would expire the challenge itself.
        Map<String, Object> row = Await.until(() -> memberRow(member),
                r -> r.get("connection_status").equals("EXPIRED"), Duration.ofSeconds(20), Duration.ofMillis(200),
                "the challenge to expire");
        assertThat(row.get("is_being_aggregated")).isEqualTo(false);
    }

    private Map<String, Object> memberRow(String member) {
        return db.withHandle(h -> h.createQuery("SELECT connection_status, is_being_aggregated FROM member WHERE guid = :m")
                .bind("m", member).mapToMap().one());
    }

    private SlowBank.Call awaitCall(String job, String event) {
        return Await.until(() -> SlowBank.calls(dir, job).stream().filter(c -> c.event().equals(event)).findFirst(),
                        Optional::isPresent, Duration.ofSeconds(30), Duration.ofMillis(50), event + " of " + job)
                .orElseThrow();
    }
}
