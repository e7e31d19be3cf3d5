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

    static List<String> list(Iterable<JsonNode> items, String field) {
        return java.util.stream.StreamSupport.stream(items.spliterator(), false).map(n -> n.get(field).asText())
                .toList();
    }
}
