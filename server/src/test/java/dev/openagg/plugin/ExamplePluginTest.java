package dev.openagg.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Reply;
import dev.openagg.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example connector, built by its own project, loaded from a plug-ins folder and driven through the API. */
class ExamplePluginTest {
    static final Path EXAMPLE_JAR = Path.of(System.getProperty("openagg.exampleJar",
            "../examples/connector-example/target/connector-example.jar"));
    static final String LOGIN = "CRD-7e1a0c52-3f7b-4d2e-9a61-0c1d2e3f4a51";
    static final String PASSWORD = "CRD-7e1a0c52-3f7b-4d2e-9a61-0c1d2e3f4a52";
    static final Duration BOUND = Duration.ofSeconds(15);

    static TestServer server;
    static Api api;
    static String user;

    @BeforeAll
    static void start() throws IOException {
        Path plugins = Files.createDirectories(TestServer.tempDir().resolve("plugins"));
        Files.copy(EXAMPLE_JAR, plugins.resolve("connector-example.jar"));
        server = TestServer.start(TestServer.config().withPluginsDir(plugins));
        api = server.api();
        user = api.post("/users", "{\"user\": {}}").json().at("/user/guid").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String member(String password) {
        Reply created = api.post("/users/" + user + "/members", "{\"member\": {\"institution_code\": \"example_cu\","
                + " \"credentials\": [{\"guid\": \"" + LOGIN + "\", \"value\": \"1001\"},"
                + " {\"guid\": \"" + PASSWORD + "\", \"value\": \"" + password + "\"}]}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        return created.json().at("/member/guid").asText();
    }

    static JsonNode awaitStatus(String member, String status) {
        return Await.until(() -> api.get("/users/" + user + "/members/" + member + "/status").json().get("member"),
                s -> s.get("connection_status").asText().equals(status), BOUND, member + " " + status);
    }

    static Reply resume(String member, String guid, String value) {
        return api.put("/users/" + user + "/members/" + member + "/resume",
                "{\"member\": {\"challenges\": [{\"guid\": \"" + guid + "\", \"value\": \"" + value + "\"}]}}");
    }

    @Test
    void the_plug_in_institution_is_listed_like_a_built_in_one() {
        JsonNode institution = api.get("/institutions/example_cu").json().get("institution");

        assertThat(institution.get("name").asText()).isEqualTo("Example Credit Union");
        assertThat(institution.get("supports_account_verification").asBoolean()).isTrue();
        assertThat(institution.get("supports_tax_document").asBoolean()).isFalse();
        assertThat(api.get("/institutions?name=example").json().get("institutions"))
                .extracting(i -> i.get("code").asText()).containsExactly("example_cu");
        assertThat(api.get("/institutions/example_cu/credentials").json().get("credentials"))
                .extracting(c -> c.get("field_name").asText()).containsExactly("LOGIN", "PASSWORD");
    }

    @Test
    void a_member_of_the_plug_in_goes_through_two_mfa_rounds_to_its_accounts() {
        String member = member("secret");
        JsonNode options = awaitStatus(member, "CHALLENGED").at("/challenges/0");
        assertThat(options.get("type").asText()).isEqualTo("OPTIONS");

        String email = options.get("options").get(1).get("guid").asText();
        assertThat(resume(member, options.get("guid").asText(), email).status()).isEqualTo(202);
        JsonNode token = Await.until(() -> awaitStatus(member, "CHALLENGED").at("/challenges/0"),
                c -> c.get("type").asText().equals("TOKEN"), BOUND, "the token challenge");
        assertThat(token.get("label").asText()).isEqualTo("Enter the code we sent to your email");
        resume(member, token.get("guid").asText(), "123456");

        JsonNode connected = awaitStatus(member, "CONNECTED");
        assertThat(connected.get("is_authenticated").asBoolean()).isTrue();
        JsonNode accounts = api.get("/users/" + user + "/members/" + member + "/accounts").json().get("accounts");
        assertThat(accounts).extracting(a -> a.get("name").asText()).containsExactly("Share Draft");
        assertThat(api.get("/users/" + user + "/members/" + member + "/transactions").json().get("transactions"))
                .extracting(t -> t.get("description").asText())
                .containsExactlyInAnyOrder("Corner Coffee", "Grocery Market", "Payroll");
    }

    @Test
    void a_job_the_institution_does_not_offer_is_refused_with_400_and_never_reaches_the_connector() {
        String member = member("nope");
        awaitStatus(member, "DENIED");

        Reply refused = api.post("/users/" + user + "/members/" + member + "/fetch_tax_documents", null);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/error/message").asText())
                .isEqualTo("the member's institution does not support fetch_tax_documents jobs");
        JsonNode after = api.get("/users/" + user + "/members/" + member).json().get("member");
        assertThat(after.get("connection_status").asText()).isEqualTo("DENIED");
        assertThat(after.get("is_being_aggregated").asBoolean()).isFalse();
        assertThat(after.get("connection_status_message").asText())
                .isEqualTo("The member number or password is not right.");
    }
}
