package dev.openagg.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.Config;
import dev.openagg.Main;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.DataFiles;
import dev.openagg.support.Flow;
import dev.openagg.support.MutableClock;
import dev.openagg.support.Receiver;
import dev.openagg.support.Reply;
import dev.openagg.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets on the embedded default as someone holding a copy of the data directory sees them: the bytes of every file,
 * read after a clean shutdown. And as the server needs them: read back after a restart and after a rotation.
 */
class SecretsAtRestTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String BANK_PASSWORD = "Bank-Pw-7731-first";
    private static final String NEW_BANK_PASSWORD = "Bank-Pw-7731-second";
    private static final String HOOK_PASSWORD = "Hook-Pw-5120-first";
    private static final String NEW_HOOK_PASSWORD = "Hook-Pw-5120-second";

    private final Receiver receiver = Receiver.start();
    private final Config config = TestServer.config();
    private final Path dir = config.dataDir();
    private final MutableClock clock = MutableClock.running();
    private TestServer server;

    @AfterEach
    void cleanUp() {
        receiver.close();
        stopServer();
        TestServer.deleteTree(dir);
    }

    @Test
    void no_credential_or_webhook_secret_is_in_the_data_files_after_create_update_and_rotation_and_each_reads_back() {
        startServer();
        Api api = server.api();
        String[] hook = registerWebhook(api, receiver.url(), HOOK_PASSWORD);
        Flow flow = new Flow(api);
        String member = flow.member(BANK_PASSWORD, false);
        flow.awaitStatus(member, "CONNECTED");
        awaitJobEvent(flow, member, hook, HOOK_PASSWORD);

        stopServer();
        assertNotInFiles(member, BANK_PASSWORD, HOOK_PASSWORD, hook[1]);
        startAndReadBack(flow.userGuid, member, hook, HOOK_PASSWORD);

        api = server.api();
        assertThat(api.put("/webhooks/" + hook[0], "{\"webhook\": {\"password\": \"" + NEW_HOOK_PASSWORD + "\"}}")
                .status()).isEqualTo(200);
        assertThat(api.put(flow.path(member, ""), "{\"member\": {\"credentials\": [{\"guid\": \"" + Flow.PASSWORD
                + "\", \"value\": \"" + NEW_BANK_PASSWORD + "\"}]}}").status()).isEqualTo(200);
        Flow updated = new Flow(api, flow.userGuid);
        updated.awaitStatus(member, "CONNECTED");
        awaitJobEvent(updated, member, hook, NEW_HOOK_PASSWORD);

        stopServer();
        String[] everySecret = {BANK_PASSWORD, NEW_BANK_PASSWORD, HOOK_PASSWORD, NEW_HOOK_PASSWORD, hook[1]};
        assertNotInFiles(member, everySecret);
        startAndReadBack(flow.userGuid, member, hook, NEW_HOOK_PASSWORD);

        stopServer();
        Jdbi db = Jdbi.create(config.jdbcUrl());
        List<String> underTheOldKey = SecretRows.values(db);
        String oldKey = KeyFile.read(dir.resolve(KeyFile.DEFAULT_NAME), "test").get(0).id();
        assertThat(Main.run("rotate-key", "--data-dir", dir.toString())).isZero();

        List<MasterKey> keys = KeyFile.read(dir.resolve(KeyFile.DEFAULT_NAME), "test");
        assertThat(keys).extracting(MasterKey::id).hasSize(1).doesNotContain(oldKey);
        assertThat(SecretRows.keyIds(db)).containsExactly(keys.get(0).id());
        assertThat(underTheOldKey).isNotEmpty().allSatisfy(ciphertext ->
                assertThat(DataFiles.containing(dir, ciphertext)).as("a ciphertext under the retired key").isEmpty());
        assertNotInFiles(member, everySecret);
        startAndReadBack(flow.userGuid, member, hook, NEW_HOOK_PASSWORD);
    }

    @Test
    void the_data_directory_and_every_file_in_it_are_readable_by_their_owner_only() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        startServer();
        new Flow(server.api()).member("password", true);
        assertOwnerOnly();

        stopServer();
        assertOwnerOnly();
        assertThat(Main.run("rotate-key", "--data-dir", dir.toString())).isZero();
        assertOwnerOnly();
    }

    private void assertOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        List<Path> files;
        try (var paths = Files.walk(dir)) {
            files = paths.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).contains(KeyFile.DEFAULT_NAME, "openagg.mv.db");
        for (Path file : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
    }

    private void assertNotInFiles(String storedInTheClear, String... secrets) {
        assertThat(DataFiles.containing(dir, storedInTheClear)).as("the search finds what is stored in the clear")
                .isNotEmpty();
        for (String secret : secrets) {
            assertThat(DataFiles.containing(dir, secret)).as(secret).isEmpty();
        }
        assertThat(SecretRows.keyIds(Jdbi.create(config.jdbcUrl()))).doesNotContain("plain");
    }

    /** Starts the server again and runs a job, which must sign in with the stored credentials and send its event. */
    private void startAndReadBack(String userGuid, String member, String[] hook, String hookPassword) {
        startServer();
        Flow flow = new Flow(server.api(), userGuid);
        assertThat(flow.start(member, "aggregate").status()).isEqualTo(202);
        assertThat(flow.awaitStatus(member, "CONNECTED").get("is_authenticated").asBoolean()).isTrue();
        awaitJobEvent(flow, member, hook, hookPassword);
    }

    /**
     * Waits for the AGGREGATION event of the member's last job, signed with the webhook's secret and sent with its
     * password, and for every delivery to be done, so that no claim is held when the server stops.
     */
    private void awaitJobEvent(Flow flow, String member, String[] hook, String hookPassword) {
        // v20250224 names the member's latest job; v20111101 sends null there (its spec types the field boolean).
        String job = server.api().inVersion("v20250224").get(flow.path(member, "")).json()
                .at("/member/most_recent_job_guid").asText();
        Await.until(receiver::received, got -> got.stream().anyMatch(r -> r.body().contains("\"job_guid\":\"" + job)
                && r.isSignedWith(hook[1]) && ("hook-user:" + hookPassword).equals(r.basicCredentials())), BOUND,
                "the event of " + job + " signed with the webhook's secret and sent with its password");
        Await.until(() -> server.api().get("/webhooks/" + hook[0] + "/deliveries?records_per_page=100").json()
                .get("deliveries"), d -> d.findValuesAsText("status").stream().allMatch("DELIVERED"::equals), BOUND,
                "every delivery done");
    }

    /** Registers a webhook sending every event type with HTTP Basic; returns its guid and signing secret. */
    static String[] registerWebhook(Api api, String url, String password) {
        Reply reply = api.post("/webhooks", "{\"webhook\": {\"url\": \"" + url + "\", \"event_types\": [\"MEMBER\", "
                + "\"AGGREGATION\", \"CONNECTION_STATUS\"], \"username\": \"hook-user\", \"password\": \"" + password
                + "\"}}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return new String[] {reply.json().at("/webhook/guid").asText(), reply.json().at("/webhook/secret").asText()};
    }

    private void startServer() {
        server = TestServer.start(config, clock);
    }

    private void stopServer() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
