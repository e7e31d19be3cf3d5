package dev.openagg.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import dev.openagg.support.Widgets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /users/{u}/widget_urls} and {@code connect_widget_url}: their shapes, their errors, and their URLs. */
class WidgetUrlApiTest extends ServerTest {
    private Widgets widgets;
    private String user;

    @BeforeAll
    void userWithAnId() {
        widgets = new Widgets(api);
        user = api.post("/users", "{\"user\": {\"id\": \"widget-user\"}}").json().at("/user/guid").asText();
    }

    private String widgetUrls() {
        return "/users/" + user + "/widget_urls";
    }

    @Test
    void widget_urls_answers_the_specs_shape_with_a_url_to_this_servers_widget() {
        Reply reply = api.post(widgetUrls(), "{\"widget_url\": {\"widget_type\": \"connect_widget\"}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/vnd.mx.api.v1+json");
        JsonNode widgetUrl = reply.json().get("widget_url");
        assertThat(widgetUrl.properties()).extracting(Map.Entry::getKey).containsExactly("type", "url", "user_id");
        assertThat(widgetUrl.get("type").asText()).isEqualTo("connect_widget");
        assertThat(widgetUrl.get("user_id").asText()).isEqualTo("widget-user");
        assertThat(widgetUrl.get("url").asText())
                .matches("http://localhost:" + server.port() + "/widget/connect/[A-Za-z0-9_-]{43}");
    }

    @Test
    void connect_widget_url_answers_the_older_shape_with_or_without_a_config() {
        Reply reply = api.post("/users/" + user + "/connect_widget_url", "{\"config\": {\"color_scheme\": \"dark\"}}");
        Reply bare = api.post("/users/" + user + "/connect_widget_url", "");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json().get("user");
        assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactly("connect_widget_url", "guid");
        assertThat(body.get("guid").asText()).isEqualTo(user);
        assertThat(body.get("connect_widget_url").asText()).startsWith("http://localhost:" + server.port() + "/widget/connect/");
        assertThat(bare.status()).isEqualTo(200);
        assertThat(bare.json().at("/user/connect_widget_url").asText()).isNotEqualTo(body.get("connect_widget_url").asText());
    }

