package dev.openagg.background;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.Config;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.MutableClock;
import dev.openagg.support.Postgres;
import dev.openagg.support.Receiver;
import dev.openagg.support.TestKeys;
import dev.openagg.support.TestServer;
import dev.openagg.support.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Background aggregation with two nodes on one PostgreSQL database, the period shortened to an hour and the clock
 * moved by the test: each member without {@code background_aggregation_is_disabled} gets exactly one background job
 * a period, whichever node starts it.
 */
class TwoNodeBackgroundAggregationTest {
    private static final Duration PERIOD = Duration.ofHours(1);
    private static final Duration BOUND = Duration.ofSeconds(40);

    @Test
    void every_enabled_member_gets_one_background_job_per_period_across_two_nodes() {
        String url = Postgres.newDatabase();
        Config config = TestServer.config().withDatabase(url, "postgres", "postgres").withKeys(TestKeys.settings())
                .withSandbox(new Config.SandboxSettings(true, PERIOD));
        MutableClock clock = MutableClock.ofNow();
        try (Receiver receiver = Receiver.start(); TestServer one = TestServer.start(config, clock)) {
            TestServer two = TestServer.start(config, clock);
            try {
                Api a = one.api();
                Flow flow = new Flow(a);
                Webhook.register(a, receiver.url(), false);
                List<String> enabled = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    enabled.add(flow.member("password", false));
                }
                String disabled = member(a, flow, "password", "\"background_aggregation_is_disabled\": true");
                String challenged = member(a, flow, "challenge", "\"skip_aggregation\": true");
                for (String m : enabled) {
                    flow.awaitStatus(m, "CONNECTED");
                }
                flow.awaitStatus(disabled, "CONNECTED");

                clock.advance(toEndOfPeriodAfterNext(clock.instant()));
                Await.until(() -> background(receiver), b -> b.keySet().containsAll(enabled), BOUND,
                        "a background aggregation of every enabled member");
                JsonNode mfa = awaitStatusEvent(receiver, challenged, "CHALLENGED");
                assertThat(mfa.get("connection_status_message").asText()).contains("answer the following challenge");
                assertThat(new Flow(two.api(), flow.userGuid).status(challenged).get("connection_status").asText())
                        .isEqualTo("CHALLENGED");

                clock.advance(PERIOD);
                Map<String, Long> twice = Await.until(() -> background(receiver),
                        b -> enabled.stream().allMatch(m -> b.getOrDefault(m, 0L) >= 2), BOUND,
                        "a second background aggregation of every enabled member");
                awaitStatusEvent(receiver, challenged, "EXPIRED");

                for (String m : enabled) {
                    assertThat(twice.get(m)).as("background jobs of " + m + " in two periods").isEqualTo(2);
                }
                assertThat(twice).doesNotContainKey(disabled);
                Jdbi db = Jdbi.create(url, "postgres", "postgres");
                Map<String, Integer> jobs = db.withHandle(h -> h.createQuery(
                                "SELECT member_guid, COUNT(*) AS n FROM job GROUP BY member_guid")
                        .map((rs, c) -> Map.entry(rs.getString("member_guid"), rs.getInt("n"))).list())
                        .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                enabled.forEach(m -> assertThat(jobs.get(m)).as("jobs of " + m).isEqualTo(3));
                assertThat(jobs.get(disabled)).isEqualTo(1);
                int claims = db.withHandle(h -> h.createQuery(
                                "SELECT COUNT(*) FROM background_aggregation WHERE member_guid = :m")
                        .bind("m", challenged).mapTo(Integer.class).one());
                assertThat(claims).as("periods claimed for the challenged member").isEqualTo(2);
            } finally {
                two.stop();
            }
        }
    }

    private static String member(Api api, Flow flow, String password, String extra) {
        String body = Flow.memberBody("mxuser", password, false).replace("\"skip_aggregation\": false", extra);
        return api.post(flow.members(), body).json().at("/member/guid").asText();
    }

    /**
     * How far to move the clock to stand a second before the end of the period after the next: every member created
     * in the current period, whose first moment comes at least half a period after its creation, is then due.
     */
    private static Duration toEndOfPeriodAfterNext(Instant now) {
        long period = PERIOD.toMillis();
        long nextEnd = Math.floorDiv(now.toEpochMilli(), period) * period + 3 * period - 1000;
        return Duration.ofMillis(nextEnd - now.toEpochMilli());
    }

    /** Background AGGREGATION events received, by member. */
    private static Map<String, Long> background(Receiver receiver) {
        return receiver.received().stream().map(Receiver.Received::json)
                .filter(e -> e.path("type").asText().equals("AGGREGATION") && e.path("is_background").asBoolean())
                .collect(Collectors.groupingBy(e -> e.get("member_guid").asText(), Collectors.counting()));
    }

    private static JsonNode awaitStatusEvent(Receiver receiver, String member, String status) {
        return Await.until(() -> receiver.received().stream().map(Receiver.Received::json)
                        .filter(e -> member.equals(e.path("member_guid").asText())
                                && status.equals(e.path("connection_status").asText())).findFirst(),
                java.util.Optional::isPresent, BOUND, member + " " + status + " event").orElseThrow();
    }
}
