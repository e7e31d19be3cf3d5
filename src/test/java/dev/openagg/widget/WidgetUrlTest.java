package dev.openagg.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The widget-URL endpoints and the session a URL opens, over plain HTTP. */
class WidgetUrlTest extends ServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void widget_urls_answers_the_spec_shape_with_a_one_time_url() throws Exception {
        Reply reply = api.post("/users/" + flow.userGuid + "/widget_urls",
                "{\"widget_url\": {\"widget_type\": \"connect_widget\", \"color_scheme\": \"dark\", \"mode\": \"aggregation\"}}");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode url = reply.json().get("widget_url");
        assertThat(url.get("type").asText()).isEqualTo("connect_widget");
        assertThat(url.has("user_id")).isTrue();
        assertThat(url.get("url").asText()).startsWith("http://localhost:" + server.port() + "/widget/connect?token=");

        HttpResponse<String> first = get(url.get("url").asText());
        assertThat(first.statusCode()).isEqualTo(303);
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/widget/connect#s=");
        assertThat(get(url.get("url").asText()).statusCode()).isEqualTo(403);

        String secret = location.substring(location.indexOf("#s=") + 3);
        HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(base() + "/widget/api/session"))
                .header("X-Widget-Session", secret).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body()).contains(flow.userGuid).contains("\"color_scheme\":\"dark\"");
        assertThat(get(base() + "/widget/api/session").statusCode()).isEqualTo(401);
    }

    @Test
    void connect_widget_url_answers_the_older_shape() {
        JsonNode user = api.post("/users/" + flow.userGuid + "/connect_widget_url", "{\"config\": {}}").json().get("user");

        assertThat(user.get("guid").asText()).isEqualTo(flow.userGuid);
        assertThat(user.get("connect_widget_url").asText()).contains("/widget/connect?token=");
    }

    @Test
    void bad_requests_name_the_problem() {
        String path = "/users/" + flow.userGuid + "/widget_urls";
        assertThat(api.post(path, "{\"widget_url\": {}}").errorMessage()).contains("widget_type is required");
        assertThat(api.post(path, "{\"widget_url\": {\"widget_type\": \"budgets_widget\"}}").status()).isEqualTo(422);
        Reply scheme = api.post(path, "{\"widget_url\": {\"widget_type\": \"connect_widget\", \"color_scheme\": \"pink\"}}");
        assertThat(scheme.status()).isEqualTo(422);
        assertThat(scheme.errorMessage()).contains("color_scheme");
        String foreignMember = new Flow(api).member("password", true);
        assertThat(api.post(path, "{\"widget_url\": {\"widget_type\": \"connect_widget\", \"current_member_guid\": \""
                + foreignMember + "\"}}").status()).isEqualTo(422);
        assertThat(api.post(path, "{\"widget_url\": {\"widget_type\": \"connect_widget\", \"current_institution_code\": \"nobank\"}}")
                .status()).isEqualTo(422);
        assertThat(api.post("/users/USR-00000000-0000-4000-8000-000000000000/widget_urls",
                "{\"widget_url\": {\"widget_type\": \"connect_widget\"}}").status()).isEqualTo(404);
        assertThat(api.withAuthorization(null).post(path, "{\"widget_url\": {\"widget_type\": \"connect_widget\"}}").status())
                .isEqualTo(401);
    }

    private String base() {
        return "http://localhost:" + server.port();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
