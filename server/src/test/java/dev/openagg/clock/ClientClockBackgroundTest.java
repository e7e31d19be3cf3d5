package dev.openagg.clock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.Config;
import dev.openagg.support.Api;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import dev.openagg.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Background aggregation counts its periods on each client's own clock. */
class ClientClockBackgroundTest {
    private static final Duration PERIOD = Duration.ofHours(24);

    @Test
    void advancing_a_clients_clock_past_its_members_moment_runs_their_background_aggregation_and_no_one_elses() {
        Config config = TestServer.config().withSandbox(new Config.SandboxSettings(true, PERIOD));
        try (TestServer server = TestServer.start(config)) {
            Api mover = server.otherClient("background-mover");
            Api still = server.otherClient("background-still");
            Flow moving = new Flow(mover);
            Flow waiting = new Flow(still);
            String member = moving.member("password", true);
            String other = waiting.member("password", true);
            assertThat(moving.status(member).get("aggregated_at").isNull()).isTrue();

            // The last millisecond of a later period on the mover's clock: every member's moment in it has passed.
            long period = PERIOD.toMillis();
            Instant periodStart = Instant.ofEpochMilli(Math.floorDiv(server.clock.instant().plus(PERIOD.multipliedBy(2))
                    .toEpochMilli(), period) * period);
            Instant lastMoment = periodStart.plus(PERIOD).minusMillis(1);
            Reply advanced = mover.post("/sandbox/clock", "{\"clock\": {\"advance_to\": \"" + lastMoment + "\"}}");
            assertThat(advanced.status()).as(advanced.toString()).isEqualTo(200);

            JsonNode aggregated = moving.awaitStatus(member, "CONNECTED");
            assertThat(Instant.parse(aggregated.get("aggregated_at").asText())).isAfter(periodStart);
            JsonNode untouched = waiting.status(other);
            assertThat(untouched.get("aggregated_at").isNull()).as("the other client's member, on the server's clock")
                    .isTrue();
            assertThat(untouched.get("connection_status").asText()).isEqualTo("CREATED");
        }
    }
}
