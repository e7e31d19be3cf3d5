package dev.openagg.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.RawHttp;
import dev.openagg.support.ServerTest;
import dev.openagg.support.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Requests refused before their body is read, sent by a client that is still writing the body when the refusal
 * comes. Closing such a connection at once, with the body's bytes unread, makes the kernel reset it, and the JDK's
 * HTTP client then reports that no response came: for a few in every hundred such requests before the server
 * drained what was still arriving ({@link Lingering}). Every one must now get its refusal.
 */
class RefusedWhileSendingTest extends ServerTest {
    private static final int REQUESTS = 300;
    private static final int THREADS = 4;
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(
            (TestServer.CLIENT_ID + ":" + TestServer.API_KEY).getBytes(StandardCharsets.UTF_8));
    private static final byte[] LARGE_BODY = ("{\"user\": {\"id\": \"" + "z".repeat(600_000) + "\"}}")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void a_body_over_the_limit_is_answered_413_every_time() throws Exception {
        Map<String, Integer> outcomes = sendAll("POST", Map.of());

        assertThat(outcomes).containsOnlyKeys("413 {\"error\":{\"message\":\"the request body is larger than 262144 bytes\"}}");
    }

    @Test
    void a_head_request_with_a_body_over_the_limit_gets_its_413_without_a_body() throws Exception {
        Map<String, Integer> outcomes = sendAll("HEAD", Map.of());

        assertThat(outcomes).containsOnlyKeys("413 ");
    }

    @Test
    void a_head_over_the_limit_sent_with_a_body_is_answered_431_every_time() throws Exception {
        Map<String, Integer> outcomes = sendAll("POST", Map.of("X-Long", "h".repeat(20_000)));

        assertThat(outcomes).containsOnlyKeys("431 {\"error\":{\"message\":\"the request headers are too large\"}}");
    }

    @Test
    void a_client_that_never_stops_sending_after_a_refusal_is_cut_off() throws IOException {
        try (Socket socket = RawHttp.connect(server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /users HTTP/1.1\r\nHost: localhost\r\n" + RawHttp.basic(TestServer.CLIENT_ID,
                    TestServer.API_KEY) + "Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            RawHttp.Response refusal = RawHttp.read(socket);
            assertThat(refusal.status()).isEqualTo(413);
            assertThat(refusal.header("Connection")).isEqualTo("close");
            assertThat(refusal.errorMessage()).contains("larger than 262144 bytes");

            // The server drains for a bounded time: writes go on succeeding while it does, then the connection is
            // reset. Each write is small and paced, so the bound reached is the time, not the bytes.
            long started = System.nanoTime();
            boolean cutOff = false;
            while (!cutOff && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60)) {
                try {
                    out.write(new byte[512]);
                    out.flush();
                    Thread.sleep(20);
                } catch (IOException e) {
                    cutOff = true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            assertThat(cutOff).as("the connection was closed within a minute of the refusal").isTrue();
        }
    }

    /** Sends {@link #REQUESTS} large-bodied requests from several threads; counts each status and body, or failure. */
    private Map<String, Integer> sendAll(String method, Map<String, String> headers) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int i = 0; i < REQUESTS; i++) {
            pool.execute(() -> {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/users"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", AUTHORIZATION)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(LARGE_BODY));
                headers.forEach(request::header);
                String outcome;
                try {
                    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    outcome = response.statusCode() + " " + response.body();
                } catch (IOException e) {
                    outcome = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    outcome = "interrupted";
                }
                outcomes.merge(outcome, 1, Integer::sum);
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).as("all requests answered or failed").isTrue();
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
        return outcomes;
    }
}
