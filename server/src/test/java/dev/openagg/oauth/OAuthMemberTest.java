package dev.openagg.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.Receiver;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OAuth members through the API, the headless consent and the consent page, on a real server. */
class OAuthMemberTest extends ServerTest {

    private Reply create(String institution, String extra) {
        return api.post(flow.members(), "{\"member\": {\"institution_code\": \"" + institution
                + "\", \"is_oauth\": true}" + extra + "}");
    }

    /** A new PENDING member of MX Bank (OAuth); its reply. */
    private JsonNode pending(String extra) {
        Reply reply = create(OAuthBanks.MX_BANK, extra);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        return reply.json().get("member");
    }

    private Reply headless(String member, String result) {
        return api.post("/sandbox" + flow.path(member, "oauth"), "{\"oauth\": {\"result\": \"" + result + "\"}}");
    }

    @Test
    void an_oauth_member_waits_pending_with_a_consent_uri_and_no_job() {
        JsonNode member = pending("");
        assertThat(member.get("connection_status").asText()).isEqualTo("PENDING");
        assertThat(member.get("is_oauth").asBoolean()).isTrue();
        assertThat(member.get("is_being_aggregated").asBoolean()).isFalse();
        assertThat(member.get("oauth_window_uri").asText())
                .startsWith("http://localhost:" + server.port() + "/oauth/authorize/");
        String guid = member.get("guid").asText();
        JsonNode current = api.inVersion("v20250224").get(flow.path(guid, "")).json().get("member");
        assertThat(current.get("most_recent_job_guid").isNull()).isTrue();
        assertThat(current.get("connection_status").asText()).isEqualTo("PENDING");
        assertThat(flow.status(guid).get("is_being_aggregated").asBoolean()).isFalse();
    }

    @Test
    void the_oauth_institutions_say_they_support_oauth() {
        for (String code : List.of(OAuthBanks.MX_BANK, OAuthBanks.MXCU)) {
            JsonNode institution = api.get("/institutions/" + code).json().get("institution");
            assertThat(institution.get("supports_oauth").asBoolean()).as(code).isTrue();
            assertThat(api.get("/institutions/" + code + "/credentials").json().get("credentials")).isEmpty();
        }
        assertThat(api.get("/institutions/mxcu_oauth").json().at("/institution/name").asText()).isEqualTo("MXCU (OAuth)");
        assertThat(api.get("/institutions/mxbank").json().at("/institution/supports_oauth").asBoolean()).isFalse();
    }

    @Test
    void headless_authorize_connects_the_member_and_aggregates_its_data() {
        String member = pending("").get("guid").asText();
        Reply authorized = headless(member, "authorize");
        assertThat(authorized.status()).as(authorized.toString()).isEqualTo(200);
        assertThat(authorized.json().at("/oauth/status").asText()).isEqualTo("success");
        assertThat(authorized.json().at("/member/connection_status").asText()).isEqualTo("CONNECTED");
        assertThat(authorized.json().at("/member/is_being_aggregated").asBoolean()).isTrue();
        JsonNode status = flow.awaitStatus(member, "CONNECTED");
        assertThat(status.get("is_authenticated").asBoolean()).isTrue();
        assertThat(status.get("successfully_aggregated_at").isNull()).isFalse();
        assertThat(api.get(flow.path(member, "accounts")).json().get("accounts")).hasSize(4);
        assertThat(api.get(flow.path(member, "transactions")).json().get("transactions")).isNotEmpty();
    }

    @Test
    void a_connected_oauth_member_runs_later_jobs_without_mfa() {
        String member = pending("").get("guid").asText();
        headless(member, "authorize");
        flow.awaitStatus(member, "CONNECTED");
        assertThat(flow.start(member, "extend_history").status()).isEqualTo(202);
        assertThat(flow.awaitStatus(member, "CONNECTED", "CHALLENGED").get("connection_status").asText())
                .isEqualTo("CONNECTED");
        Reply resume = api.put(flow.path(member, "resume"), "{\"member\": {\"challenges\": []}}");
        assertThat(resume.status()).isEqualTo(409);
    }

