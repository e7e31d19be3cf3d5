package dev.openagg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.Api;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import dev.openagg.support.TestServer;
import org.junit.jupiter.api.Test;

class HealthAndRestartTest {

    @Test
    void health_answers_without_credentials() {
        try (TestServer server = TestServer.start()) {
            Reply health = new Api(server.port(), null, null).get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void a_restart_keeps_users_members_and_their_status() {
        try (TestServer server = TestServer.start()) {
            Api api = server.api();
            Flow flow = new Flow(api);
            String member = flow.member("password", false);
            flow.awaitStatus(member, "CONNECTED");

            server.restart();

            Api after = server.api();
            assertThat(after.get("/users/" + flow.userGuid).status()).isEqualTo(200);
            Reply read = after.get(flow.path(member, ""));
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().at("/member/connection_status").asText()).isEqualTo("CONNECTED");
        }
    }

    @Test
    void a_fresh_server_without_configured_credentials_generates_a_client_that_works() {
        Config config = Config.defaults(TestServer.tempDir()).withPort(0);
        try (App app = App.start(config, java.time.Clock.systemUTC())) {
            var generated = app.generatedClient();
            assertThat(generated).isNotNull();
            assertThat(generated.apiKey()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(new Api(app.port(), generated.clientId(), generated.apiKey()).get("/users").status()).isEqualTo(200);
        }
        try (App again = App.start(config, java.time.Clock.systemUTC())) {
            assertThat(again.generatedClient()).isNull();
        }
    }
}
