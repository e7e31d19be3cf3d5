package dev.openagg.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openagg.Config;
import dev.openagg.Main;
import dev.openagg.support.Flow;
import dev.openagg.support.Postgres;
import dev.openagg.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A node whose master key is missing, malformed or not the one its secrets are under will not start, and says why. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MasterKeyStartTest {
    private final Config config = TestServer.config();
    private final Path dir = config.dataDir();
    private final MasterKey stranger = MasterKey.generate("test");
    private String member;
    private MasterKey own;

    /** A server on the embedded default that stored a member's credentials under its generated key, then stopped. */
    @BeforeEach
    void storeSecrets() {
        TestServer server = TestServer.start(config);
        member = new Flow(server.api()).member("password", true);
        server.stop();
        own = KeyFile.read(dir.resolve(KeyFile.DEFAULT_NAME), "test").get(0);
    }

    @AfterEach
    void removeData() {
        TestServer.deleteTree(dir);
    }

    @Test
    void another_key_refuses_the_start_naming_the_setting_and_both_key_ids_but_no_key() {
        KeySettings another = new KeySettings(stranger.encoded(), null, null, null);
        assertThatThrownBy(() -> TestServer.start(config.withKeys(another)))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("OPENAGG_MASTER_KEY")
                .hasMessageContaining("key id " + own.id())
                .hasMessageContaining("master key " + stranger.id())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(stranger.encoded(), own.encoded()));
    }

    @Test
    void serve_with_another_key_exits_with_the_reason_and_no_stack_trace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"serve", "--port", "0", "--data-dir", dir.toString(), "--master-key",
                stranger.encoded()}, Map.of(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("openagg serve: ").contains("OPENAGG_MASTER_KEY", own.id())
                .doesNotContain(stranger.encoded(), own.encoded(), "\tat ");
    }

    @Test
    void without_its_key_file_the_embedded_default_refuses_to_start_and_leaves_no_new_key_behind() throws Exception {
        Files.delete(dir.resolve(KeyFile.DEFAULT_NAME));

        assertThatThrownBy(() -> TestServer.start(config)).isInstanceOf(SecretException.class)
                .hasMessageContaining("OPENAGG_MASTER_KEY_FILE").hasMessageContaining("key id " + own.id())
                .hasMessageContaining(KeyFile.DEFAULT_NAME + " was missing");
        assertThat(dir.resolve(KeyFile.DEFAULT_NAME)).doesNotExist();
    }

    @Test
    void a_malformed_key_refuses_the_start_without_repeating_it() {
        assertThatThrownBy(() -> TestServer.start(config.withKeys(new KeySettings("not-a-key-3f9a", null, null, null))))
                .isInstanceOf(SecretException.class)
                .hasMessageStartingWith("OPENAGG_MASTER_KEY is not a master key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-a-key-3f9a"));
    }

    @Test
    void a_shared_database_without_a_key_refuses_the_start_naming_both_settings() {
        Config shared = TestServer.config().withDatabase(Postgres.newDatabase(), "postgres", "postgres");

        assertThatThrownBy(() -> TestServer.start(shared)).isInstanceOf(SecretException.class)
                .hasMessageContaining("OPENAGG_MASTER_KEY or OPENAGG_MASTER_KEY_FILE");
    }

    @Test
    void a_secret_under_an_unknown_key_id_refuses_the_start_naming_its_row() {
        String aad = SecretColumn.MEMBER_CREDENTIAL.aad(member, Flow.PASSWORD);
        Jdbi.create(config.jdbcUrl()).useHandle(h -> h.createUpdate(
                        "UPDATE member_credential SET secret = :secret WHERE member_guid = :m AND credential_guid = :c")
                .bind("secret", new Keyring(stranger, List.of()).seal(aad, "password"))
                .bind("m", member).bind("c", Flow.PASSWORD).execute());

        assertThatThrownBy(() -> TestServer.start(config)).isInstanceOf(SecretException.class)
                .hasMessageContaining(aad).hasMessageContaining("key id " + stranger.id())
                .hasMessageContaining("OPENAGG_PREVIOUS_MASTER_KEY");
    }

    @Test
    void the_old_key_given_as_previous_lets_a_node_with_a_new_key_start_and_read() throws Exception {
        Path oldKey = dir.resolveSibling(dir.getFileName() + "-old.key");
        KeyFile.write(oldKey, List.of(own));
        try {
            KeySettings rotating = new KeySettings(stranger.encoded(), null, null, oldKey);
            TestServer server = TestServer.start(config.withKeys(rotating));
            try {
                Flow flow = new Flow(server.api(), server.api().get("/users").json().at("/users/0/guid").asText());
                assertThat(flow.start(member, "aggregate").status()).isEqualTo(202);
                assertThat(flow.awaitStatus(member, "CONNECTED").get("is_authenticated").asBoolean()).isTrue();
            } finally {
                server.stop();
            }
        } finally {
            Files.delete(oldKey);
        }
    }
}
