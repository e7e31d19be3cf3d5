package dev.openagg.clock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.Receiver;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import dev.openagg.support.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.TemporalUnitOffset;
import org.junit.jupiter.api.Test;

/**
 * Per-client test clocks on a real server (whose own clock stands still): advancing one client's clock moves that
 * client's world only, through the same engine, writers and webhooks as real time passing would.
 */
class ClientClockTest extends ServerTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final long MONTH = Duration.ofDays(31).toSeconds();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void advancing_a_clock_by_31_days_brings_a_month_of_transactions_posts_pending_ones_a_statement_and_expires_a_challenge_for_that_client_only() {
        Api mover = server.otherClient("clock-mover");
        Api bystander = server.otherClient("clock-bystander");
        Receiver receiver = Receiver.start();
        try {
            Webhook.register(mover, receiver.url(), false);
            Flow moving = new Flow(mover);
            Flow still = new Flow(bystander);
            String member = moving.member("password", false);
            moving.awaitStatus(member, "CONNECTED");
            String challenged = moving.member("challenge", false);
            moving.awaitStatus(challenged, "CHALLENGED");
            assertThat(finish(moving, member, "fetch_statements").get("connection_status").asText()).isEqualTo("CONNECTED");
            int statementsBefore = statements(mover, moving, member).size();
            Map<String, String> before = statuses(mover, moving, member);
            List<String> pending = before.entrySet().stream().filter(e -> e.getValue().equals("PENDING"))
                    .map(Map.Entry::getKey).toList();
            assertThat(pending).as("MX Bank's transactions of today and yesterday are pending").isNotEmpty();

            String other = still.member("password", false);
            JsonNode otherBefore = still.awaitStatus(other, "CONNECTED");
            Map<String, String> otherTransactions = statuses(bystander, still, other);

            JsonNode clock = advance(mover, "{\"clock\": {\"advance_seconds\": " + MONTH + "}}");
            Instant moverNow = server.clock.instant().plusSeconds(MONTH);
            assertThat(clock.get("offset_seconds").asLong()).isEqualTo(MONTH);
            assertThat(Instant.parse(clock.get("now").asText())).isEqualTo(moverNow);

            assertThat(moving.awaitStatus(challenged, "EXPIRED").get("connection_status").asText())
                    .as("the open challenge's ten minutes ran out on the client's clock").isEqualTo("EXPIRED");

            JsonNode aggregated = finish(moving, member, "aggregate");
            assertThat(Instant.parse(aggregated.get("aggregated_at").asText()))
                    .as("aggregated_at is on the client's clock").isCloseTo(moverNow, within());
            Map<String, String> after = statuses(mover, moving, member);
            assertThat(after.size() - before.size()).as("about a month of new transactions").isGreaterThan(60);
            assertThat(pending).allSatisfy(guid ->
                    assertThat(after.get(guid)).as("pending " + guid + " under the same guid").isEqualTo("POSTED"));
            assertThat(finish(moving, member, "fetch_statements").get("connection_status").asText()).isEqualTo("CONNECTED");
            assertThat(statements(mover, moving, member).size()).as("a new monthly statement per bank account")
                    .isGreaterThan(statementsBefore);

            JsonNode completed = Await.until(() -> receiver.received().stream().map(Receiver.Received::json)
                            .filter(e -> e.path("type").asText().equals("STATEMENT")
                                    && e.path("member_guid").asText().equals(member)).toList(),
                    events -> events.size() == 2, BOUND, "both statement webhooks").get(1);
            assertThat(Instant.ofEpochSecond(completed.get("completed_at").asLong()))
                    .as("the webhook's completed_at is on the client's clock").isCloseTo(moverNow, within());
            assertThat(completed.get("completed_on").asText()).isEqualTo(moverNow.toString().substring(0, 10));

            JsonNode otherClock = bystander.get("/sandbox/clock").json().get("clock");
            assertThat(otherClock.get("offset_seconds").asLong()).isZero();
            assertThat(Instant.parse(otherClock.get("now").asText())).isEqualTo(server.clock.instant());
            JsonNode otherNow = still.status(other);
            assertThat(otherNow.get("aggregated_at").asText()).isEqualTo(otherBefore.get("aggregated_at").asText());
            assertThat(statuses(bystander, still, other)).isEqualTo(otherTransactions);
            JsonNode otherAgain = finish(still, other, "aggregate");
            assertThat(Instant.parse(otherAgain.get("aggregated_at").asText())).as("the other client's clock")
                    .isCloseTo(server.clock.instant(), within());
            assertThat(statuses(bystander, still, other)).as("no new days for the other client")
                    .isEqualTo(otherTransactions);
        } finally {
            receiver.close();
        }
    }

    @Test
    void advance_to_sets_the_clock_to_that_time_and_the_clients_data_and_timestamps_follow_it() {
        Api client = server.otherClient("clock-to");
        Instant target = server.clock.instant().plus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
        JsonNode clock = advance(client, "{\"clock\": {\"advance_to\": \"" + target + "\"}}");
        assertThat(Instant.parse(clock.get("now").asText())).isEqualTo(target);
        assertThat(clock.get("offset_seconds").asLong())
                .isEqualTo(Duration.between(server.clock.instant(), target).toSeconds());
        assertThat(client.get("/sandbox/clock").json().at("/clock/now").asText()).isEqualTo(target.toString());

        Flow flow = new Flow(client);
        String member = flow.member("password", false);
        JsonNode connected = flow.awaitStatus(member, "CONNECTED");
        assertThat(Instant.parse(connected.get("aggregated_at").asText())).isCloseTo(target, within());
        List<JsonNode> transactions = client.allPages(flow.path(member, "transactions"), "transactions");
        assertThat(transactions).isNotEmpty().allSatisfy(t -> assertThat(Instant.parse(t.get("created_at").asText()))
                .as("created_at on the client's clock").isCloseTo(target, within()));
        LocalDate today = LocalDate.ofInstant(target, ZoneOffset.UTC);
        LocalDate latest = transactions.stream().map(t -> LocalDate.parse(t.get("date").asText().substring(0, 10)))
                .max(LocalDate::compareTo).orElseThrow();
        assertThat(latest).as("MX Bank's data runs up to the client's today").isBetween(today.minusDays(3), today);
    }

    @Test
    void a_webhook_retry_waiting_on_the_server_clock_is_sent_once_the_clients_clock_passes_its_time() {
        Api client = server.otherClient("clock-retry");
        Receiver receiver = Receiver.start();
        try {
            String webhook = Webhook.register(client, receiver.url(), true)[0];
            receiver.failNext(1);
            new Flow(client).member("password", true);
            JsonNode waiting = Await.until(() -> client.get("/webhooks/" + webhook + "/deliveries").json()
                            .get("deliveries").get(0),
                    d -> d.path("status").asText().equals("PENDING") && !d.path("attempts").isEmpty(), BOUND,
                    "a failed first attempt, its retry waiting");
            assertThat(receiver.received()).hasSize(1);

            advance(client, "{\"clock\": {\"advance_seconds\": 86400}}");
            JsonNode delivered = Await.until(() -> client.get("/webhooks/" + webhook + "/deliveries").json()
                            .get("deliveries").get(0),
                    d -> d.path("status").asText().equals("DELIVERED"), BOUND, "the retry, sent at once");
            assertThat(delivered.get("guid").asText()).isEqualTo(waiting.get("guid").asText());
            assertThat(receiver.received()).hasSize(2);
            assertThat(receiver.received().get(1).body()).isEqualTo(receiver.received().get(0).body());
        } finally {
            receiver.close();
        }
    }

    @Test
    void a_step_the_connector_delayed_runs_once_the_clients_clock_passes_its_time() {
        Api client = server.otherClient("clock-delayed");
        Flow flow = new Flow(client);
        String member = customMember(client, flow, """
                {"steps": [{"delay_seconds": 3600}], "outcome": "CONNECTED",
                 "data": {"accounts": [{"id": "chk", "name": "Slow Checking", "type": "CHECKING", "balance": 10}]}}""");
        assertThat(flow.awaitStatus(member, "DELAYED").get("is_being_aggregated").asBoolean())
                .as("an hour's pause on a server clock that stands still").isTrue();
        advance(client, "{\"clock\": {\"advance_seconds\": 3601}}");
        // The scheduler looks for due steps as the server's clock moves: by seconds, far short of the hour.
        server.clock.advance(Duration.ofSeconds(5));
        JsonNode connected = flow.awaitStatus(member, "CONNECTED");
        assertThat(Instant.parse(connected.get("aggregated_at").asText()))
                .isCloseTo(server.clock.instant().plusSeconds(3601), within());
    }

    @Test
    void a_clock_never_goes_back_and_nonsense_or_too_far_is_a_422_that_changes_nothing() {
        Api client = server.otherClient("clock-refusals");
        String[] bodies = {
            "{\"clock\": {\"advance_seconds\": -1}}",
            "{\"clock\": {\"advance_seconds\": 0}}",
            "{\"clock\": {\"advance_seconds\": 1.5}}",
            "{\"clock\": {\"advance_seconds\": \"60\"}}",
            "{\"clock\": {\"advance_seconds\": 100000000000000000000000}}",
            "{\"clock\": {\"advance_seconds\": " + (ClientClocks.MOST_AHEAD.toSeconds() + 1) + "}}",
            "{\"clock\": {\"advance_seconds\": 60, \"advance_to\": \"2099-01-01T00:00:00Z\"}}",
            "{\"clock\": {}}",
            "{\"clock\": {\"advance_to\": \"2001-01-01T00:00:00Z\"}}",
            "{\"clock\": {\"advance_to\": \"" + server.clock.instant() + "\"}}",
            "{\"clock\": {\"advance_to\": \"next tuesday\"}}",
            "{\"clock\": {\"advance_to\": 1893456000}}",
            "{\"clock\": {\"advance_to\": \"+999999999-12-31T23:59:59Z\"}}",
            "{\"clock\": {\"advance_to\": \"" + server.clock.instant().plus(Duration.ofDays(3661)) + "\"}}",
        };
        for (String body : bodies) {
            Reply reply = client.post("/sandbox/clock", body);
            assertThat(reply.status()).as(body + " -> " + reply).isEqualTo(422);
            assertThat(reply.json().at("/error/message").asText()).as(body).startsWith("clock").isNotBlank();
        }
        assertThat(client.post("/sandbox/clock", "not json").status()).isEqualTo(400);
        assertThat(client.post("/sandbox/clock", "{\"advance_seconds\": 60}").status()).isEqualTo(400);
        assertThat(client.get("/sandbox/clock").json().at("/clock/offset_seconds").asLong()).isZero();

        advance(client, "{\"clock\": {\"advance_seconds\": " + (ClientClocks.MOST_AHEAD.toSeconds() - 10) + "}}");
        Reply tooFar = client.post("/sandbox/clock", "{\"clock\": {\"advance_seconds\": 11}}");
        assertThat(tooFar.status()).isEqualTo(422);
        assertThat(tooFar.json().at("/error/message").asText()).contains("at most 3660 days ahead");
        assertThat(client.get("/sandbox/clock").json().at("/clock/offset_seconds").asLong())
                .isEqualTo(ClientClocks.MOST_AHEAD.toSeconds() - 10);
    }

    /** A member of the built-in custom_scenario whose password is the login rule {@code rule}. */
    private static String customMember(Api client, Flow flow, String rule) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode fields = body.putObject("member")
                .put("institution_code", "custom_scenario");
        ArrayNode credentials = fields.putArray("credentials");
        client.get("/institutions/custom_scenario/credentials").json().get("credentials").forEach(f ->
                credentials.addObject().put("guid", f.get("guid").asText())
                        .put("value", f.get("field_name").asText().equals("PASSWORD") ? rule : "anyone"));
        Reply reply = client.post(flow.members(), body.toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        return reply.json().at("/member/guid").asText();
    }

    private static JsonNode advance(Api client, String body) {
        Reply reply = client.post("/sandbox/clock", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("clock");
    }

    private static JsonNode finish(Flow flow, String member, String job) {
        Reply started = flow.start(member, job);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return flow.awaitStatus(member, "CONNECTED");
    }

    private static Map<String, String> statuses(Api api, Flow flow, String member) {
        Map<String, String> byGuid = new HashMap<>();
        api.allPages(flow.path(member, "transactions"), "transactions")
                .forEach(t -> byGuid.put(t.get("guid").asText(), t.get("status").asText()));
        return byGuid;
    }

    private static List<JsonNode> statements(Api api, Flow flow, String member) {
        return api.allPages(flow.path(member, "statements"), "statements");
    }

    private static TemporalUnitOffset within() {
        return Assertions.within(1, ChronoUnit.MINUTES);
    }
}
