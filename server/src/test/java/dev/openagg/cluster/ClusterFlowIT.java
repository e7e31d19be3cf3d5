package dev.openagg.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.Postgres;
import dev.openagg.support.Reply;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Three nodes, each its own JVM running the packaged jar, on one PostgreSQL database, behind a test load balancer
 * that sends every request to a node chosen at random. Node A is configured by environment variables, B by
 * {@code --config FILE}, C by {@code OPENAGG_CONFIG}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFlowIT {
    private static final int MEMBERS = 100;
    private static final Duration FLOW_BOUND = Duration.ofMinutes(3);

    private Jdbi db;
    private Path dir;
    private final List<Node> nodes = new ArrayList<>();
    private Balancer balancer;

    @BeforeAll
    void start_three_nodes_at_once_on_an_empty_database() throws IOException {
        String url = Postgres.newDatabase();
        db = Jdbi.create(url, "postgres", "postgres");
        dir = Files.createTempDirectory("openagg-cluster");
        Path settings = Files.writeString(dir.resolve("openagg.properties"), String.join("\n",
                "OPENAGG_DATABASE_URL=" + url, "OPENAGG_DATABASE_USER=postgres", "OPENAGG_DATABASE_PASSWORD=postgres",
                "OPENAGG_JOB_HEARTBEAT_S=1", ""));
        nodes.add(Node.launch("node-a", url, Map.of("OPENAGG_JOB_HEARTBEAT_S", "1"), null));
        nodes.add(Node.launch("node-b", null, Map.of(), null, "--config", settings.toString()));
        nodes.add(Node.launch("node-c", null, Map.of("OPENAGG_CONFIG", settings.toString()), null));
        nodes.forEach(Node::awaitReady);
        balancer = new Balancer(nodes);
    }

    @AfterAll
    void stop() throws IOException {
        nodes.forEach(Node::close);
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void three_nodes_started_at_once_migrate_the_database_exactly_once() throws IOException, URISyntaxException {
        List<String> sqlMigrations;
        try (var files = Files.list(Path.of(getClass().getResource("/db/migration").toURI()))) {
            sqlMigrations = files.map(f -> f.getFileName().toString()).filter(f -> f.matches("V\\d+__.*\\.sql"))
                    .map(f -> f.substring(1, f.indexOf("__"))).toList();
        }
        List<String> applied = db.withHandle(h -> h.createQuery(
                "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL AND success ORDER BY installed_rank")
                .mapTo(String.class).list());

        // Every SQL migration and the Java ones, which encrypt secrets (10) and drop harvest rows' foreign keys (29),
        // each once.
        assertThat(applied).containsAll(sqlMigrations).contains("10", "29").hasSize(sqlMigrations.size() + 2)
                .doesNotHaveDuplicates();
        assertThat(count("SELECT COUNT(*) FROM api_client")).isEqualTo(1);
        for (Node node : nodes) {
            assertThat(node.api().get("/health").status()).as(node.name).isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void a_hundred_members_finish_the_two_round_flow_with_every_request_on_a_random_node() {
        List<MfaRun.Finished> finished = runFlows("calm", done -> { });

        assertEveryMemberConnectedWithData(finished);
        assertThat(balancer.served()).containsOnlyKeys("node-a", "node-b", "node-c")
                .allSatisfy((node, requests) -> assertThat(requests).as(node).isGreaterThan(200));
    }

    @Test
    @Order(3)
    void resumes_of_one_challenge_sent_to_two_nodes_at_the_same_moment_are_applied_exactly_once() throws Exception {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        Flow onA = new Flow(a.api());
        Flow onB = new Flow(b.api(), onA.userGuid);
        Flow onC = new Flow(nodes.get(2).api(), onA.userGuid);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            members.add(onA.member("challenge", false));
        }
        ExecutorService pair = Executors.newFixedThreadPool(2);
        try {
            for (String member : members) {
                String challenge = onB.awaitStatus(member, "CHALLENGED").at("/challenges/0/guid").asText();
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<Reply> viaA = CompletableFuture.supplyAsync(() -> at(together, () -> onA.resume(member, challenge, "correct")), pair);
                CompletableFuture<Reply> viaB = CompletableFuture.supplyAsync(() -> at(together, () -> onB.resume(member, challenge, "correct")), pair);
                List<Reply> replies = List.of(viaA.get(), viaB.get());

                assertThat(replies).extracting(Reply::status).as(member).containsExactlyInAnyOrder(202, 409);
                Reply refused = replies.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
                assertThat(refused.errorMessage()).contains("not challenged");
                // read at once on the third node: it already sees the answer, never the old challenge
                assertThat(onC.status(member).get("connection_status").asText()).isIn("RESUMED", "CONNECTED");
            }
        } finally {
            pair.shutdownNow();
        }
        for (String member : members) {
            assertThat(onC.awaitStatus(member, "CONNECTED").get("is_authenticated").asBoolean()).isTrue();
            // created, challenged, resumed once, finished: a second resume applied would have moved it again
            List<Long> versions = db.withHandle(h -> h.createQuery("SELECT version FROM job WHERE member_guid = :m")
                    .bind("m", member).mapTo(Long.class).list());
            assertThat(versions).as(member).containsExactly(3L);
        }
    }

    @Test
    @Order(4)
    void a_node_killed_with_sigkill_in_the_middle_of_a_hundred_flows_leaves_every_member_finishing() {
        Node victim = nodes.get(1);
        AtomicInteger strandedSteps = new AtomicInteger(-1);
        List<MfaRun.Finished> finished = runFlows("crash", done -> {
            if (done == MEMBERS / 4) {
                Await.until(() -> stepsRunningOn(victim.name), n -> n > 0, Duration.ofSeconds(30), "a step on " + victim.name);
                victim.kill();
                strandedSteps.set(stepsRunningOn(victim.name));
            }
        });

        assertThat(victim.isAlive()).isFalse();
        assertEveryMemberConnectedWithData(finished);
        assertThat(stepsRunningOn(victim.name)).isZero();
        assertThat(count("SELECT COUNT(*) FROM member WHERE is_being_aggregated")).isZero();
        System.out.println("steps left running on the killed node: " + strandedSteps.get());

        Node again = victim.restart().awaitReady();
        nodes.set(1, again);
        MfaRun.Finished one = finished.get(0);
        JsonNode read = again.api().get("/users/" + one.userGuid() + "/members/" + one.memberGuid() + "/status")
                .json().get("member");
        assertThat(read.get("connection_status").asText()).isEqualTo("CONNECTED");
    }

    /** Runs {@link #MEMBERS} flows, twelve at a time; {@code onFinished} hears the count of finished flows. */
    private List<MfaRun.Finished> runFlows(String prefix, IntConsumer onFinished) {
        ExecutorService clients = Executors.newFixedThreadPool(12);
        AtomicInteger done = new AtomicInteger();
        try {
            List<CompletableFuture<MfaRun.Finished>> flows = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                String key = prefix + "-" + i;
                flows.add(CompletableFuture.supplyAsync(() -> {
                    MfaRun.Finished run = MfaRun.run(balancer, key, FLOW_BOUND);
                    onFinished.accept(done.incrementAndGet());
                    return run;
                }, clients));
            }
            return flows.stream().map(CompletableFuture::join).toList();
        } finally {
            clients.shutdownNow();
        }
    }

    private void assertEveryMemberConnectedWithData(List<MfaRun.Finished> finished) {
        assertThat(finished).hasSize(MEMBERS);
        for (MfaRun.Finished run : finished) {
            String members = "/users/" + run.userGuid() + "/members";
            assertThat(run.status().get("is_authenticated").asBoolean()).isTrue();
            assertThat(run.answers()).as("challenges answered").isEqualTo(2);
            assertThat(balancer.get(members).json().get("members")).as("members of the user").hasSize(1);
            assertThat(balancer.get(members + "/" + run.memberGuid() + "/accounts").json().get("accounts")).hasSize(4);
            assertThat(balancer.get(members + "/" + run.memberGuid() + "/transactions?records_per_page=10").json()
                    .at("/pagination/total_entries").asInt()).isGreaterThan(100);
        }
    }

    private int count(String sql) {
        return db.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    private int stepsRunningOn(String node) {
        return db.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'job-step' AND picked AND picked_by = :node")
                .bind("node", node).mapTo(Integer.class).one());
    }

    private static Reply at(CyclicBarrier barrier, java.util.function.Supplier<Reply> request) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return request.get();
    }
}