    @Test
    void headless_deny_ends_the_member_denied_with_the_reason() {
        String member = pending("").get("guid").asText();
        Reply denied = headless(member, "deny");
        assertThat(denied.json().at("/oauth/status").asText()).isEqualTo("error");
        assertThat(denied.json().at("/oauth/error_reason").asText()).isEqualTo("DENIED");
        JsonNode now = api.get(flow.path(member, "")).json().get("member");
        assertThat(now.get("connection_status").asText()).isEqualTo("DENIED");
        assertThat(now.get("connection_status_message").asText()).isEqualTo(Consent.DENIED);
        assertThat(now.get("is_being_aggregated").asBoolean()).isFalse();
        assertThat(api.get(flow.path(member, "accounts")).json().get("accounts")).isEmpty();
    }

    @Test
    void headless_cancel_leaves_the_member_pending_and_spends_the_uri() {
        String member = pending("").get("guid").asText();
        Reply cancelled = headless(member, "cancel");
        assertThat(cancelled.json().at("/oauth/error_reason").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().at("/member/connection_status").asText()).isEqualTo("PENDING");
        Reply again = headless(member, "authorize");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorMessage()).contains("already used");
    }

    @Test
    void headless_error_ends_the_member_failed_with_the_providers_reason() {
        String member = pending("").get("guid").asText();
        Reply failed = headless(member, "error");
        assertThat(failed.json().at("/oauth/error_reason").asText()).isEqualTo("PROVIDER_ERROR");
        assertThat(flow.status(member).get("connection_status").asText()).isEqualTo("FAILED");
    }

    @Test
    void an_expired_uri_shows_a_clear_page_and_refuses_consent() {
        JsonNode member = pending("");
        server.clock.advance(OAuthWindows.LIFETIME.plusSeconds(1));
        HttpResponse<String> page = OAuthPage.open(member.get("oauth_window_uri").asText());
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("This link has expired");
        assertThat(OAuthPage.choose(member.get("oauth_window_uri").asText(), "authorize").statusCode()).isEqualTo(410);
        Reply headless = headless(member.get("guid").asText(), "authorize");
        assertThat(headless.status()).isEqualTo(409);
        assertThat(headless.errorMessage()).contains("expired");
        assertThat(flow.status(member.get("guid").asText()).get("connection_status").asText()).isEqualTo("PENDING");
    }

    @Test
    void a_used_uri_shows_a_clear_page() {
        JsonNode member = pending("");
        String uri = member.get("oauth_window_uri").asText();
        assertThat(OAuthPage.choose(uri, "cancel").statusCode()).isEqualTo(200);
        HttpResponse<String> reused = OAuthPage.open(uri);
        assertThat(reused.statusCode()).isEqualTo(410);
        assertThat(reused.body()).contains("This link was already used");
        assertThat(OAuthPage.choose(uri, "authorize").statusCode()).isEqualTo(410);
        assertThat(flow.status(member.get("guid").asText()).get("connection_status").asText()).isEqualTo("PENDING");
    }

    @Test
    void a_malformed_or_foreign_form_is_refused_and_leaves_the_page_usable() {
        JsonNode member = pending("");
        String uri = member.get("oauth_window_uri").asText();
        for (String[] form : new String[][]{
                {"multipart/form-data; boundary=x", "choice=authorize"},
                {"application/json", "{\"choice\": \"authorize\"}"},
                {"application/x-www-form-urlencoded", "choice=%zz"},
                {"application/x-www-form-urlencoded", "choice=error"}}) {
            HttpResponse<String> reply = OAuthPage.post(uri, form[0], form[1]);
            assertThat(reply.statusCode()).as(form[0] + " " + form[1]).isEqualTo(400);
            assertThat(reply.body()).contains("choice must be authorize, deny or cancel");
        }
        assertThat(OAuthPage.choose(uri, "authorize").statusCode()).isEqualTo(200);
    }

    @Test
    void a_second_oauth_window_uri_invalidates_the_first() {
        JsonNode member = pending("");
        String first = member.get("oauth_window_uri").asText();
        Reply second = api.get(flow.path(member.get("guid").asText(), "oauth_window_uri"));
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json().at("/member/guid").asText()).isEqualTo(member.get("guid").asText());
        String uri = second.json().at("/member/oauth_window_uri").asText();
        assertThat(uri).startsWith("http://localhost:" + server.port() + "/oauth/authorize/").isNotEqualTo(first);
        HttpResponse<String> old = OAuthPage.open(first);
        assertThat(old.statusCode()).isEqualTo(410);
        assertThat(old.body()).contains("This link is not valid");
        assertThat(OAuthPage.open(uri).statusCode()).isEqualTo(200);
    }

    @Test
    void the_consent_page_names_the_institution_and_what_is_shared_under_a_strict_policy() {
        HttpResponse<String> page = OAuthPage.open(pending("").get("oauth_window_uri").asText());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("MX Bank (OAuth)", "your accounts and their balances", ">Authorize<",
                ">Deny<", ">Cancel<");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "form-action 'self'");
        assertThat(page.body()).doesNotContain("http://", "https://");
    }

    @Test
    void a_choice_on_the_page_goes_to_the_client_redirect_url_with_status_member_and_reason() {
        JsonNode member = pending(", \"referral_source\": \"APP\", \"client_redirect_url\": \"https://app.example/done?x=1\"");
        String guid = member.get("guid").asText();
        String uri = member.get("oauth_window_uri").asText();
        assertThat(OAuthPage.open(uri).headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("form-action 'self' https://app.example");
        HttpResponse<String> denied = OAuthPage.choose(uri, "deny");
        assertThat(denied.statusCode()).isEqualTo(303);
        assertThat(denied.headers().firstValue("Location").orElseThrow())
                .isEqualTo("https://app.example/done?x=1&status=error&member_guid=" + guid + "&error_reason=DENIED");

        String next = api.get(flow.path(guid, "oauth_window_uri") + "?referral_source=APP&ui_message_webview_url_scheme=myapp")
                .json().at("/member/oauth_window_uri").asText();
        HttpResponse<String> authorized = OAuthPage.choose(next, "authorize");
        assertThat(authorized.headers().firstValue("Location").orElseThrow())
                .isEqualTo("myapp://oauth_complete?status=success&member_guid=" + guid);
        assertThat(flow.awaitStatus(guid, "CONNECTED").get("is_authenticated").asBoolean()).isTrue();
    }

    @Test
    void without_a_redirect_the_page_posts_the_result_to_its_opener() {
        JsonNode member = pending("");
        HttpResponse<String> done = OAuthPage.choose(member.get("oauth_window_uri").asText(), "authorize");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Thank you for completing OAuth", "data-status=\"success\"",
                "data-member-guid=\"" + member.get("guid").asText() + "\"", "src=\"/oauth/assets/complete.js\"");
        flow.awaitStatus(member.get("guid").asText(), "CONNECTED");
    }

    @Test
    void skip_aggregation_connects_without_a_job() {
        String guid = pending("").get("guid").asText();
        String uri = api.get(flow.path(guid, "oauth_window_uri") + "?skip_aggregation=true").json()
                .at("/member/oauth_window_uri").asText();
        assertThat(OAuthPage.choose(uri, "authorize").statusCode()).isEqualTo(200);
        JsonNode status = flow.status(guid);
        assertThat(status.get("connection_status").asText()).isEqualTo("CONNECTED");
        assertThat(status.get("is_being_aggregated").asBoolean()).isFalse();
    }

    @Test
    void wrong_member_kinds_are_refused() {
        Flow flow = new Flow(api);
        Reply oauthAtCredentialBank = api.post(flow.members(), "{\"member\": {\"institution_code\": \"mxbank\", \"is_oauth\": true}}");
        assertThat(oauthAtCredentialBank.status()).isEqualTo(400);
        assertThat(oauthAtCredentialBank.errorMessage()).startsWith("Member cannot use OAuth");
        Reply credentialsAtOAuthBank = api.post(flow.members(), "{\"member\": {\"institution_code\": \"mx_bank_oauth\","
                + " \"credentials\": [{\"guid\": \"CRD-1\", \"value\": \"x\"}]}}");
        assertThat(credentialsAtOAuthBank.status()).isEqualTo(400);
        assertThat(credentialsAtOAuthBank.errorMessage()).contains("OAuth only");
        Reply both = api.post(flow.members(), "{\"member\": {\"institution_code\": \"mx_bank_oauth\", \"is_oauth\": true,"
                + " \"credentials\": [{\"guid\": \"CRD-1\", \"value\": \"x\"}]}}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.errorMessage()).contains("takes no credentials");
        String credentialMember = flow.member("password", true);
        Reply window = api.get(flow.path(credentialMember, "oauth_window_uri"));
        assertThat(window.status()).isEqualTo(400);
        assertThat(window.errorMessage()).startsWith("Member cannot use OAuth");
        assertThat(api.post("/sandbox" + flow.path(credentialMember, "oauth"), "{\"oauth\": {\"result\": \"authorize\"}}")
                .status()).isEqualTo(400);
        assertThat(api.get(flow.members()).json().get("members").findValuesAsText("institution_code"))
                .containsExactly("mxbank");
    }

    @Test
    void bad_options_and_results_are_refused_with_the_field_named() {
        Reply source = create(OAuthBanks.MX_BANK, ", \"referral_source\": \"FAX\"");
        assertThat(source.status()).isEqualTo(422);
        assertThat(source.errorMessage()).contains("referral_source");
        Reply script = create(OAuthBanks.MX_BANK, ", \"client_redirect_url\": \"javascript:alert(1)\"");
        assertThat(script.status()).isEqualTo(422);
        assertThat(script.errorMessage()).contains("client_redirect_url");
        String guid = pending("").get("guid").asText();
        assertThat(api.get(flow.path(guid, "oauth_window_uri") + "?enable_app2app=maybe").status()).isEqualTo(422);
        assertThat(headless(guid, "approve").status()).isEqualTo(422);
        assertThat(OAuthPage.choose(pending("").get("oauth_window_uri").asText(), "error").statusCode()).isEqualTo(400);
    }

    @Test
    void revoked_access_denies_the_next_job_until_the_end_user_authorizes_again() {
        String guid = pending("").get("guid").asText();
        headless(guid, "authorize");
        flow.awaitStatus(guid, "CONNECTED");
        assertThat(headless(guid, "revoke").json().at("/oauth/access").asText()).isEqualTo("REVOKED");
        flow.start(guid, "aggregate");
        JsonNode denied = flow.awaitStatus(guid, "DENIED");
        JsonNode member = api.get(flow.path(guid, "")).json().get("member");
        assertThat(member.get("connection_status_message").asText()).contains("was revoked at the institution");
        assertThat(member.get("needs_updated_credentials").asBoolean()).isFalse();
        assertThat(denied.get("is_authenticated").asBoolean()).isFalse();

        String uri = api.get(flow.path(guid, "oauth_window_uri")).json().at("/member/oauth_window_uri").asText();
        assertThat(OAuthPage.choose(uri, "authorize").statusCode()).isEqualTo(200);
        flow.awaitStatus(guid, "CONNECTED");

        headless(guid, "expire");
        flow.start(guid, "aggregate");
        flow.awaitStatus(guid, "DENIED");
        assertThat(api.get(flow.path(guid, "")).json().at("/member/connection_status_message").asText())
                .contains("has expired");
    }

    @Test
    void every_status_change_of_an_oauth_member_is_sent_to_webhooks() {
        try (Receiver receiver = Receiver.start()) {
            String webhook = api.post("/webhooks", "{\"webhook\": {\"url\": \"" + receiver.url() + "\", \"event_types\":"
                    + " [\"CONNECTION_STATUS\", \"AGGREGATION\", \"MEMBER\"], \"all_connection_statuses\": true}}")
                    .json().at("/webhook/guid").asText();
            try {
                String authorized = pending("").get("guid").asText();
                headless(authorized, "authorize");
                String denied = pending("").get("guid").asText();
                headless(denied, "deny");
                Await.until(receiver::received, r -> events(r, authorized).contains("AGGREGATION")
                                && events(r, denied).contains("CONNECTION_STATUS DENIED"),
                        Duration.ofSeconds(15), "the webhooks of both members");
                assertThat(events(receiver.received(), authorized))
                        .startsWith("MEMBER CREATED", "CONNECTION_STATUS CONNECTED").endsWith("AGGREGATION");
                assertThat(events(receiver.received(), denied)).containsExactly("MEMBER CREATED", "CONNECTION_STATUS DENIED");
            } finally {
                api.delete("/webhooks/" + webhook);
            }
        }
    }

    @Test
    void a_scenario_with_oauth_runs_its_logins_outcome_after_consent() {
        Reply registered = api.post("/sandbox/institutions", "{\"institution\": {\"code\": \"oauth_cu\", \"name\":"
                + " \"OAuth CU\", \"oauth\": true, \"logins\": [{\"outcome\": \"IMPEDED\", \"message\": \"Accept the"
                + " new terms at OAuth CU.\"}]}}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        assertThat(api.get("/institutions/oauth_cu").json().at("/institution/supports_oauth").asBoolean()).isTrue();
        String guid = create("oauth_cu", "").json().at("/member/guid").asText();
        headless(guid, "authorize");
        flow.awaitStatus(guid, "IMPEDED");
        assertThat(api.get(flow.path(guid, "")).json().at("/member/connection_status_message").asText())
                .isEqualTo("Accept the new terms at OAuth CU.");
    }

    @Test
    void a_scenario_with_oauth_takes_no_credentials_and_asks_no_challenges() {
        Reply invalid = api.post("/sandbox/institutions", "{\"institution\": {\"code\": \"bad_oauth\", \"name\": \"Bad\","
                + " \"oauth\": true, \"credentials\": [{\"field_name\": \"LOGIN\", \"label\": \"User\", \"type\": \"TEXT\"}],"
                + " \"logins\": [{\"steps\": [{\"challenges\": [{\"type\": \"TEXT\", \"label\": \"Q?\", \"answer\": \"a\"}]}]}]}}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorMessage()).contains("$.institution.credentials: an OAuth institution has no credentials",
                "$.institution.logins[0]: an OAuth institution asks no MFA challenges");
    }

    /** Registers an OAuth scenario whose {@code oauth} object is {@code outcomes}; its reply. */
    private Reply oauthScenario(String code, String outcomes) {
        return api.post("/sandbox/institutions", "{\"institution\": {\"code\": \"" + code + "\", \"name\": \"" + code
                + "\", \"oauth\": " + outcomes + "}}");
    }

    /** Registers an OAuth scenario whose {@code oauth} object is {@code outcomes}; a new member of it. */
    private String memberOf(String code, String outcomes) {
        Reply registered = oauthScenario(code, outcomes);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        return create(code, "").json().at("/member/guid").asText();
    }

    @Test
    void a_scenarios_outcome_for_deny_sets_the_members_status_and_message() {
        String guid = memberOf("oauth_deny_impeded", "{\"deny\": {\"outcome\": \"IMPEDED\", \"message\":"
                + " \"Review your sharing settings at the bank.\"}}");
        Reply denied = headless(guid, "deny");
        assertThat(denied.json().at("/oauth/status").asText()).isEqualTo("error");
        assertThat(denied.json().at("/oauth/error_reason").asText()).isEqualTo("IMPEDED");
        JsonNode now = api.get(flow.path(guid, "")).json().get("member");
        assertThat(now.get("connection_status").asText()).isEqualTo("IMPEDED");
        assertThat(now.get("connection_status_message").asText()).isEqualTo("Review your sharing settings at the bank.");
    }

    @Test
    void a_scenarios_outcome_for_authorize_ends_the_member_there_without_a_job() {
        String guid = memberOf("oauth_authorize_degraded", "{\"authorize\": {\"outcome\": \"DEGRADED\","
                + " \"message\": \"The bank is slow today.\"}}");
        Reply authorized = headless(guid, "authorize");
        assertThat(authorized.json().at("/oauth/status").asText()).isEqualTo("error");
        assertThat(authorized.json().at("/oauth/error_reason").asText()).isEqualTo("PROVIDER_ERROR");
        assertThat(authorized.json().at("/member/connection_status").asText()).isEqualTo("DEGRADED");
        assertThat(authorized.json().at("/member/is_being_aggregated").asBoolean()).isFalse();
        JsonNode now = api.inVersion("v20250224").get(flow.path(guid, "")).json().get("member");
        assertThat(now.get("connection_status_message").asText()).isEqualTo("The bank is slow today.");
        assertThat(now.get("most_recent_job_guid").isNull()).isTrue();
    }

    @Test
    void choices_a_scenario_gives_no_outcome_for_end_as_mx_does() {
        String denied = memberOf("oauth_only_deny", "{\"deny\": {\"message\": \"No access for you.\"}}");
        assertThat(headless(denied, "deny").json().at("/member/connection_status").asText()).isEqualTo("DENIED");
        assertThat(api.get(flow.path(denied, "")).json().at("/member/connection_status_message").asText())
                .isEqualTo("No access for you.");
        String failed = create("oauth_only_deny", "").json().at("/member/guid").asText();
        Reply error = headless(failed, "error");
        assertThat(error.json().at("/oauth/error_reason").asText()).isEqualTo("PROVIDER_ERROR");
        assertThat(error.json().at("/member/connection_status").asText()).isEqualTo("FAILED");
        String cancelled = create("oauth_only_deny", "").json().at("/member/guid").asText();
        assertThat(headless(cancelled, "cancel").json().at("/member/connection_status").asText()).isEqualTo("PENDING");
        String connected = create("oauth_only_deny", "").json().at("/member/guid").asText();
        Reply authorized = headless(connected, "authorize");
        assertThat(authorized.json().at("/oauth/status").asText()).isEqualTo("success");
        assertThat(authorized.json().at("/oauth/error_reason").isNull()).isTrue();
        flow.awaitStatus(connected, "CONNECTED");
    }

    @Test
    void an_invalid_per_choice_outcome_is_refused_with_its_path() {
        Reply invalid = oauthScenario("oauth_bad_outcomes", "{\"deny\": {\"outcome\": \"CONNECTED\"},"
                + " \"cancel\": {\"message\": \"Gone.\"}, \"error\": {\"outcome\": \"PENDING\"},"
                + " \"authorize\": {\"outcome\": \"CONNECTED\", \"message\": \"Hi\"}, \"revoke\": {}}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorMessage()).contains("$.institution.oauth.deny.outcome: CONNECTED is not one of",
                "$.institution.oauth.cancel.outcome: is required with a message for cancel",
                "$.institution.oauth.error.outcome: PENDING is not one of",
                "$.institution.oauth.authorize.message: a connected member has no message",
                "$.institution.oauth.revoke");
        assertThat(api.get("/institutions/oauth_bad_outcomes").status()).isEqualTo(404);
    }

    /** The events received for a member, in order: type and action or status. */
    private static List<String> events(List<Receiver.Received> received, String member) {
        return received.stream().map(Receiver.Received::json)
                .filter(e -> member.equals(e.path("member_guid").asText(e.at("/member/guid").asText())))
                .map(e -> e.get("type").asText() + switch (e.get("type").asText()) {
                    case "MEMBER" -> " " + e.get("action").asText();
                    case "CONNECTION_STATUS" -> " " + e.get("connection_status").asText();
                    default -> "";
                })
                .toList();
    }
}
