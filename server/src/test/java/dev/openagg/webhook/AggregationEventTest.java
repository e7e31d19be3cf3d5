package dev.openagg.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.Receiver;
import dev.openagg.support.Receiver.Received;
import dev.openagg.support.TestServer;
import dev.openagg.support.Webhook;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AGGREGATION event of each kind of job, with the counts of what the job wrote. */
class AggregationEventTest {
    private static final Duration BOUND = Duration.ofSeconds(15);

    @Test
    void each_job_reports_its_type_and_what_it_added_or_changed() {
        try (TestServer server = TestServer.start(); Receiver receiver = Receiver.start()) {
            Api api = server.api();
            Flow flow = new Flow(api);
            Webhook.register(api, receiver.url(), false);
            String member = flow.member("password", true);

            JsonNode first = finish(receiver, flow, member, "aggregate", 1);
            assertThat(first.get("type").asText()).isEqualTo("AGGREGATION");
            assertThat(first.get("transactions_created_count").asInt())
                    .isEqualTo(api.get(flow.path(member, "transactions") + "?records_per_page=10").json()
                            .at("/pagination/total_entries").asInt());
            assertThat(first.get("transactions_updated_count").asInt()).isZero();
            assertThat(first.has("statements_created_count")).isFalse();

            server.clock.advance(Duration.ofDays(3));
            JsonNode later = finish(receiver, flow, member, "aggregate", 2);
            assertThat(later.get("transactions_created_count").asInt()).isPositive();
            assertThat(later.get("transactions_updated_count").asInt()).as("pending transactions that posted").isPositive();

            JsonNode statements = finish(receiver, flow, member, "fetch_statements", 3);
            assertThat(statements.get("type").asText()).isEqualTo("STATEMENT");
            assertThat(statements.get("statements_created_count").asInt())
                    .isEqualTo(api.get(flow.path(member, "statements")).json().at("/pagination/total_entries").asInt())
                    .isPositive();
            assertThat(finish(receiver, flow, member, "fetch_statements", 4).get("statements_created_count").asInt()).isZero();

            assertThat(finish(receiver, flow, member, "fetch_tax_documents", 5).get("type").asText()).isEqualTo("TAX_DOCUMENT");
        }
    }

    /** Starts the job and returns the {@code n}-th AGGREGATION event. */
    private static JsonNode finish(Receiver receiver, Flow flow, String member, String job, int n) {
        assertThat(flow.start(member, job).status()).isEqualTo(202);
        List<JsonNode> events = Await.until(() -> receiver.received().stream().map(Received::json)
                        .filter(j -> j.get("type").asText().matches("AGGREGATION|STATEMENT|TAX_DOCUMENT")).toList(),
                e -> e.size() >= n, BOUND, "AGGREGATION event " + n);
        JsonNode event = events.get(n - 1);
        assertThat(event.get("member_guid").asText()).isEqualTo(member);
        assertThat(event.get("action").asText()).isEqualTo("member_data_updated");
        return event;
    }
}