    @Test
    void a_url_behind_a_proxy_uses_the_address_the_proxy_forwarded() {
        Reply reply = api.withHeader("X-Forwarded-Proto", "https").withHeader("X-Forwarded-Host", "bank.example:8443")
                .post(widgetUrls(), "{\"widget_url\": {\"widget_type\": \"connect_widget\"}}");

        assertThat(reply.json().at("/widget_url/url").asText()).startsWith("https://bank.example:8443/widget/connect/");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"widget_url\": {}}                                                            | 422 | widget_url.widget_type is required",
            "{\"widget_url\": {\"widget_type\": \"accounts_widget\"}}                        | 422 | only connect_widget is",
            "{\"widget_url\": {\"widget_type\": \"connect_widget\", \"mode\": \"budget\"}}     | 422 | widget_url.mode must be aggregation, verification or tax",
            "{\"widget_url\": {\"widget_type\": \"connect_widget\", \"color_scheme\": \"blue\"}} | 422 | widget_url.color_scheme must be light or dark",
            "{\"widget_url\": {\"widget_type\": \"connect_widget\", \"current_institution_code\": \"nobank\"}} | 422 | current_institution_code nobank is not a known institution",
            "{\"widget_url\": {\"widget_type\": \"connect_widget\", \"current_institution_guid\": \"INS-x\"}} | 422 | current_institution_guid INS-x is not a known institution",
            "{\"widget_url\": {\"widget_type\": \"connect_widget\", \"current_member_guid\": \"MBR-x\"}} | 422 | current_member_guid is not a member of this user",
            "{\"widget_url\": {\"widget_type\": \"connect_widget\", \"update_credentials\": \"yes\"}} | 400 | widget_url.update_credentials must be true or false",
            "{\"widget_url\": {\"widget_type\": 7}}                                          | 400 | widget_url.widget_type must be a string",
            "{\"widget_url\": {\"widget_type\": \"connect_widget\", \"is_mobile_webview\": \"yes\"}} | 400 | widget_url.is_mobile_webview must be true or false",
            "{\"config\": {\"widget_type\": \"connect_widget\"}}                             | 400 | \"widget_url\" object",
            "{\"widget_url\": {                                                              | 400 | not valid JSON"})
    void bad_requests_get_mxs_error_body_with_the_field_at_fault(String body, int status, String message) {
        Reply reply = api.post(widgetUrls(), body);

        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.errorMessage()).contains(message);
    }

    @Test
    void every_problem_of_a_request_is_named_at_once() {
        Reply reply = api.post(widgetUrls(), "{\"widget_url\": {\"mode\": \"budget\", \"color_scheme\": \"blue\"}}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorMessage()).contains("widget_type is required", "mode must be", "color_scheme must be");
    }

    @Test
    void unknown_users_other_clients_users_and_missing_credentials_are_refused() {
        String body = "{\"widget_url\": {\"widget_type\": \"connect_widget\"}}";
        Api other = server.otherClient("widget-other");

        assertThat(api.post("/users/USR-nobody/widget_urls", body).status()).isEqualTo(404);
        assertThat(other.post(widgetUrls(), body).status()).isEqualTo(404);
        assertThat(other.post("/users/" + user + "/connect_widget_url", "{\"config\": {}}").status()).isEqualTo(404);
        assertThat(api.withAuthorization(null).post(widgetUrls(), body).status()).isEqualTo(401);
    }

    @Test
    void a_url_opens_once_and_hands_the_page_a_session_in_its_fragment() {
        String url = widgets.url(user, "");

        Reply first = api.get(Widgets.path(url));
        Reply second = api.get(Widgets.path(url));

        assertThat(first.status()).isEqualTo(303);
        assertThat(first.header("Location")).matches("/widget/connect#session=[A-Za-z0-9_-]{43}");
        assertThat(first.header("Cache-Control")).isEqualTo("no-store");
        assertThat(second.status()).isEqualTo(410);
        assertThat(second.header("Content-Type")).startsWith("text/html");
        assertThat(second.text()).contains("This link has expired");
    }

    @Test
    void a_url_expires_ten_minutes_after_it_was_made() {
        String fresh = widgets.url(user, "");
        String stale = widgets.url(user, "");
        server.clock.advance(Duration.ofMinutes(9));
        String openedInTime = widgets.open(fresh);
        server.clock.advance(Duration.ofMinutes(1).plusSeconds(1));

        assertThat(openedInTime).isNotBlank();
        assertThat(api.get(Widgets.path(stale)).status()).isEqualTo(410);
        assertThat(widgets.session(openedInTime).get("/widget/api/session").status()).isEqualTo(200);
    }

    @Test
    void a_session_ends_an_hour_after_its_url_was_opened() {
        String secret = widgets.open(widgets.url(user, ""));
        server.clock.advance(Duration.ofMinutes(59));
        int before = widgets.session(secret).get("/widget/api/session").status();
        server.clock.advance(Duration.ofMinutes(1));

        Reply after = widgets.session(secret).get("/widget/api/session");

        assertThat(before).isEqualTo(200);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.errorMessage()).contains("widget session");
    }

    @Test
    void tokens_and_session_secrets_are_stored_only_as_hashes() {
        String url = widgets.url(user, "");
        String token = url.substring(url.lastIndexOf('/') + 1);
        String secret = widgets.open(url);

        List<Map<String, Object>> rows = Jdbi.create(server.config.jdbcUrl()).withHandle(h ->
                h.createQuery("SELECT * FROM widget_session").mapToMap().list());

        assertThat(rows).isNotEmpty();
        assertThat(rows.toString()).doesNotContain(token).doesNotContain(secret)
                .contains(Widgets.sha256(token)).contains(Widgets.sha256(secret));
    }

    @Test
    void the_session_carries_the_options_the_client_asked_for() {
        String member = new Flow(api, user).member("password", true);
        String secret = widgets.open(widgets.url(user, "\"mode\": \"verification\", \"color_scheme\": \"dark\", "
                + "\"current_member_guid\": \"" + member + "\", \"is_mobile_webview\": false"));

        JsonNode session = widgets.session(secret).get("/widget/api/session").json().get("session");

        assertThat(session.get("guid").asText()).startsWith("WSN-");
        assertThat(session.get("user_guid").asText()).isEqualTo(user);
        assertThat(session.get("mode").asText()).isEqualTo("verification");
        assertThat(session.get("color_scheme").asText()).isEqualTo("dark");
        assertThat(session.get("institution_code").asText()).isEqualTo("mxbank");
        assertThat(session.get("member_guid").asText()).isEqualTo(member);
    }

    @Test
    void the_page_and_its_files_come_from_this_server_under_a_strict_content_policy() {
        Reply page = api.withAuthorization(null).withHeader("Accept", "text/html").get("/widget/connect");
        Reply script = api.withAuthorization(null).get("/widget/assets/status.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self'");
        assertThat(page.text()).contains("assets/widget.js").doesNotContain("http://", "https://");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(script.text()).contains("mx/connect/memberConnected");
        assertThat(api.get("/widget/assets/App.class").status()).isEqualTo(404);
    }
}
