package dev.openagg.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.api.Http;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void credential_values_answers_passwords_and_secrets_are_replaced_wherever_they_are() {
        String sent = Redaction.sent(bytes("""
                {"member": {"credentials": [{"guid": "CRD-1", "value": "hunter2"}],
                 "challenges": [{"guid": "CRD-2", "value": "blue"}]},
                 "webhook": {"url": "http://x", "username": "u", "password": "pw-1"},
                 "institution": {"logins": [{"when": {"PASSWORD": "pw-2"}, "steps": [{"challenges": [{"answer": "a-1"}]}]}]}}"""));
        assertThat(sent).doesNotContain("hunter2", "blue", "pw-1", "pw-2", "a-1")
                .contains("\"guid\":\"CRD-1\"", "\"url\":\"http://x\"", Redaction.MARK);
    }

    @Test
    void a_replys_option_values_stay_but_its_secrets_and_token_urls_do_not() {
        String answered = Redaction.answered(bytes("""
                {"webhook": {"secret": "whsec-9"}, "challenges": [{"options": [{"label": "Phone", "value": "1"}]}],
                 "widget_url": {"url": "https://h/widget/connect/tok-abc?x=1"},
                 "member": {"oauth_window_uri": "https://h/oauth/authorize/tok-def"}}"""));
        assertThat(answered).doesNotContain("whsec-9", "tok-abc", "tok-def")
                .contains("\"value\":\"1\"", "/widget/connect/" + Redaction.MARK + "?x=1", "/oauth/authorize/" + Redaction.MARK);
        assertThat(Redaction.path("/widget/connect/tok-abc")).isEqualTo("/widget/connect/" + Redaction.MARK);
    }

    @Test
    void a_body_that_is_not_json_is_not_kept_and_a_long_one_is_cut() {
        assertThat(Redaction.sent(bytes("password=hunter2&x=1"))).isEqualTo("[20 bytes, not JSON: not kept]");
        assertThat(Redaction.sent(new byte[0])).isNull();
        String longBody = "{\"metadata\": \"" + "m".repeat(Redaction.MAX_CHARS * 2) + "\"}";
        assertThat(Redaction.sent(bytes(longBody))).hasSizeLessThan(Redaction.MAX_CHARS + 80)
                .endsWith("[cut at " + Redaction.MAX_CHARS + " of " + (Redaction.MAX_CHARS * 2 + 15) + " characters]");
    }

    @Test
    void a_full_queue_drops_and_counts_instead_of_waiting() {
        RequestLog log = new RequestLog(Jdbi.create("jdbc:h2:mem:unused"), Clock.systemUTC(), Duration.ofDays(7), 2);
        Http.Answered entry = new Http.Answered("c", "r", Instant.now(), "GET", "/users", "/users", null, 200, 1, Map.of(),
                null, null);
        for (int i = 0; i < 5; i++) {
            log.offer(entry);
        }
        assertThat(log.waiting()).isEqualTo(2);
        assertThat(log.dropped()).isEqualTo(3);
    }
}
