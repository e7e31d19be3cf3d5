package dev.openagg.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.client.ClientStore;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.Postgres;
import dev.openagg.support.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL stopped under two running nodes and started again: while it is gone every request that needs it gets
 * 503 with MX's error body and a node still shuts down within its bound; once it is back every job finishes and
 * nothing written before is missing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatabaseOutageIT {
    private static final int SHUTDOWN_WAIT_S = 2;

    @Test
    void while_the_database_is_stopped_requests_get_503_and_once_it_is_back_every_job_finishes() throws IOException {
        Path dir = Files.createTempDirectory("openagg-outage");
        try (Postgres.Own postgres = Postgres.Own.start()) {
            String url = postgres.newDatabase("openagg");
            Path plugin = SlowBank.plugin(Files.createDirectories(dir.resolve("plugin")));
            Map<String, String> settings = Map.of("OPENAGG_JOB_HEARTBEAT_S", "1", "SLOWBANK_DIR", dir.toString(),
                    "OPENAGG_SHUTDOWN_WAIT_S", String.valueOf(SHUTDOWN_WAIT_S));
            try (Node a = Node.launch("node-a", url, settings, plugin);
                 Node b = Node.launch("node-b", url, settings, plugin)) {
                a.awaitReady();
                b.awaitReady();
                new ClientStore(Jdbi.create(url, "postgres", "postgres"), Clock.systemUTC()).add("late", "late-key-0123456789");

                Flow flow = new Flow(a.api());
                String connected = flow.member("password", false);
                JsonNode before = flow.awaitStatus(connected, "CONNECTED");
                int transactions = transactionCount(a.api(), flow, connected);
                String firstRound = flow.member("options", false);
                JsonNode options = flow.awaitStatus(firstRound, "CHALLENGED").at("/challenges/0");
                String secondRound = flow.member("options", false);
                JsonNode phones = flow.awaitStatus(secondRound, "CHALLENGED").at("/challenges/0");
                assertThat(flow.resume(secondRound, phones.get("guid").asText(), phones.at("/options/0/value").asText()).status()).isEqualTo(202);
                JsonNode token = flow.awaitStatus(secondRound, "CHALLENGED").at("/challenges/0");
                SlowMember slow = SlowMember.create(b.api(), "sleep:3000");
                Await.until(() -> SlowBank.calls(dir, slow.job()), c -> !c.isEmpty(), Duration.ofSeconds(30),
                        "the slow step to begin");

                postgres.stop();

                Api late = new Api(b.port(), "late", "late-key-0123456789");
                List<Reply> whileDown = all(
                        () -> new Api(a.port(), null, null).get("/health"),
                        () -> new Api(b.port(), null, null).get("/health"),
                        () -> a.api().get(flow.path(firstRound, "status")),
                        () -> late.get("/users"),
                        () -> b.api().put(flow.path(secondRound, "resume"), "{\"member\": {\"challenges\": [{\"guid\": \""
                                + token.get("guid").asText() + "\", \"value\": \"correct\"}]}}"),
                        () -> a.api().post("/users", "{\"user\": {\"id\": \"during-outage\"}}"));
                for (Reply reply : whileDown) {
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
                    assertThat(reply.errorMessage()).contains("database");
                }
                Duration stopping = b.terminate(Duration.ofSeconds(SHUTDOWN_WAIT_S * 2 + 10 + 5));
                System.out.println("SIGTERM with the database stopped took " + stopping.toMillis() + " ms");

                postgres.startAgain();
                Await.until(() -> a.api().get("/health").status(), s -> s == 200, Duration.ofSeconds(30),
                        Duration.ofMillis(200), "node-a to see the database again");
                try (Node b2 = b.restart()) {
                    b2.awaitReady();
                    Flow onB = new Flow(b2.api(), flow.userGuid);
                    assertThat(onB.resume(firstRound, options.get("guid").asText(), options.at("/options/0/value").asText()).status()).isEqualTo(202);
                    answerToken(onB, firstRound);
                    answerToken(onB, secondRound);
                    slow.awaitConnected(b2.api(), Duration.ofSeconds(60));

                    JsonNode after = onB.status(connected);
                    assertThat(after.get("connection_status").asText()).isEqualTo("CONNECTED");
                    assertThat(after.get("successfully_aggregated_at")).isEqualTo(before.get("successfully_aggregated_at"));
                    assertThat(transactionCount(b2.api(), flow, connected)).isEqualTo(transactions);
                    assertThat(b2.api().get("/users?id=during-outage").json().get("users")).isEmpty();
                    // the step that was running when the database went away could not write its result: it ran again
                    assertThat(SlowBank.calls(dir, slow.job())).extracting(SlowBank.Call::event)
                            .containsExactly("begin", "end", "begin", "end");
                }
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void answerToken(Flow flow, String member) {
        JsonNode status = flow.awaitStatus(member, "CHALLENGED");
        JsonNode challenge = status.at("/challenges/0");
        assertThat(challenge.get("type").asText()).isEqualTo("TOKEN");
        assertThat(flow.resume(member, challenge.get("guid").asText(), "correct").status()).isEqualTo(202);
        assertThat(flow.awaitStatus(member, "CONNECTED").get("is_authenticated").asBoolean()).isTrue();
    }

    private static int transactionCount(Api api, Flow flow, String member) {
        return api.get(flow.path(member, "transactions?records_per_page=10")).json().at("/pagination/total_entries").asInt();
    }

    /** Sends every request at once: each waits for the pool's connection timeout while the database is gone. */
    @SafeVarargs
    private static List<Reply> all(Supplier<Reply>... requests) {
        ExecutorService senders = Executors.newFixedThreadPool(requests.length);
        try {
            List<CompletableFuture<Reply>> sent = Arrays.stream(requests)
                    .map(r -> CompletableFuture.supplyAsync(r, senders)).toList();
            return sent.stream().map(CompletableFuture::join).toList();
        } finally {
            senders.shutdownNow();
        }
    }
}
