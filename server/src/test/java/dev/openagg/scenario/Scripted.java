package dev.openagg.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openagg.support.Api;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import java.util.List;
import java.util.Map;

/** A client driving scenario institutions through the API: register one, make members, answer every challenge. */
final class Scripted {
    static final ObjectMapper JSON = new ObjectMapper();

    final Api api;
    final Flow flow;

    Scripted(Api api) {
        this(api, new Flow(api));
    }

    /** A client working on the user of {@code flow}. */
    Scripted(Api api, Flow flow) {
        this.api = api;
        this.flow = flow;
    }

    Reply register(String document) {
        return api.post("/sandbox/institutions", document);
    }

    /** Registers a scenario that must be valid. */
    void registered(String document) {
        Reply reply = register(document);
        if (reply.status() != 200) {
            throw new AssertionError("scenario refused: " + reply);
        }
    }

    /** A member of this client's user at {@code code}, with credentials by field name; aggregation starts. */
    String member(String code, Map<String, String> credentials) {
        Reply reply = api.post(flow.members(), memberBody(code, credentials));
        if (reply.status() != 202) {
            throw new AssertionError("member not created: " + reply);
        }
        return reply.json().at("/member/guid").asText();
    }

    Reply createMember(String code, Map<String, String> credentials) {
        return api.post(flow.members(), memberBody(code, credentials));
    }

    /** Updates the member's credentials (by field name) at {@code code}, as {@code PUT .../members/{guid}}. */
    Reply updateCredentials(String member, String code, Map<String, String> credentials, String id) {
        ObjectNode body = JSON.createObjectNode();
        credentials(body.putObject("member").put("id", id), code, credentials);
        return api.put(flow.path(member, ""), body.toString());
    }

    private String memberBody(String code, Map<String, String> credentials) {
        ObjectNode body = JSON.createObjectNode();
        credentials(body.putObject("member").put("institution_code", code), code, credentials);
        return body.toString();
    }

    private void credentials(ObjectNode member, String code, Map<String, String> credentials) {
        JsonNode fields = api.get("/institutions/" + code + "/credentials").json().get("credentials");
        ArrayNode values = member.putArray("credentials");
        if (fields != null) {
            fields.forEach(f -> {
                String value = credentials.get(f.get("field_name").asText());
                if (value != null) {
                    values.addObject().put("guid", f.get("guid").asText()).put("value", value);
                }
            });
        }
    }

    /** Waits for the member's challenges and answers them, in order, with {@code values}. */
    JsonNode answer(String member, String... values) {
        JsonNode challenges = flow.awaitStatus(member, "CHALLENGED").get("challenges");
        ObjectNode body = JSON.createObjectNode();
        ArrayNode answers = body.putObject("member").putArray("challenges");
        for (int i = 0; i < values.length; i++) {
            answers.addObject().put("guid", challenges.get(i).get("guid").asText()).put("value", values[i]);
        }
        Reply reply = api.put(flow.path(member, "resume"), body.toString());
        if (reply.status() != 202) {
            throw new AssertionError("resume refused: " + reply);
        }
        return challenges;
    }

    /** The member's connection_status_message once it has reached {@code status}. */
    String message(String member, String status) {
        flow.awaitStatus(member, status);
        return api.get(flow.path(member, "")).json().at("/member/connection_status_message").asText();
    }

