package dev.openagg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import dev.openagg.support.SpecAllowances;
import dev.openagg.support.SpecCheck;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint, in both API versions, with every reply checked against the version's spec file by the same check
 * that every full-server test's {@link Api} runs; and the check itself, on replies that break the spec.
 */
class SpecConformanceTest extends ServerTest {
    private static final List<String> JOBS = List.of("aggregate", "check_balance", "extend_history", "identify", "verify",
            "fetch_statements", "fetch_tax_documents");

    @Test
    void every_endpoint_answers_as_each_versions_spec_declares_and_every_allowance_is_still_needed() {
        SpecAllowances recording = SpecAllowances.recording();
        SpecCheck check = SpecCheck.with(recording);

        tour(api.checkedBy(check));
        tour(api.inVersion("v20250224").checkedBy(check));

        assertThat(recording.used()).as("allowances no reply needed: drop them from SpecAllowances")
                .containsExactlyInAnyOrderElementsOf(SpecAllowances.ALL);
        assertThat(SpecAllowances.ALL).allSatisfy(a -> assertThat(a.reason()).isNotBlank());
    }

    private static void tour(Api api) {
        Flow flow = new Flow(api);
        String users = "/users/" + flow.userGuid;
        ok(api.get("/users"), api.get(users), api.put(users, "{\"user\": {\"metadata\": \"tour\"}}"),
                api.get("/institutions"), api.get("/institutions/mxbank"), api.get("/institutions/mxbank/credentials"),
                api.post(users + "/widget_urls", "{\"widget_url\": {\"widget_type\": \"connect_widget\"}}"));

        String member = flow.member("options", false);
        JsonNode options = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0");
        ok(api.get(flow.path(member, "challenges")));
        flow.resume(member, options.get("guid").asText(), options.at("/options/0/value").asText());
        JsonNode token = Await(flow, member, options.get("guid").asText());
        flow.resume(member, token.get("guid").asText(), "correct");
        flow.awaitStatus(member, "CONNECTED");
        assertThat(api.get(flow.path(member, "challenges")).status()).isEqualTo(204);
        for (String password : List.of("image", "image_options")) {
            String pictured = flow.member(password, false);
            flow.awaitStatus(pictured, "CHALLENGED");
            ok(api.get(flow.path(pictured, "challenges")), api.get(flow.path(pictured, "status")));
        }

        for (String job : JOBS) {
            assertThat(flow.start(member, job).status()).isIn(200, 202);
            JsonNode challenge = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0");
            flow.resume(member, challenge.get("guid").asText(), challenge.at("/options/0/value").asText());
            JsonNode second = Await(flow, member, challenge.get("guid").asText());
            flow.resume(member, second.get("guid").asText(), "correct");
            flow.awaitStatus(member, "CONNECTED");
        }
        ok(api.get(flow.members()), api.get(flow.path(member, "")), api.get(flow.path(member, "credentials")),
                api.get(flow.path(member, "status")), api.put(flow.path(member, ""), "{\"member\": {\"metadata\": \"m\"}}"));

        JsonNode account = api.get(users + "/accounts").json().at("/accounts/0");
        String accounts = users + "/accounts/" + account.get("guid").asText();
        ok(api.get(flow.path(member, "accounts")), api.get(accounts),
                api.get(flow.path(member, "accounts/" + account.get("guid").asText())),
                api.get(users + "/transactions"), api.get(flow.path(member, "transactions")),
                api.get(accounts + "/transactions"), api.get(users + "/holdings"), api.get(flow.path(member, "holdings")),
                api.get(accounts + "/holdings"), api.get(users + "/investment_holdings"),
                api.get(flow.path(member, "investment_holdings")), api.get(accounts + "/investment_holdings"),
                api.get(flow.path(member, "account_owners")), api.get(flow.path(member, "account_numbers")),
                api.get(accounts + "/account_numbers"));
        String transaction = api.get(users + "/transactions").json().at("/transactions/0/guid").asText();
        String holding = api.get(users + "/holdings").json().at("/holdings/0/guid").asText();
        ok(api.get(users + "/transactions/" + transaction), api.get(users + "/holdings/" + holding),
                api.get(users + "/investment_holdings/" + holding));
        for (String kind : List.of("statements", "tax_documents")) {
            String document = api.get(flow.path(member, kind)).json().at("/" + kind + "/0/guid").asText();
            ok(api.get(flow.path(member, kind + "/" + document)), api.get(flow.path(member, kind + "/" + document + ".pdf")));
        }

        assertThat(api.get(users + "/members/MBR-none").status()).isEqualTo(404);
        assertThat(api.post(flow.members(), "{\"member\": {}}").status()).isEqualTo(422);
        assertThat(api.delete(flow.path(member, "")).status()).isEqualTo(204);
        assertThat(api.delete(users).status()).isEqualTo(204);
    }

