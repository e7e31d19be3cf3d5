package dev.openagg.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.secret.KeyFile;
import dev.openagg.secret.Keyring;
import dev.openagg.secret.SecretColumn;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import dev.openagg.support.FreshServerTest;
import dev.openagg.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expiry, concurrency, restarts and lost steps: the engine's guarantees, seen through the API. */
class JobLifecycleTest extends FreshServerTest {
    private Jdbi db;

    @BeforeEach
    void openDatabase() {
        db = Jdbi.create(server.config.jdbcUrl());
    }

    @Test
    void an_unanswered_challenge_expires_after_its_lifetime_and_late_answers_get_409() {
        String member = flow.member("challenge", false);
        String challenge = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0/guid").asText();

        server.clock.advance(Duration.ofMinutes(9));
        assertThat(flow.status(member).get("connection_status").asText()).isEqualTo("CHALLENGED");
        server.clock.advance(Duration.ofMinutes(2));

        JsonNode expired = flow.status(member);
        assertThat(expired.get("connection_status").asText()).isEqualTo("EXPIRED");
        assertThat(expired.get("is_being_aggregated").asBoolean()).isFalse();
        assertThat(expired.get("challenges")).isEmpty();
        assertThat(api.get(flow.path(member, "challenges")).status()).isEqualTo(204);
        Reply late = flow.resume(member, challenge, "correct");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.errorMessage()).contains("expired");
        assertThat(flow.start(member, "aggregate").status()).isEqualTo(202);
        flow.awaitStatus(member, "CHALLENGED");
    }

    @Test
    void the_sweep_expires_challenges_nobody_reads() {
        String member = flow.member("token", false);
        flow.awaitStatus(member, "CHALLENGED");

        server.clock.advance(Duration.ofMinutes(11));

        Await.until(() -> db.withHandle(h -> h.createQuery("SELECT connection_status FROM member WHERE guid = :g")
                .bind("g", member).mapTo(String.class).one()), "EXPIRED"::equals, Duration.ofSeconds(15), "sweep to expire");
    }

    @Test
    void many_resumes_of_one_challenge_at_once_accept_exactly_one() throws Exception {
        String member = flow.member("challenge", false);
        String challenge = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0/guid").asText();

        List<Reply> replies = concurrently(16, () -> flow.resume(member, challenge, "correct"));

        assertThat(replies.stream().filter(r -> r.status() == 202)).hasSize(1);
        assertThat(replies.stream().filter(r -> r.status() == 409)).hasSize(15);
        flow.awaitStatus(member, "CONNECTED");
        assertThat(jobSteps(member)).containsExactly(1);
    }

    @Test
    void two_different_jobs_started_at_once_give_one_202_and_one_409() throws Exception {
        String member = flow.member("challenge", true);
        List<String> kinds = List.of("aggregate", "identify");
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        List<Reply> replies = concurrently(2, () -> flow.start(member, kinds.get(next.getAndIncrement())));

        assertThat(replies).extracting(Reply::status).containsExactlyInAnyOrder(202, 409);
        assertThat(jobCount(member)).isEqualTo(1);
    }

    @Test
    void the_same_job_while_it_runs_answers_202_and_starts_nothing_new() throws Exception {
        String member = flow.member("challenge", true);

        List<Reply> replies = concurrently(8, () -> flow.start(member, "fetch_tax_documents"));

        assertThat(replies).extracting(Reply::status).containsOnly(202);
        assertThat(jobCount(member)).isEqualTo(1);
        flow.awaitStatus(member, "CHALLENGED");
        Api current = api.inVersion("v20250224");
        String job = current.get(flow.path(member, "")).json().at("/member/most_recent_job_guid").asText();
        assertThat(job).startsWith("JOB-");
        assertThat(flow.start(member, "fetch_tax_documents").status()).isEqualTo(202);
        assertThat(current.get(flow.path(member, "")).json().at("/member/most_recent_job_guid").asText()).isEqualTo(job);
        Reply other = flow.start(member, "verify");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.errorMessage()).contains("fetch_tax_documents");
        assertThat(jobCount(member)).isEqualTo(1);
        assertThat(flow.status(member).get("connection_status").asText()).isEqualTo("CHALLENGED");
    }

    @Test
    void a_challenged_job_survives_a_restart_and_resumes_on_the_new_server() {
        String member = flow.member("options", false);
        JsonNode first = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0");

        server.restart();
        api = server.api();
        flow = new Flow(api, flow.userGuid);

        JsonNode same = flow.status(member).at("/challenges/0");
        assertThat(same.get("guid").asText()).isEqualTo(first.get("guid").asText());
        flow.resume(member, first.get("guid").asText(), first.at("/options/0/value").asText());
        JsonNode second = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0");
        flow.resume(member, second.get("guid").asText(), "correct");
        flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void a_running_job_survives_a_restart_and_finishes_on_the_new_server() {
        String member = flow.member("DELAYED", false);
        flow.awaitStatus(member, "DELAYED");

        server.restart();
        api = server.api();
        flow = new Flow(api, flow.userGuid);
        assertThat(flow.status(member).get("is_being_aggregated").asBoolean()).isTrue();
        server.clock.advance(Duration.ofSeconds(3));

        flow.awaitStatus(member, "CONNECTED");
    }

    /**
     * A step the connector put off is written to the scheduler once. Writing it again changes its row's version, so a
     * node that fetched the row just before fails to take it, and takes it only at its next look for due steps.
     */
    @Test
    void a_delayed_step_is_queued_once_so_the_node_that_fetched_it_can_take_it() {
        String member = flow.member("DELAYED", false);
        flow.awaitStatus(member, "DELAYED");

        // The first step's row is deleted when that step ends, after it queued the next one.
        List<Map<String, Object>> queued = Await.until(() -> db.withHandle(h -> h.createQuery("""
                        SELECT t.task_instance, t.picked, t.version FROM scheduled_tasks t
                        JOIN job j ON t.task_instance LIKE CONCAT(j.guid, '#%') WHERE j.member_guid = :m""")
                        .bind("m", member).mapToMap().list()),
                rows -> rows.size() == 1 && !(Boolean) rows.get(0).get("picked"), Duration.ofSeconds(15),
                "only the delayed step to be queued");
        assertThat(((Number) queued.get(0).get("version")).longValue()).as("writes of the queued step").isEqualTo(1);

        server.clock.advance(Duration.ofSeconds(3));
        flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void a_step_lost_before_it_reached_the_scheduler_is_queued_again() {
        String member = flow.member("challenge", false);
        String challenge = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0/guid").asText();
        server.stop();
        // As if the node died between committing the resume and handing its step to the scheduler. The answers are
        // stored as the engine stores them, encrypted under the server's key.
        Keyring keyring = new Keyring(KeyFile.read(server.config.dataDir().resolve(KeyFile.DEFAULT_NAME), "test")
                .get(0), List.of());
        db.useTransaction(h -> {
            String job = h.createQuery("SELECT guid FROM job WHERE member_guid = :m").bind("m", member)
                    .mapTo(String.class).one();
            h.createUpdate("UPDATE job SET phase = 'RUNNING', step = step + 1, challenges = NULL,"
                    + " answers = :answers WHERE guid = :job")
                    .bind("answers", keyring.seal(SecretColumn.JOB_ANSWERS.aad(job),
                            "[{\"challengeGuid\":\"" + challenge + "\",\"value\":\"correct\"}]"))
                    .bind("job", job).execute();
            h.createUpdate("UPDATE member SET connection_status = 'RESUMED' WHERE guid = :m").bind("m", member).execute();
        });
        server = TestServer.start(server.config, server.clock);
        api = server.api();
        flow = new Flow(api, flow.userGuid);
        assertThat(flow.status(member).get("connection_status").asText()).isEqualTo("RESUMED");

        server.clock.advance(Duration.ofSeconds(31));

        flow.awaitStatus(member, "CONNECTED");
    }

    private int jobCount(String member) {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM job WHERE member_guid = :m")
                .bind("m", member).mapTo(Integer.class).one());
    }

    private List<Integer> jobSteps(String member) {
        return db.withHandle(h -> h.createQuery("SELECT step FROM job WHERE member_guid = :m")
                .bind("m", member).mapTo(Integer.class).list());
    }

    private static List<Reply> concurrently(int threads, Callable<Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : futures) {
                replies.add(f.get());
            }
            return replies;
        } finally {
            pool.shutdown();
        }
    }
}
