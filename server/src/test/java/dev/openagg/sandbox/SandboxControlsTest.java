package dev.openagg.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.Receiver;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import dev.openagg.support.Webhook;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's controls on a real server, with a real webhook receiver: each change arrives as the webhooks the
 * same real change would send, in MX's payloads.
 */
class SandboxControlsTest extends ServerTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    /** The fields of MX's CONNECTION_STATUS and AGGREGATION webhooks. */
    private static final String[] CONNECTION_STATUS_FIELDS = {"action", "connection_status", "connection_status_id",
        "connection_status_message", "member_guid", "type", "user_guid"};
    private static final String[] AGGREGATION_FIELDS = {"action", "completed_at", "completed_on", "is_background",
        "job_guid", "member_guid", "transactions_created_count", "transactions_updated_count", "type", "user_guid",
        "user_id"};
    private Receiver receiver;

    @BeforeAll
    void receive() {
        receiver = Receiver.start();
        Webhook.register(api, receiver.url(), false);
    }

    @AfterAll
    void stopReceiving() {
        receiver.close();
    }

    @Test
    void a_forced_status_shows_the_fields_mx_shows_in_it_and_sends_its_connection_status_webhook() {
        String member = connected();
        JsonNode denied = force(member, "DENIED");
        assertThat(denied.get("connection_status").asText()).isEqualTo("DENIED");
        assertThat(denied.get("needs_updated_credentials").asBoolean()).isTrue();
        assertThat(denied.get("is_being_aggregated").asBoolean()).isFalse();
        assertThat(denied.get("connection_status_message").asText()).startsWith("The credentials entered do not match");
        assertThat(flow.status(member).get("is_authenticated").asBoolean()).isFalse();
        JsonNode event = awaitEvent(member, e -> e.path("connection_status").asText().equals("DENIED"));
        assertThat(event.get("type").asText()).isEqualTo("CONNECTION_STATUS");
        assertThat(event.get("action").asText()).isEqualTo("CHANGED");
        assertThat(event.get("connection_status_id").asInt()).isEqualTo(2);
        assertThat(event.get("user_guid").asText()).isEqualTo(flow.userGuid);
        assertThat(fields(event)).containsExactlyInAnyOrder(CONNECTION_STATUS_FIELDS);

        JsonNode prevented = force(member, "PREVENTED");
        assertThat(prevented.get("needs_updated_credentials").asBoolean()).isTrue();
        assertThat(flow.start(member, "aggregate").status()).as("a PREVENTED member's jobs are refused").isEqualTo(409);
        awaitEvent(member, e -> e.path("connection_status").asText().equals("PREVENTED"));

        JsonNode locked = force(member, "LOCKED");
        assertThat(locked.get("needs_updated_credentials").asBoolean()).isFalse();
        assertThat(locked.get("connection_status_message").asText()).startsWith("Your account is locked");

        JsonNode back = force(member, "CONNECTED");
        assertThat(back.get("connection_status").asText()).isEqualTo("CONNECTED");
        assertThat(flow.status(member).get("is_authenticated").asBoolean()).isTrue();
        assertThat(flow.start(member, "aggregate").status()).isEqualTo(202);
        flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void a_status_a_member_cannot_rest_in_or_a_nonsense_body_is_refused_and_changes_nothing() {
        String member = connected();
        for (String status : List.of("CHALLENGED", "RESUMED", "RECONNECTED", "DELAYED", "CREATED", "UPDATED",
                "PENDING", "SLEEPING")) {
            Reply reply = api.post(control(member, "connection_status"),
                    "{\"member\": {\"connection_status\": \"" + status + "\"}}");
            assertThat(reply.status()).as(status).isEqualTo(422);
            assertThat(reply.json().at("/error/message").asText()).contains(status).contains("CONNECTED");
        }
        assertThat(api.post(control(member, "connection_status"), "{\"member\": {}}").status()).isEqualTo(422);
        assertThat(api.post(control(member, "connection_status"), "{\"member\": {\"connection_status\": 6}}").status())
                .isEqualTo(400);
        assertThat(api.post(control(member, "connection_status"), "not json").status()).isEqualTo(400);
        assertThat(api.post(control(member, "webhooks"), "{\"webhook\": {\"type\": \"HOLDINGS\"}}").status())
                .isEqualTo(422);
        Reply untyped = api.post(control(member, "webhooks"), "{\"webhook\": {\"url\": \"x\"}}");
        assertThat(untyped.status()).as(untyped.toString()).isEqualTo(422);
        assertThat(untyped.json().at("/error/message").asText()).isEqualTo("webhook.type is required");
        assertThat(flow.status(member).get("connection_status").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void another_clients_users_members_and_accounts_are_not_found() {
        String member = connected();
        String account = checking(member).get("guid").asText();
        Api other = server.otherClient("sandbox-other");
        String otherUser = new Flow(other).userGuid;
        List<String> paths = List.of("connection_status", "reset_login", "expire_challenges",
                "background_aggregation", "webhooks");
        for (String tail : paths) {
            Reply reply = other.post(control(member, tail), body(tail));
            assertThat(reply.status()).as(tail).isEqualTo(404);
            assertThat(reply.json().at("/error/message").asText()).isEqualTo("member not found");
            assertThat(other.post("/sandbox/users/" + otherUser + "/members/" + member + "/" + tail, body(tail))
                    .status()).as(tail + " under the other client's own user").isEqualTo(404);
        }
        String transactions = "{\"transactions\": [{\"amount\": 1, \"date\": \"2020-01-01\", \"description\": \"x\","
                + " \"status\": \"POSTED\"}]}";
        assertThat(other.post("/sandbox/users/" + flow.userGuid + "/accounts/" + account + "/transactions",
                transactions).status()).isEqualTo(404);
        assertThat(other.post("/sandbox/users/" + otherUser + "/accounts/" + account + "/transactions",
                transactions).status()).isEqualTo(404);
        assertThat(flow.status(member).get("connection_status").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void after_reset_login_jobs_end_denied_until_the_credentials_are_updated() {
        String member = connected();
        assertThat(api.post(control(member, "reset_login"), null).status()).isEqualTo(200);
        assertThat(flow.status(member).get("connection_status").asText()).as("nothing changes until a job")
                .isEqualTo("CONNECTED");
        assertThat(flow.start(member, "aggregate").status()).isEqualTo(202);
        flow.awaitStatus(member, "DENIED");
        awaitEvent(member, e -> e.path("connection_status").asText().equals("DENIED"));
        flow.start(member, "aggregate");
        flow.awaitStatus(member, "DENIED");
        flow.start(member, "aggregate");
        flow.awaitStatus(member, "PREVENTED");
        awaitEvent(member, e -> e.path("connection_status").asText().equals("PREVENTED"));

        Reply updated = api.put(flow.path(member, ""), "{\"member\": {\"credentials\": [{\"guid\": \"" + Flow.PASSWORD
                + "\", \"value\": \"password\"}]}}");
        assertThat(updated.status()).isEqualTo(200);
        flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void expire_challenges_expires_the_open_challenge_now_as_if_its_time_ran_out() {
        String member = flow.member("challenge", false);
        JsonNode challenged = flow.awaitStatus(member, "CHALLENGED");
        String challenge = challenged.at("/challenges/0/guid").asText();
        Reply expired = api.post(control(member, "expire_challenges"), null);
        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.json().at("/member/connection_status").asText()).isEqualTo("EXPIRED");
        assertThat(expired.json().at("/member/is_being_aggregated").asBoolean()).isFalse();
        awaitEvent(member, e -> e.path("connection_status").asText().equals("EXPIRED"));
        assertThat(flow.resume(member, challenge, "correct").status()).as("answers after expiry").isEqualTo(409);
        Reply again = api.post(control(member, "expire_challenges"), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().at("/error/message").asText()).contains("no open challenge");
    }

    @Test
    void added_transactions_arrive_with_the_next_aggregation_counted_and_moving_the_balance() {
        String member = connected();
        JsonNode checking = checking(member);
        String account = checking.get("guid").asText();
        BigDecimal before = checking.get("balance").decimalValue();
        String today = LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC).toString();
        Reply added = api.post("/sandbox/users/" + flow.userGuid + "/accounts/" + account + "/transactions",
                "{\"transactions\": [{\"amount\": 12.34, \"date\": \"" + today + "\", \"description\": \"Coffee beans\","
                        + " \"status\": \"POSTED\"}, {\"amount\": 500, \"date\": \"" + today + "\", \"description\":"
                        + " \"Refund\", \"status\": \"PENDING\", \"type\": \"CREDIT\"}]}");
        assertThat(added.status()).isEqualTo(202);
        String posted = added.json().at("/transactions/0/id").asText();
        String pending = added.json().at("/transactions/1/id").asText();
        assertThat(api.get(flow.path(member, "transactions") + "?records_per_page=100").json().toString())
                .as("nothing shows before the institution reports it").doesNotContain(posted);

        int aggregations = aggregationEvents(member).size();
        assertThat(flow.start(member, "aggregate").status()).isEqualTo(202);
        List<JsonNode> events = Await.until(() -> aggregationEvents(member), e -> e.size() > aggregations, BOUND,
                "the aggregation's webhook");
        JsonNode event = events.get(events.size() - 1);
        assertThat(event.get("transactions_created_count").asInt()).isEqualTo(2);
        assertThat(event.get("is_background").asBoolean()).isFalse();
        assertThat(checking(member).get("balance").decimalValue())
                .isEqualByComparingTo(before.subtract(new BigDecimal("12.34")));
        List<JsonNode> listed = api.allPages("/users/" + flow.userGuid + "/accounts/" + account + "/transactions",
                "transactions");
        JsonNode coffee = listed.stream().filter(t -> t.get("id").asText().equals(posted)).findFirst().orElseThrow();
        assertThat(coffee.get("status").asText()).isEqualTo("POSTED");
        assertThat(coffee.get("description").asText()).isEqualTo("Coffee beans");
        assertThat(coffee.get("amount").decimalValue()).isEqualByComparingTo("12.34");
        assertThat(listed).anyMatch(t -> t.get("id").asText().equals(pending) && t.get("status").asText().equals("PENDING"));

        flow.start(member, "aggregate");
        List<JsonNode> again = Await.until(() -> aggregationEvents(member), e -> e.size() > events.size(), BOUND,
                "the next aggregation's webhook");
        assertThat(again.get(again.size() - 1).get("transactions_created_count").asInt())
                .as("reported again, not added again").isZero();
        assertThat(checking(member).get("balance").decimalValue())
                .isEqualByComparingTo(before.subtract(new BigDecimal("12.34")));
    }

    @Test
    void transactions_that_make_no_sense_are_refused_naming_each_problem() {
        String member = connected();
        String path = "/sandbox/users/" + flow.userGuid + "/accounts/" + checking(member).get("guid").asText()
                + "/transactions";
        Reply bad = api.post(path, "{\"transactions\": [{\"amount\": -5, \"date\": \"2999-01-01\", \"description\": \"\","
                + " \"status\": \"SETTLED\", \"type\": \"SIDEWAYS\"}, {\"amount\": 1.234, \"date\": \"yesterday\","
                + " \"description\": \"ok\", \"status\": \"POSTED\"}]}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().at("/error/message").asText()).contains("transactions[0].amount", "transactions[0].date",
                "transactions[0].description", "transactions[0].status", "transactions[0].type",
                "transactions[1].amount", "transactions[1].date");
        assertThat(api.post(path, "{\"transactions\": []}").status()).isEqualTo(422);
        assertThat(api.post(path, "{\"transaction\": {}}").status()).isEqualTo(400);
        assertThat(api.post("/sandbox/users/" + flow.userGuid + "/accounts/ACT-missing/transactions",
                "{\"transactions\": []}").status()).isEqualTo(404);
    }

    @Test
    void background_aggregation_runs_one_now_and_its_webhook_says_so() {
        String member = connected();
        Reply started = api.post(control(member, "background_aggregation"), null);
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().at("/member/is_being_aggregated").asBoolean()).isTrue();
        JsonNode event = awaitEvent(member, e -> e.path("type").asText().equals("AGGREGATION")
                && e.path("is_background").asBoolean());
        assertThat(event.get("action").asText()).isEqualTo("member_data_updated");
        assertThat(event.get("user_id").isNull()).isTrue();
        assertThat(fields(event)).containsExactlyInAnyOrder(AGGREGATION_FIELDS);
        flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void each_webhook_type_can_be_sent_for_the_member_as_it_stands() {
        String member = connected();
        int before = eventsOf(member).size();
        for (String type : List.of("CONNECTION_STATUS", "AGGREGATION", "MEMBER")) {
            assertThat(api.post(control(member, "webhooks"), "{\"webhook\": {\"type\": \"" + type + "\"}}").status())
                    .as(type).isEqualTo(202);
        }
        List<JsonNode> sent = Await.until(() -> eventsOf(member), e -> e.size() >= before + 3, BOUND, "three events")
                .subList(before, before + 3);
        assertThat(sent).extracting(e -> e.get("type").asText())
                .containsExactlyInAnyOrder("CONNECTION_STATUS", "AGGREGATION", "MEMBER");
        JsonNode status = sent.stream().filter(e -> e.get("type").asText().equals("CONNECTION_STATUS")).findFirst().orElseThrow();
        assertThat(status.get("connection_status").asText()).isEqualTo("CONNECTED");
        assertThat(status.get("connection_status_id").asInt()).isEqualTo(6);
        assertThat(fields(status)).containsExactlyInAnyOrder(CONNECTION_STATUS_FIELDS);
        JsonNode aggregation = sent.stream().filter(e -> e.get("type").asText().equals("AGGREGATION")).findFirst().orElseThrow();
        assertThat(aggregation.get("transactions_created_count").asInt()).isZero();
        assertThat(aggregation.get("job_guid").isTextual()).isTrue();
        assertThat(fields(aggregation)).containsExactlyInAnyOrder(AGGREGATION_FIELDS);
        JsonNode memberEvent = sent.stream().filter(e -> e.get("type").asText().equals("MEMBER")).findFirst().orElseThrow();
        assertThat(memberEvent.get("action").asText()).isEqualTo("UPDATED");
        assertThat(memberEvent.at("/member/connection_status").asText()).isEqualTo("CONNECTED");
        assertThat(fields(memberEvent)).containsExactlyInAnyOrder("action", "callback_payload", "member", "type");
    }

    private static List<String> fields(JsonNode event) {
        List<String> names = new java.util.ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private String connected() {
        String member = flow.member("password", false);
        flow.awaitStatus(member, "CONNECTED");
        Await.until(() -> aggregationEvents(member), e -> !e.isEmpty(), BOUND, "the first aggregation's webhook");
        return member;
    }

    private JsonNode force(String member, String status) {
        Reply reply = api.post(control(member, "connection_status"),
                "{\"member\": {\"connection_status\": \"" + status + "\"}}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("member");
    }

    private String control(String member, String tail) {
        return "/sandbox/users/" + flow.userGuid + "/members/" + member + "/" + tail;
    }

    private static String body(String tail) {
        return switch (tail) {
            case "connection_status" -> "{\"member\": {\"connection_status\": \"DENIED\"}}";
            case "webhooks" -> "{\"webhook\": {\"type\": \"MEMBER\"}}";
            default -> null;
        };
    }

    private JsonNode checking(String member) {
        return api.get(flow.path(member, "accounts")).json().findParents("type").stream()
                .filter(a -> a.get("type").asText().equals("CHECKING")).findFirst().orElseThrow();
    }

    private List<JsonNode> eventsOf(String member) {
        return receiver.received().stream().map(Receiver.Received::json)
                .filter(e -> member.equals(e.path("member_guid").asText(e.at("/member/guid").asText()))).toList();
    }

    private List<JsonNode> aggregationEvents(String member) {
        return eventsOf(member).stream().filter(e -> e.get("type").asText().equals("AGGREGATION")).toList();
    }

    private JsonNode awaitEvent(String member, Predicate<JsonNode> wanted) {
        return Await.until(() -> eventsOf(member).stream().filter(wanted).findFirst(), java.util.Optional::isPresent,
                BOUND, "a webhook event for " + member).orElseThrow();
    }
}