    /** The three-round credit union, under {@code code}. */
    static String acme(String code) {
        return """
                {"institution": {
                  "code": "CODE", "name": "Acme Credit Union", "url": "https://acme.example",
                  "credentials": [{"field_name": "LOGIN", "label": "Member number", "type": "TEXT"},
                                  {"field_name": "PASSWORD", "label": "Password", "type": "PASSWORD"}],
                  "logins": [
                    {"when": {"LOGIN": "alice", "PASSWORD": "pw"},
                     "steps": [
                       {"challenges": [{"type": "TEXT", "label": "Mother's maiden name?", "answer": "smith"}]},
                       {"challenges": [{"type": "OPTIONS", "label": "Where should we send your code?",
                                        "options": [{"label": "Text (555) ***-0001", "value": "sms"},
                                                    {"label": "Email a***@acme.example", "value": "email"}],
                                        "answer": "sms"}]},
                       {"challenges": [{"type": "TOKEN", "label": "Enter the code we sent", "answer": "123456"}]}],
                     "outcome": "CONNECTED"},
                    {"when": {"PASSWORD": "locked"}, "outcome": "LOCKED"}],
                  "on_wrong_answer": "REJECTED",
                  "data": {"accounts": [{"name": "Share Savings", "type": "SAVINGS", "balance": 1234.56,
                                         "transactions": [{"date": "2026-11-02", "amount": -12.5,
                                                           "description": "Coffee"}]}]}}}
                """.replace("CODE", code);
    }

    /**
     * A mistake in the credit union ({@link #acme}): {@code from} (where {@code CODE} stands for the code)
     * replaced by {@code to}, and how the one problem it makes begins; {@code schemaTells} when
     * docs/scenario.schema.json can tell it too (some checks need more than a schema can say).
     */
    record Mistake(String name, String from, String to, String problem, boolean schemaTells) {
        String in(String code) {
            return acme(code).replace(from.replace("CODE", code), to);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Mistake> MISTAKES = List.of(
            new Mistake("an unknown field", "\"outcome\": \"LOCKED\"", "\"outcome\": \"LOCKED\", \"colour\": \"red\"",
                    "$.institution.logins[1].colour: unknown field", true),
            new Mistake("a challenge type that does not exist", "\"type\": \"TOKEN\"", "\"type\": \"CAPTCHA\"",
                    "$.institution.logins[0].steps[2].challenges[0].type: CAPTCHA is not one of TEXT, OPTIONS", true),
            new Mistake("a status that does not exist", "\"outcome\": \"LOCKED\"", "\"outcome\": \"SUNNY\"",
                    "$.institution.logins[1].outcome: SUNNY is not one of PREVENTED, DENIED, REJECTED, LOCKED, CONNECTED",
                    true),
            new Mistake("a wrong-answer rule going nowhere", "\"on_wrong_answer\": \"REJECTED\"",
                    "\"on_wrong_answer\": \"CONNECTED\"", "$.institution.on_wrong_answer: CONNECTED is not one of PREVENTED",
                    true),
            new Mistake("a round without an answer", ", \"answer\": \"smith\"", "",
                    "$.institution.logins[0].steps[0].challenges[0].answer: is required", true),
            new Mistake("an option answer that is not one of its options", "\"answer\": \"sms\"", "\"answer\": \"fax\"",
                    "$.institution.logins[0].steps[1].challenges[0].answer: \"fax\" is not the value of one of the options",
                    false),
            new Mistake("an account without a balance", "\"balance\": 1234.56,", "",
                    "$.institution.data.accounts[0].balance: is required", true),
            new Mistake("a when naming no credential", "\"when\": {\"PASSWORD\": \"locked\"}", "\"when\": {\"PIN\": \"1\"}",
                    "$.institution.logins[1].when.PIN: is not a credential field_name of this institution", false),
            new Mistake("a code that is not one", "\"code\": \"CODE\"", "\"code\": \"Agree CU\"",
                    "$.institution.code: \"Agree CU\" must be 1 to 64", true),
            new Mistake("an unknown credential type", "\"type\": \"PASSWORD\"", "\"type\": \"SECRET\"",
                    "$.institution.credentials[1].type: SECRET is not one of", true),
            new Mistake("an account type that does not exist", "\"type\": \"SAVINGS\"", "\"type\": \"PIGGY_BANK\"",
                    "$.institution.data.accounts[0].type: PIGGY_BANK is not one of", true),
            new Mistake("a zero transaction", "\"amount\": -12.5", "\"amount\": 0",
                    "$.institution.data.accounts[0].transactions[0].amount: must not be zero", true));

    static List<String> list(Iterable<JsonNode> items, String field) {
        return java.util.stream.StreamSupport.stream(items.spliterator(), false).map(n -> n.get(field).asText())
                .toList();
    }
}
