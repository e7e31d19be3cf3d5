package dev.openagg.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import dev.openagg.support.Widgets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OAuth institutions through the widget's API, without a browser: the search offers them, the widget creates the
 * PENDING member with its consent page, the consent (here headless) moves it on, and the widget URL's OAuth
 * options decide where the consent page sends the end user.
 */
class WidgetOAuthApiTest extends ServerTest {
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final String OAUTH_MEMBER = "{\"member\": {\"institution_code\": \"mx_bank_oauth\", \"is_oauth\": true}}";
    private Widgets widgets;

    @BeforeAll
    void widgets() {
        widgets = new Widgets(api);
    }

    private Api session(String options) {
        return widgets.session(widgets.open(widgets.url(flow.userGuid, options)));
    }

    private JsonNode created(Api page) {
        Reply reply = page.post("/widget/api/members", OAUTH_MEMBER);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        return reply.json().get("member");
    }

    /** The HTTP status a browser gets opening a consent page. */
    private static int pageStatus(String uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).timeout(BOUND).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Reply headless(String member, String result) {
        return api.post("/sandbox" + flow.path(member, "oauth"), "{\"oauth\": {\"result\": \"" + result + "\"}}");
    }

    @Test
    void the_search_offers_oauth_institutions_and_says_they_use_oauth() {
        JsonNode found = session("").get("/widget/api/institutions?name=oauth").json();

        assertThat(found.findValuesAsText("code")).containsExactlyInAnyOrder("mx_bank_oauth", "mxcu_oauth");
        assertThat(found.findValues("supports_oauth")).allMatch(JsonNode::asBoolean);
    }

    @Test
    void an_oauth_member_made_in_the_widget_waits_pending_with_its_consent_page() throws Exception {
        Api page = session("");
        JsonNode member = created(page);
        String guid = member.get("guid").asText();

        assertThat(member.get("connection_status").asText()).isEqualTo("PENDING");
        assertThat(member.get("is_oauth").asBoolean()).isTrue();
        assertThat(member.get("is_being_aggregated").asBoolean()).isFalse();
        assertThat(member.get("institution_name").asText()).isEqualTo("MX Bank (OAuth)");
        assertThat(member.get("oauth_window_uri").asText()).startsWith("http://localhost:" + server.port() + "/oauth/authorize/");
        assertThat(page.get("/widget/api/session").json().at("/session/member_guid").asText()).isEqualTo(guid);
        assertThat(flow.status(guid).get("connection_status").asText()).isEqualTo("PENDING");
        JsonNode again = page.get("/widget/api/members/" + guid).json().get("member");
        assertThat(again.get("oauth_window_uri").isNull()).isTrue();
        assertThat(again.get("connection_status_id").asInt()).isEqualTo(member.get("connection_status_id").asInt());
        assertThat(pageStatus(member.get("oauth_window_uri").asText()))
                .isEqualTo(200);
    }

    @Test
    void after_headless_consent_the_widget_sees_the_member_connected_with_its_accounts() {
        Api page = session("");
        String guid = created(page).get("guid").asText();

        Reply consent = headless(guid, "authorize");
        JsonNode connected = Await.until(() -> page.get("/widget/api/members/" + guid).json().get("member"),
                m -> m.get("connection_status").asText().equals("CONNECTED") && !m.get("is_being_aggregated").asBoolean(),
                BOUND, guid + " connected in the widget");

        assertThat(consent.status()).as(consent.toString()).isEqualTo(200);
        assertThat(consent.json().at("/oauth/redirect_url").isNull()).isTrue();
        assertThat(connected.get("is_authenticated").asBoolean()).isTrue();
        assertThat(page.get("/widget/api/members/" + guid + "/accounts").json().get("accounts")).hasSize(4);
    }

