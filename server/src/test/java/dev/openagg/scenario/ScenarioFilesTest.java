package dev.openagg.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.Main;
import dev.openagg.support.Await;
import dev.openagg.support.LogCapture;
import dev.openagg.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Scenario files in the scenarios folder: the shipped examples run, and edits take effect while the server runs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioFilesTest {
    static final Path EXAMPLES = Path.of("..", "docs", "scenarios");
    private static final Duration BOUND = Duration.ofSeconds(15);

    private Path folder;
    private TestServer server;
    private Scripted client;

    @BeforeAll
    void start() throws IOException {
        folder = Files.createTempDirectory("openagg-scenarios");
        for (String example : List.of("two-questions-then-code.yaml", "slow-bank.json")) {
            Files.copy(EXAMPLES.resolve(example), folder.resolve(example));
        }
        server = TestServer.start(TestServer.config().withScenariosDir(folder));
        client = new Scripted(server.api());
    }

    @AfterAll
    void stop() {
        server.close();
        TestServer.deleteTree(folder);
    }

    @Test
    void the_two_questions_example_asks_both_then_a_code_sent_where_the_member_chose() {
        String member = client.member("two_questions_cu", Map.of("LOGIN", "1001", "PASSWORD", "secret"));

        client.answer(member, "Lincon");
        client.answer(member, "Lincoln");
        client.answer(member, "DENVER");
        client.answer(member, "email");
        JsonNode code = client.answer(member, "246810");

        assertThat(code.get(0).get("label").asText()).isEqualTo("Enter the code we sent by email");
        client.flow.awaitStatus(member, "CONNECTED");
        JsonNode accounts = client.api.get(client.flow.path(member, "accounts")).json().get("accounts");
        assertThat(Scripted.list(accounts, "name")).containsExactlyInAnyOrder("Share Savings", "Everyday Checking");
        assertThat(client.message(client.member("two_questions_cu", Map.of("LOGIN", "1", "PASSWORD", "locked")),
                "LOCKED")).isEqualTo("Your account is locked. Call us at (555) 010-0100.");
    }

    @Test
    void the_slow_example_is_delayed_then_connects_then_is_degraded_on_the_next_job() {
        String member = client.member("slow_bank", Map.of("LOGIN", "x", "PASSWORD", "slow"));

        client.flow.awaitStatus(member, "DELAYED");
        server.clock.advance(Duration.ofSeconds(6));
        client.flow.awaitStatus(member, "CONNECTED");
        JsonNode accounts = client.api.get(client.flow.path(member, "accounts")).json().get("accounts");
        assertThat(accounts).hasSize(2);
        client.flow.start(member, "aggregate");

        assertThat(client.message(member, "DEGRADED")).isEqualTo(
                "Slow Bank is having trouble. Your data may be out of date.");
    }

    @Test
    void a_file_edited_while_the_server_runs_takes_effect_and_a_broken_edit_keeps_the_previous_version()
            throws IOException {
        Path file = folder.resolve("edited.json");
        write(file, Scripted.acme("edited_cu"));
        awaitName("edited_cu", "Acme Credit Union");

        write(file, Scripted.acme("edited_cu").replace("Acme Credit Union", "Acme Renamed"));
        awaitName("edited_cu", "Acme Renamed");
        String member = client.member("edited_cu", Map.of("LOGIN", "x", "PASSWORD", "locked"));
        client.flow.awaitStatus(member, "LOCKED");

        try (LogCapture log = new LogCapture()) {
            write(file, Scripted.acme("edited_cu").replace("\"outcome\": \"LOCKED\"", "\"outcome\": \"SUNNY\""));
            write(folder.resolve("marker.json"), Scripted.acme("marker_cu"));
            awaitName("marker_cu", "Acme Credit Union");
            assertThat(client.api.get("/institutions/edited_cu").json().at("/institution/name").asText())
                    .isEqualTo("Acme Renamed");
            assertThat(log.text()).contains("scenario file edited.json: $.institution.logins[1].outcome: SUNNY is not"
                    + " one of").contains("; its previous version stays in force");
        }

        Files.delete(file);
        Await.until(() -> client.api.get("/institutions/edited_cu").status(), s -> s == 404, BOUND,
                "the removed file's institution to go");
    }

    @Test
    void a_file_whose_code_is_taken_is_not_loaded() throws IOException {
        write(folder.resolve("impostor.json"), Scripted.acme("mxbank").replace("Acme Credit Union", "Impostor"));
        write(folder.resolve("second-marker.json"), Scripted.acme("second_marker"));
        awaitName("second_marker", "Acme Credit Union");

        assertThat(client.api.get("/institutions/mxbank").json().at("/institution/name").asText()).isEqualTo("MX Bank");
    }

    @Test
    void check_scenario_accepts_the_shipped_scenarios_and_names_every_problem_of_a_bad_file() throws IOException {
        Path mxbank = Files.createTempFile("mxbank", ".json");
        try (var in = ScenarioFilesTest.class.getResourceAsStream("/scenarios/mxbank.json")) {
            Files.copy(in, mxbank, StandardCopyOption.REPLACE_EXISTING);
        }
        List<Path> shipped = List.of(EXAMPLES.resolve("two-questions-then-code.yaml"), EXAMPLES.resolve("slow-bank.json"));
        assertThat(ScenarioCheck.problems(shipped, code -> Optional.empty())).isEmpty();
        assertThat(ScenarioCheck.problems(List.of(mxbank), code -> Optional.empty())).isEmpty();

        Path bad = Files.createTempFile("bad", ".yaml");
        Files.writeString(bad, "institution:\n  code: mxbank\n  name: X\n  credentials: []\n  logins: [{outcome: SUNNY}]\n");
        List<String> problems = ScenarioCheck.problems(List.of(bad),
                code -> code.equals("mxbank") ? Optional.of("mxbank is the code of a built-in institution") : Optional.empty());
        assertThat(problems).containsExactly(
                bad + ": $.institution.code: mxbank is the code of a built-in institution",
                bad + ": $.institution.credentials: must not be empty",
                bad + ": $.institution.logins[0].outcome: SUNNY is not one of PREVENTED, DENIED, REJECTED, LOCKED,"
                        + " CONNECTED, IMPEDED, DEGRADED, DISCONNECTED, DISCONTINUED, CLOSED, FAILED, DISABLED, EXPIRED,"
                        + " IMPAIRED");
        assertThat(Main.run("check-scenario", bad.toString())).isEqualTo(1);
        assertThat(Main.run("check-scenario", mxbank.toString())).isEqualTo(1);
        assertThat(Main.run("check-scenario", shipped.get(0).toString())).isZero();
        Files.delete(bad);
        Files.delete(mxbank);
    }

    /** Writes the file with a modification time that differs from the last, however fast the writes come. */
    private static void write(Path file, String text) throws IOException {
        FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.from(Instant.EPOCH);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(1).isAfter(Instant.now())
                ? before.toInstant().plusSeconds(1) : Instant.now()));
    }

    private void awaitName(String code, String name) {
        Await.until(() -> client.api.get("/institutions/" + code).json(), j -> name.equals(j.at("/institution/name")
                .asText()), BOUND, code + " to be named " + name);
    }

}
