package dev.openagg.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.Config;
import dev.openagg.support.Api;
import dev.openagg.support.Flow;
import dev.openagg.support.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** {@code OPENAGG_REQUEST_LOG_DAYS=0}: the whole server running, and not one request kept. */
class RequestLogOffTest {

    @Test
    void with_zero_days_the_guides_requests_are_answered_and_nothing_is_stored() {
        try (TestServer server = TestServer.start(TestServer.config().withObserve(new Config.ObserveSettings(0, null)))) {
            Api api = server.api().withHeader("X-Request-Id", "off-1");
            Flow flow = new Flow(api);
            String member = flow.member("password", false);
            flow.awaitStatus(member, "CONNECTED");
            assertThat(api.get(flow.path(member, "accounts")).status()).isEqualTo(200);

            String metrics = server.api().withHeader("Accept", "*/*").get("/metrics").text();
            assertThat(metrics).as("nothing queued for a writer, nothing dropped")
                    .containsPattern("(?m)^openagg_request_log_waiting(\\{[^}]*})? 0\\.0$")
                    .containsPattern("(?m)^openagg_request_log_dropped_total(\\{[^}]*})? 0\\.0$");
            assertThat(api.get("/requests").json().at("/pagination/total_entries").asInt()).isZero();
            assertThat(api.get("/requests").json().get("requests")).isEmpty();
            assertThat(api.get("/requests/off-1").status()).isEqualTo(404);
            int stored = Jdbi.create(server.config.jdbcUrl()).withHandle(h ->
                    h.createQuery("SELECT COUNT(*) FROM request_log").mapTo(Integer.class).one());
            assertThat(stored).isZero();
        }
    }
}
