package dev.openagg.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openagg.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeysTest {
    private final Path dir = TestServer.tempDir();
    private final MasterKey one = MasterKey.generate("test");
    private final MasterKey two = MasterKey.generate("test");

    @AfterEach
    void removeDir() {
        TestServer.deleteTree(dir);
    }

    @Test
    void the_embedded_default_generates_a_key_file_readable_by_its_owner_only_and_keeps_using_it() throws Exception {
        Keys.Loaded first = Keys.load(KeySettings.none(), dir);
        Keys.Loaded second = Keys.load(KeySettings.none(), dir);

        Path file = dir.resolve(KeyFile.DEFAULT_NAME);
        assertThat(first.generated()).isEqualTo(file);
        assertThat(second.generated()).isNull();
        assertThat(second.keyring().current().id()).isEqualTo(first.keyring().current().id());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void a_shared_database_gets_no_generated_key() {
        assertThatThrownBy(() -> Keys.load(KeySettings.none(), null)).isInstanceOf(SecretException.class)
                .hasMessageStartingWith("No master key: set OPENAGG_MASTER_KEY or OPENAGG_MASTER_KEY_FILE");
    }

    @Test
    void a_key_file_holds_the_current_key_then_the_keys_still_read_with() {
        Path file = dir.resolve("keys");
        KeyFile.write(file, List.of(two, one));

        Keyring keyring = Keys.load(new KeySettings(null, file, null, null), null).keyring();

        assertThat(keyring.current().id()).isEqualTo(two.id());
        assertThat(keyring.keys()).extracting(MasterKey::id).containsExactly(two.id(), one.id());
    }

    @Test
    void a_previous_key_from_the_environment_joins_the_ring_for_reading() {
        Keyring keyring = Keys.load(new KeySettings(two.encoded(), null, one.encoded(), null), null).keyring();

        assertThat(keyring.current().id()).isEqualTo(two.id());
        assertThat(keyring.keys()).extracting(MasterKey::id).containsExactly(two.id(), one.id());
        assertThat(keyring.describe()).contains("OPENAGG_MASTER_KEY", "OPENAGG_PREVIOUS_MASTER_KEY")
                .doesNotContain(one.encoded(), two.encoded());
    }

    @Test
    void a_key_given_twice_is_refused_and_a_missing_file_is_named() {
        assertThatThrownBy(() -> Keys.load(new KeySettings(one.encoded(), dir.resolve("k"), null, null), dir))
                .isInstanceOf(SecretException.class)
                .hasMessage("Set OPENAGG_MASTER_KEY or OPENAGG_MASTER_KEY_FILE, not both");
        assertThatThrownBy(() -> Keys.load(new KeySettings(null, dir.resolve("absent.key"), null, null), dir))
                .isInstanceOf(SecretException.class).hasMessageStartingWith("OPENAGG_MASTER_KEY_FILE: cannot read")
                .hasMessageContaining("absent.key");
    }

    @Test
    void a_key_file_without_a_key_is_refused() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.key"), "# nothing yet\n\n");

        assertThatThrownBy(() -> Keys.load(new KeySettings(null, null, null, file), dir))
                .isInstanceOf(SecretException.class).hasMessageContaining("OPENAGG_PREVIOUS_MASTER_KEY_FILE")
                .hasMessageContaining("holds no key");
    }
}
