package dev.openagg.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyringTest {
    private static final String ROW = SecretColumn.MEMBER_CREDENTIAL.aad("MBR-1", "CRD-1");
    private final MasterKey key = MasterKey.generate("test");
    private final Keyring keyring = new Keyring(key, List.of());

    @Test
    void a_sealed_value_is_an_envelope_naming_its_key_and_reads_back() {
        String sealed = keyring.seal(ROW, "hunter2 ünïcode");

        assertThat(sealed).startsWith("v1:" + key.id() + ":").doesNotContain("hunter2");
        assertThat(Keyring.keyId(sealed)).contains(key.id());
        assertThat(keyring.open(ROW, sealed)).isEqualTo("hunter2 ünïcode");
        assertThat(keyring.isCurrent(sealed)).isTrue();
    }

    @Test
    void the_same_value_sealed_twice_gives_two_ciphertexts() {
        assertThat(keyring.seal(ROW, "same")).isNotEqualTo(keyring.seal(ROW, "same"));
    }

    @Test
    void null_stays_null() {
        assertThat(keyring.seal(ROW, null)).isNull();
        assertThat(keyring.open(ROW, null)).isNull();
    }

    @Test
    void a_ciphertext_copied_to_another_row_or_column_does_not_decrypt() {
        String sealed = keyring.seal(ROW, "secret");

        assertThatThrownBy(() -> keyring.open(SecretColumn.MEMBER_CREDENTIAL.aad("MBR-2", "CRD-1"), sealed))
                .isInstanceOf(SecretException.class).hasMessageContaining("copied from another row");
        assertThatThrownBy(() -> keyring.open(SecretColumn.WEBHOOK_SECRET.aad("MBR-1"), sealed))
                .isInstanceOf(SecretException.class);
    }

    @Test
    void an_altered_ciphertext_does_not_decrypt() {
        String sealed = keyring.seal(ROW, "secret");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));
        bytes[bytes.length - 1] ^= 1;
        String altered = sealed.substring(0, sealed.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> keyring.open(ROW, altered)).isInstanceOf(SecretException.class)
                .hasMessageContaining("altered");
    }

    @Test
    void a_ciphertext_under_an_unknown_key_fails_naming_its_row_its_key_id_and_the_settings() {
        MasterKey other = MasterKey.generate("elsewhere");
        String sealed = new Keyring(other, List.of()).seal(ROW, "secret");

        assertThatThrownBy(() -> keyring.open(ROW, sealed)).isInstanceOf(SecretException.class)
                .hasMessageContaining(ROW).hasMessageContaining("key id " + other.id())
                .hasMessageContaining("OPENAGG_MASTER_KEY").hasMessageContaining("OPENAGG_PREVIOUS_MASTER_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(other.encoded(), key.encoded()));
    }

    @Test
    void a_previous_key_reads_what_it_wrote_and_new_values_go_under_the_current_key() {
        MasterKey old = MasterKey.generate("old");
        String underOld = new Keyring(old, List.of()).seal(ROW, "secret");
        Keyring rotating = new Keyring(key, List.of(old));

        assertThat(rotating.open(ROW, underOld)).isEqualTo("secret");
        assertThat(rotating.isCurrent(underOld)).isFalse();
        assertThat(Keyring.keyId(rotating.seal(ROW, "secret"))).contains(key.id());
    }

    @Test
    void a_plain_value_is_refused_as_not_encrypted() {
        assertThatThrownBy(() -> keyring.open(ROW, "hunter2")).isInstanceOf(SecretException.class)
                .hasMessageContaining(ROW + " is not encrypted");
        assertThat(Keyring.keyId("v1:hunter2")).isEmpty();
    }

    @Test
    void a_key_is_32_bytes_of_base64_and_its_id_is_stable() {
        MasterKey again = MasterKey.decode(key.encoded(), "OPENAGG_MASTER_KEY");

        assertThat(again.id()).isEqualTo(key.id()).matches("[0-9a-f]{8}");
        assertThat(again.toString()).doesNotContain(key.encoded());
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> MasterKey.decode(short16, "OPENAGG_MASTER_KEY")).isInstanceOf(SecretException.class)
                .hasMessageStartingWith("OPENAGG_MASTER_KEY is not a master key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(short16));
    }
}