    /** The next round's challenge, once it replaces {@code previous}. */
    private static JsonNode Await(Flow flow, String member, String previous) {
        return dev.openagg.support.Await.until(() -> flow.status(member),
                s -> "CHALLENGED".equals(s.get("connection_status").asText())
                        && !previous.equals(s.at("/challenges/0/guid").asText()),
                java.time.Duration.ofSeconds(15), "the next challenge").at("/challenges/0");
    }

    private static void ok(Reply... replies) {
        for (Reply reply : replies) {
            assertThat(reply.status()).as(reply.toString()).isBetween(200, 299);
        }
    }

    @Test
    void the_check_refuses_an_extra_field_a_missing_field_a_wrong_type_a_null_an_enum_value_and_an_undeclared_status() {
        SpecCheck check = SpecCheck.shared();
        String user = "{\"email\": null, \"guid\": \"USR-1\", \"id\": null, \"is_disabled\": false, \"metadata\": null}";
        Map<String, String> current = Map.of("Accept-Version", "v20250224");
        Map<String, String> old = Map.of("Accept", "application/vnd.mx.api.v1+json");

        check.check("GET", "/users/USR-1", old, reply(200, "application/vnd.mx.api.v1+json", "{\"user\": " + user + "}"));
        refused(check, "GET", "/users/USR-1", old, reply(200, "application/vnd.mx.api.v1+json",
                "{\"user\": " + user.replace("}", ", \"extra\": 1}") + "}"), "user.extra: not a field of UserResponse");
        refused(check, "GET", "/users/USR-1", old, reply(200, "application/vnd.mx.api.v1+json",
                "{\"user\": {\"guid\": \"USR-1\"}}"), "user.email: missing");
        refused(check, "GET", "/users/USR-1", old, reply(200, "application/vnd.mx.api.v1+json",
                "{\"user\": " + user.replace("false", "\"no\"") + "}"), "user.is_disabled: expected a boolean");
        refused(check, "GET", "/users/U/members/M/statements/S", current, reply(200, "application/json",
                "{\"statement\": {\"account_guid\": null, \"content_hash\": null, \"created_at\": null, \"guid\": \"S\","
                        + " \"member_guid\": null, \"updated_at\": null, \"uri\": null, \"user_guid\": null}}"),
                "statement.account_guid: null where");
        refused(check, "GET", "/users/USR-1", old, reply(200, "application/json", "{\"user\": " + user + "}"),
                "Content-Type application/json where v20111101 answers");
        refused(check, "GET", "/users/USR-1", old, reply(201, "application/vnd.mx.api.v1+json", "{\"user\": " + user + "}"),
                "status 201 is not declared");
        refused(check, "GET", "/users/U/members/M/status", current, reply(200, "application/json",
                "{\"member\": {\"connection_status\": \"ASLEEP\"}}"), "\"ASLEEP\" is not one of");
        refused(check, "GET", "/users/USR-1", old, reply(404, "application/vnd.mx.api.v1+json", "{\"message\": \"no\"}"),
                "not MX's error body");
    }

    private static void refused(SpecCheck check, String method, String path, Map<String, String> headers, Reply reply,
                                String problem) {
        assertThatThrownBy(() -> check.check(method, path, headers, reply)).hasMessageContaining(problem);
    }

    private static Reply reply(int status, String type, String body) {
        return new Reply(status, HttpHeaders.of(Map.of("Content-Type", List.of(type)), (a, b) -> true),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
