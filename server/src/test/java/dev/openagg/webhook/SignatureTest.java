package dev.openagg.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignatureTest {

    @Test
    void the_header_is_the_hmac_of_time_dot_body_as_any_hmac_tool_computes_it() {
        // printf '1.{}' | openssl dgst -sha256 -hmac s
        assertThat(Signature.header("s", 1, "{}"))
                .isEqualTo("t=1,v1=b253639bcd705ed1cda3073f66104f16988bd40272584dea7d0d345ae93e61cc");
    }
}