    @Test
    void a_new_consent_page_replaces_the_last_and_a_denied_member_can_be_authorised_again() throws Exception {
        Api page = session("");
        JsonNode member = created(page);
        String guid = member.get("guid").asText();
        String first = member.get("oauth_window_uri").asText();

        Reply denied = headless(guid, "deny");
        Reply renewed = page.post("/widget/api/members/" + guid + "/oauth_window_uri", "");
        String second = renewed.json().at("/member/oauth_window_uri").asText();

        assertThat(denied.json().at("/member/connection_status").asText()).isEqualTo("DENIED");
        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        assertThat(renewed.json().at("/member/connection_status").asText()).isEqualTo("DENIED");
        assertThat(second).startsWith("http://localhost:" + server.port() + "/oauth/authorize/").isNotEqualTo(first);
        assertThat(pageStatus(first)).isEqualTo(410);
        assertThat(headless(guid, "authorize").status()).isEqualTo(200);
        flow.awaitStatus(guid, "CONNECTED");
    }

    @Test
    void the_widget_refuses_credentials_for_an_oauth_institution_and_oauth_for_a_credential_member() {
        Api page = session("");
        Reply withCredentials = page.post("/widget/api/members", "{\"member\": {\"institution_code\": \"mx_bank_oauth\", "
                + "\"is_oauth\": true, \"credentials\": [{\"guid\": \"" + Flow.LOGIN + "\", \"value\": \"mxuser\"}]}}");
        Reply withoutOAuth = page.post("/widget/api/members", "{\"member\": {\"institution_code\": \"mx_bank_oauth\", "
                + "\"credentials\": []}}");
        String credentialMember = page.post("/widget/api/members", Flow.memberBody("mxuser", "password", false))
                .json().at("/member/guid").asText();
        Reply consent = page.post("/widget/api/members/" + credentialMember + "/oauth_window_uri", "");

        assertThat(withCredentials.status()).isEqualTo(400);
        assertThat(withoutOAuth.status()).isEqualTo(400);
        assertThat(withoutOAuth.json().at("/error/message").asText()).contains("is_oauth");
        assertThat(consent.status()).isEqualTo(400);
        assertThat(consent.json().at("/error/message").asText()).startsWith("Member cannot use OAuth");
    }

    @Test
    void in_a_mobile_web_view_the_consent_page_returns_to_the_clients_redirect_url() {
        Api page = session("\"is_mobile_webview\": true, \"client_redirect_url\": \"https://app.example/oauth-done\"");
        JsonNode session = page.get("/widget/api/session").json().get("session");
        String guid = created(page).get("guid").asText();

        Reply consent = headless(guid, "cancel");

        assertThat(session.get("is_mobile_webview").asBoolean()).isTrue();
        assertThat(session.get("oauth_referral_source").asText()).isEqualTo("APP");
        assertThat(consent.json().at("/oauth/redirect_url").asText()).isEqualTo(
                "https://app.example/oauth-done?status=error&member_guid=" + guid + "&error_reason=CANCELLED");
        assertThat(consent.json().at("/member/connection_status").asText()).isEqualTo("PENDING");
    }

    @Test
    void an_app_without_a_redirect_url_gets_its_own_scheme_and_a_browser_ignores_the_redirect_url() {
        Api app = session("\"oauth_referral_source\": \"APP\", \"ui_message_webview_url_scheme\": \"myapp\"");
        Api browser = session("\"client_redirect_url\": \"https://app.example/oauth-done\"");
        String inApp = created(app).get("guid").asText();
        String inBrowser = created(browser).get("guid").asText();

        assertThat(headless(inApp, "authorize").json().at("/oauth/redirect_url").asText())
                .isEqualTo("myapp://oauth_complete?status=success&member_guid=" + inApp);
        assertThat(headless(inBrowser, "deny").json().at("/oauth/redirect_url").isNull()).isTrue();
        assertThat(browser.get("/widget/api/session").json().at("/session/oauth_referral_source").asText())
                .isEqualTo("BROWSER");
    }

    @Test
    void invalid_oauth_options_are_named_in_one_422() {
        Reply reply = api.post("/users/" + flow.userGuid + "/widget_urls", "{\"widget_url\": {\"widget_type\": "
                + "\"connect_widget\", \"oauth_referral_source\": \"SIDEWAYS\", \"client_redirect_url\": "
                + "\"javascript:alert(1)\", \"color_scheme\": \"neon\"}}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().at("/error/message").asText()).contains("widget_url.oauth_referral_source must be BROWSER or APP",
                "widget_url.client_redirect_url must be an absolute URL", "widget_url.color_scheme must be light or dark");
    }
}
