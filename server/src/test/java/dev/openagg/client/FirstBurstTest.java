package dev.openagg.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A client's first burst: many requests with the same credentials at the same moment, before any has been verified,
 * run one PBKDF2 derivation between them, and all are answered alike.
 */
class FirstBurstTest {
    private static final int REQUESTS = 16;

    @Test
    void concurrent_requests_with_the_same_new_credentials_share_one_derivation() throws Exception {
        try (TestServer server = TestServer.start(TestServer.config())) {
            BasicAuth auth = new BasicAuth(new ClientStore(Jdbi.create(server.config.jdbcUrl()), Clock.systemUTC()),
                    Clock.systemUTC());
            List<String> right = burst(auth, TestServer.CLIENT_ID + ":" + TestServer.API_KEY);
            assertThat(right).hasSize(REQUESTS).containsOnly(TestServer.CLIENT_ID);
            assertThat(auth.derivations()).isEqualTo(1);

            List<String> wrong = burst(auth, TestServer.CLIENT_ID + ":not-the-key");
            assertThat(wrong).hasSize(REQUESTS).containsOnly("401");
            long afterWrong = auth.derivations();
            assertThat(afterWrong).as("a wrong key is never remembered, but requests at one moment share its derivation")
                    .isGreaterThan(1L).isLessThan(1L + REQUESTS);

            assertThat(auth.authenticate(header(TestServer.CLIENT_ID + ":" + TestServer.API_KEY), "127.0.0.9"))
                    .isEqualTo(TestServer.CLIENT_ID);
            assertThat(auth.derivations()).as("the right key, remembered").isEqualTo(afterWrong);
        }
    }

    /** The client each request authenticated as, or its error status, all sent at one moment. */
    private static List<String> burst(BasicAuth auth, String pair) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        try {
            CyclicBarrier together = new CyclicBarrier(REQUESTS);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String from = "127.0.0." + (10 + i);
                answers.add(pool.submit(() -> {
                    together.await();
                    try {
                        return auth.authenticate(header(pair), from);
                    } catch (dev.openagg.api.ApiError e) {
                        return Integer.toString(e.status());
                    }
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String header(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
