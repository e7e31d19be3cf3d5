package dev.openagg.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.cluster.Node;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged jar, started with {@code java -jar ... serve} as an operator would, with a plug-ins folder. */
class PluginServeIT {
    static final Duration BOUND = Duration.ofSeconds(30);

    private static Path pluginsWith(Path jar, String name) throws IOException {
        Path plugins = Files.createDirectories(TestServer.tempDir().resolve("plugins"));
        Files.copy(jar, plugins.resolve(name));
        return plugins;
    }

    private static Map<String, String> settings(Path plugins) {
        return Map.of("OPENAGG_PLUGINS_DIR", plugins.toString(),
                "OPENAGG_DATA_DIR", plugins.resolveSibling("data").toString());
    }

    @Test
    void a_plug_in_jar_in_the_folder_is_served_and_its_member_answers_an_mfa_round_through_the_api() throws IOException {
        Path plugins = pluginsWith(ExamplePluginTest.EXAMPLE_JAR, "connector-example.jar");
        try (Node node = Node.launch("plugin-node", null, settings(plugins), null).awaitReady()) {
            Api api = node.api();
            String user = api.post("/users", "{\"user\": {}}").json().at("/user/guid").asText();
            String member = api.post("/users/" + user + "/members", "{\"member\": {\"institution_code\": \"example_cu\","
                    + " \"credentials\": [{\"guid\": \"" + ExamplePluginTest.LOGIN + "\", \"value\": \"1001\"},"
                    + " {\"guid\": \"" + ExamplePluginTest.PASSWORD + "\", \"value\": \"secret\"}]}}")
                    .json().at("/member/guid").asText();
            String status = "/users/" + user + "/members/" + member + "/status";
            String resume = "/users/" + user + "/members/" + member + "/resume";

            JsonNode options = Await.until(() -> api.get(status).json().get("member"),
                    s -> s.get("connection_status").asText().equals("CHALLENGED"), BOUND, "OPTIONS").at("/challenges/0");
            api.put(resume, answer(options.get("guid").asText(), "sms"));
            JsonNode token = Await.until(() -> api.get(status).json().get("member"),
                    s -> s.at("/challenges/0/type").asText().equals("TOKEN"), BOUND, "TOKEN").at("/challenges/0");
            api.put(resume, answer(token.get("guid").asText(), "123456"));

            JsonNode connected = Await.until(() -> api.get(status).json().get("member"),
                    s -> !s.get("is_being_aggregated").asBoolean(), BOUND, "the job's end");
            assertThat(connected.get("connection_status").asText()).isEqualTo("CONNECTED");
            assertThat(api.get("/users/" + user + "/accounts").json().at("/accounts/0/name").asText())
                    .isEqualTo("Share Draft");
        }
    }

    @Test
    void a_plug_in_that_cannot_load_stops_the_start_with_a_message_naming_the_jar() throws IOException {
        Path notAJar = Files.writeString(TestServer.tempDir().resolve("broken.jar"), "this is not a zip file");
        Path plugins = pluginsWith(notAJar, "broken.jar");
        try (Node node = Node.launch("bad-plugin-node", null, settings(plugins), null)) {
            assertThat(node.awaitExit(BOUND)).isEqualTo(2);
            assertThat(node.logText()).contains("OpenAgg did not start: plug-in broken.jar");
            assertThat(node.logText()).doesNotContain("OpenAgg is listening");
        }
    }

    private static String answer(String guid, String value) {
        return "{\"member\": {\"challenges\": [{\"guid\": \"" + guid + "\", \"value\": \"" + value + "\"}]}}";
    }
}
