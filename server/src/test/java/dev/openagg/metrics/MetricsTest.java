package dev.openagg.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.Config;
import dev.openagg.support.Await;
import dev.openagg.support.FreshServerTest;
import dev.openagg.support.Receiver;
import dev.openagg.support.RawHttp;
import dev.openagg.support.TestServer;
import dev.openagg.support.Webhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricsTest extends FreshServerTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String RESUME = "/users/{user_identifier}/members/{member_identifier}/resume";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Scrapes as Prometheus does, with its {@code Accept} header; {@code authorization} null for none. */
    private static String scrape(int port, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                .header("Accept", "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.1");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> reply = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            return reply.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String scrape() {
        return scrape(server.port(), "Basic " + Base64.getEncoder().encodeToString(
                (TestServer.CLIENT_ID + ":" + TestServer.API_KEY).getBytes(StandardCharsets.UTF_8)));
    }

    /** The value of the series written exactly as {@code series} (name and labels), failing when it is absent. */
    private static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no series " + series + " in:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    @Test
    void after_the_guides_flow_the_job_challenge_webhook_and_request_series_count_what_happened() {
        try (Receiver receiver = Receiver.start()) {
            String webhook = Webhook.register(api, receiver.url(), true)[0];
            String member = flow.member("challenge", true);
            flow.start(member, "fetch_tax_documents");
            assertThat(value(Await.until(this::scrape, t -> t.contains("openagg_challenges_open 1.0"), BOUND,
                    "the challenge open"), "openagg_challenges_open")).isEqualTo(1);
            JsonNode challenge = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0");
            assertThat(flow.resume(member, challenge.get("guid").asText(), "correct").status()).isEqualTo(202);
            flow.awaitStatus(member, "CONNECTED");
            long deliveries = Await.until(() -> api.get("/webhooks/" + webhook + "/deliveries").json(),
                    d -> d.at("/pagination/total_entries").asInt() > 0 && !d.toString().contains("PENDING"), BOUND,
                    "every delivery delivered").at("/pagination/total_entries").asLong();

            String text = scrape();
            assertThat(value(text, "openagg_jobs_started_total{kind=\"TAX_DOCUMENTS\"}")).isEqualTo(1);
            assertThat(value(text, "openagg_jobs_ended_total{kind=\"TAX_DOCUMENTS\",status=\"CONNECTED\"}")).isEqualTo(1);
            assertThat(value(text, "openagg_challenges_answered_total")).isEqualTo(1);
            assertThat(value(text, "openagg_challenges_expired_total")).isZero();
            assertThat(value(text, "openagg_challenges_open")).isZero();
            assertThat(value(text, "openagg_job_step_seconds_count{kind=\"TAX_DOCUMENTS\"}")).isEqualTo(2);
            assertThat(value(text, "openagg_webhook_deliveries{status=\"DELIVERED\"}")).isEqualTo(deliveries);
            assertThat(value(text, "openagg_webhook_deliveries{status=\"PENDING\"}")).isZero();
            assertThat(value(text, "openagg_webhook_oldest_pending_age_seconds")).isZero();
            assertThat(value(text, "http_server_requests_seconds_count{method=\"PUT\",route=\"" + RESUME
                    + "\",status=\"202\"}")).isEqualTo(1);
            assertThat(text).contains("http_server_requests_seconds_bucket{method=\"PUT\",route=\"" + RESUME
                    + "\",status=\"202\",le=");
            assertThat(value(text, "openagg_db_pool_connections{state=\"total\"}")).isPositive();
            assertThat(text).contains("jvm_memory_used_bytes{", "jvm_gc_", "openagg_request_log_dropped_total 0.0");
            assertThat(text).as("no series names a client, user or member")
                    .doesNotContain(member, flow.userGuid, TestServer.CLIENT_ID);
        }
    }

    @Test
    void a_challenge_left_unanswered_past_its_lifetime_counts_as_expired() {
        String member = flow.member("challenge", true);
        flow.start(member, "fetch_tax_documents");
        flow.awaitStatus(member, "CHALLENGED");
        server.clock.advance(Duration.ofMinutes(11));
        flow.awaitStatus(member, "EXPIRED");
        String text = scrape();
        assertThat(value(text, "openagg_challenges_expired_total")).isEqualTo(1);
        assertThat(value(text, "openagg_jobs_ended_total{kind=\"TAX_DOCUMENTS\",status=\"EXPIRED\"}")).isEqualTo(1);
        assertThat(value(text, "openagg_challenges_open")).isZero();
    }

    @Test
    void on_the_api_port_metrics_need_an_api_clients_credentials() {
        RawHttp.Response anonymous = RawHttp.send(server.port(), "GET /metrics HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorMessage()).isNotBlank();
        assertThat(scrape()).contains("openagg_challenges_open");
    }

    @Test
    void with_a_metrics_port_they_are_served_there_without_credentials_and_not_on_the_api_port() {
        Config config = TestServer.config().withObserve(new Config.ObserveSettings(7, 0));
        try (TestServer separate = TestServer.start(config)) {
            assertThat(separate.app().metricsPort()).isNotEqualTo(separate.port());
            assertThat(scrape(separate.app().metricsPort(), null)).contains("openagg_challenges_open", "jvm_memory_used_bytes");
            RawHttp.Response onApi = RawHttp.send(separate.port(), "GET /metrics HTTP/1.1\r\nHost: localhost\r\n"
                    + RawHttp.basic(TestServer.CLIENT_ID, TestServer.API_KEY) + "Connection: close\r\n\r\n");
            assertThat(onApi.status()).isEqualTo(404);
            RawHttp.Response elsewhere = RawHttp.send(separate.app().metricsPort(),
                    "GET /users HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(elsewhere.status()).isEqualTo(404);
        }
    }
}
