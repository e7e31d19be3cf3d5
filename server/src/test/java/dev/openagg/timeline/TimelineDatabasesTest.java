package dev.openagg.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Flow;
import dev.openagg.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A transition's timeline entries are stored together, in one multi-row insert; each database must keep them in the
 * order the transition made them, which the timeline shows.
 */
class TimelineDatabasesTest {

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void the_entries_of_each_transition_keep_their_order_on_each_database(String db) {
        try (TestServer server = TestServer.start(TestServer.config(db))) {
            Api api = server.api();
            Flow flow = new Flow(api);
            String member = flow.member("challenge", true);
            assertThat(flow.start(member, "aggregate").status()).isEqualTo(202);
            JsonNode challenge = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0");
            assertThat(flow.resume(member, challenge.get("guid").asText(), "correct").status()).isEqualTo(202);
            flow.awaitStatus(member, "CONNECTED");

            JsonNode timeline = api.get(flow.path(member, "timeline?records_per_page=100")).json().get("timeline");
            List<String> kinds = new ArrayList<>();
            List<String> times = new ArrayList<>();
            timeline.forEach(e -> {
                String kind = e.get("kind").asText();
                if (!kind.equals("WEBHOOK_DELIVERY")) {
                    kinds.add(kind.equals("STATUS_CHANGED") ? kind + ":" + e.at("/detail/to").asText() : kind);
                }
                times.add(e.get("at").asText());
            });
            // Written together: the start's two entries, the challenge's two, the answer's two, the end's three.
            assertThat(kinds).containsSubsequence("JOB_STARTED", "STATUS_CHANGED:CHALLENGED", "CHALLENGES_SHOWN",
                    "ANSWERS_RECEIVED", "STATUS_CHANGED:RESUMED", "DATA_STORED", "STATUS_CHANGED:CONNECTED",
                    "JOB_ENDED");
            assertThat(kinds.get(kinds.indexOf("STATUS_CHANGED:CHALLENGED") + 1)).isEqualTo("CHALLENGES_SHOWN");
            assertThat(kinds.get(kinds.indexOf("ANSWERS_RECEIVED") + 1)).isEqualTo("STATUS_CHANGED:RESUMED");
            assertThat(kinds.subList(kinds.indexOf("DATA_STORED"), kinds.size()))
                    .containsExactly("DATA_STORED", "STATUS_CHANGED:CONNECTED", "JOB_ENDED");
            assertThat(times).isSorted();
        }
    }

}
