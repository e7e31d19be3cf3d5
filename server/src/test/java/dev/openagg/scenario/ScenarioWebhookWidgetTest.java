package dev.openagg.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Receiver;
import dev.openagg.support.Receiver.Received;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import dev.openagg.support.Webhook;
import dev.openagg.support.Widgets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A scenario institution through the webhooks and the connect widget, as MX Bank goes through them. */
class ScenarioWebhookWidgetTest extends ServerTest {
    private static final Duration BOUND = Duration.ofSeconds(15);

    @Test
    void a_scenario_members_status_changes_and_aggregation_arrive_at_a_real_receiver_in_mxs_payloads() {
        Api own = server.otherClient("scenario-webhooks");
        Scripted client = new Scripted(own);
        client.registered(Scripted.acme("hooked_cu").replace("\"outcome\": \"LOCKED\"",
                "\"outcome\": \"LOCKED\", \"message\": \"Call Acme to unlock.\""));
        try (Receiver receiver = Receiver.start()) {
            Webhook.register(own, receiver.url(), false);

            String member = client.member("hooked_cu", Map.of("LOGIN", "alice", "PASSWORD", "pw"));
            client.answer(member, "smith");
            client.answer(member, "sms");
            client.answer(member, "123456");
            client.flow.awaitStatus(member, "CONNECTED");
            String locked = client.member("hooked_cu", Map.of("LOGIN", "x", "PASSWORD", "locked"));
            client.flow.awaitStatus(locked, "LOCKED");

            List<JsonNode> events = Await.until(() -> receiver.received().stream().map(Received::json).toList(),
                    got -> got.stream().anyMatch(e -> locked.equals(e.path("member_guid").asText())
                            && e.path("connection_status").asText().equals("LOCKED"))
                            && got.stream().anyMatch(e -> e.path("type").asText().equals("AGGREGATION")),
                    BOUND, "the scenario members' events");
            List<JsonNode> alice = events.stream().filter(e -> member.equals(e.path("member_guid").asText())).toList();

            JsonNode challenged = alice.stream().filter(e -> e.get("type").asText().equals("CONNECTION_STATUS"))
                    .findFirst().orElseThrow();
            assertThat(challenged.get("action").asText()).isEqualTo("CHANGED");
            assertThat(challenged.get("connection_status").asText()).isEqualTo("CHALLENGED");
            assertThat(challenged.get("connection_status_id").asInt()).isEqualTo(3);
            assertThat(challenged.get("connection_status_message").asText()).contains("Acme Credit Union");
            assertThat(challenged.get("user_guid").asText()).isEqualTo(client.flow.userGuid);
            JsonNode aggregated = alice.stream().filter(e -> e.get("type").asText().equals("AGGREGATION"))
                    .findFirst().orElseThrow();
            assertThat(aggregated.get("action").asText()).isEqualTo("member_data_updated");
            assertThat(aggregated.get("job_guid").asText()).startsWith("JOB-");
            assertThat(aggregated.get("transactions_created_count").asInt()).isEqualTo(1);
            assertThat(aggregated.get("transactions_updated_count").asInt()).isZero();
            assertThat(aggregated.get("is_background").asBoolean()).isFalse();
            assertThat(aggregated.get("completed_on").asText()).matches("\\d{4}-\\d\\d-\\d\\d");
            JsonNode lockedEvent = events.stream().filter(e -> locked.equals(e.path("member_guid").asText())
                    && e.path("connection_status").asText().equals("LOCKED")).findFirst().orElseThrow();
            assertThat(lockedEvent.get("connection_status_id").asInt()).isEqualTo(5);
            assertThat(lockedEvent.get("connection_status_message").asText()).isEqualTo("Call Acme to unlock.");
        }
        assertThat(api.get("/institutions/hooked_cu").status()).as("another client's institution").isEqualTo(404);
    }

    @Test
    void the_connect_widget_finds_a_scenario_institution_and_takes_its_member_through_every_round_to_connected() {
        Api own = server.otherClient("scenario-widget");
        Scripted client = new Scripted(own);
        client.registered(Scripted.acme("widget_cu"));
        Widgets widgets = new Widgets(own);
        Api page = widgets.session(widgets.open(widgets.url(client.flow.userGuid,
                "\"current_institution_code\": \"widget_cu\"")));

        JsonNode found = page.get("/widget/api/institutions?name=acme").json().get("institutions");
        assertThat(Scripted.list(found, "code")).contains("widget_cu");
        JsonNode fields = page.get("/widget/api/institutions/widget_cu/credentials").json().get("credentials");
        ObjectNode body = Scripted.JSON.createObjectNode();
        ObjectNode member = body.putObject("member").put("institution_code", "widget_cu");
        ArrayNode credentials = member.putArray("credentials");
        Map<String, String> alice = Map.of("LOGIN", "alice", "PASSWORD", "pw");
        fields.forEach(f -> credentials.addObject().put("guid", f.get("guid").asText())
                .put("value", alice.get(f.get("field_name").asText())));
        Reply created = page.post("/widget/api/members", body.toString());
        assertThat(created.status()).isEqualTo(202);
        String guid = created.json().at("/member/guid").asText();

        String previous = null;
        for (String[] round : new String[][] {{"TEXT", "smith"}, {"OPTIONS", "sms"}, {"TOKEN", "123456"}}) {
            String before = previous;
            JsonNode challenge = Await.until(() -> page.get("/widget/api/members/" + guid).json().get("member"),
                    m -> m.get("connection_status").asText().equals("CHALLENGED")
                            && !m.at("/challenges/0/guid").asText().equals(before), BOUND, round[0] + " in the widget")
                    .at("/challenges/0");
            assertThat(challenge.get("type").asText()).isEqualTo(round[0]);
            String answer = round[0].equals("OPTIONS") ? optionGuid(challenge, round[1]) : round[1];
            Reply resumed = page.put("/widget/api/members/" + guid + "/resume", "{\"member\": {\"challenges\": [{\"guid\": \""
                    + challenge.get("guid").asText() + "\", \"value\": \"" + answer + "\"}]}}");
            assertThat(resumed.status()).isEqualTo(202);
            previous = challenge.get("guid").asText();
        }

        JsonNode connected = Await.until(() -> page.get("/widget/api/members/" + guid).json().get("member"),
                m -> m.get("connection_status").asText().equals("CONNECTED"), BOUND, "CONNECTED in the widget");
        assertThat(connected.get("institution_name").asText()).isEqualTo("Acme Credit Union");
        JsonNode accounts = page.get("/widget/api/members/" + guid + "/accounts").json().get("accounts");
        assertThat(Scripted.list(accounts, "name")).containsExactly("Share Savings");
        assertThat(client.flow.status(guid).get("connection_status").asText()).isEqualTo("CONNECTED");
    }

    /** The guid of the option whose value is {@code value}: the widget answers with the option the user picked. */
    private static String optionGuid(JsonNode challenge, String value) {
        for (JsonNode option : challenge.get("options")) {
            if (option.get("value").asText().equals(value)) {
                return option.get("guid").asText();
            }
        }
        throw new AssertionError("no option " + value + " in " + challenge);
    }
}
