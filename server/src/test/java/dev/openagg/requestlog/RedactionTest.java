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
        String answered = Redaction.reply(bytes("""
                {"webhook": {"secret": "whsec-9"}, "challenges": [{"options": [{"label": "Phone", "value": "1"}]}],
                 "widget_url": {"url": "https://h/widget/connect/tok-abc?x=1"},
                 "member": {"oauth_window_uri": "https://h/oauth/authorize/tok-def"}}""")).text();
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
    void a_body_is_kept_compact_with_its_values_as_sent_and_a_secret_holding_an_object_is_replaced_whole() {
        String sent = Redaction.sent(bytes("""
                {
                  "user": {"id": "u-1", "is_disabled": false, "metadata": null, "n": [1, 2.5, -3e2, 12345678901234567890]},
                  "Token": {"refresh": "r-1", "nested": ["t-1"]},
                  "password": null,
                  "value": ""
                }
                """));
        assertThat(sent).isEqualTo("{\"user\":{\"id\":\"u-1\",\"is_disabled\":false,\"metadata\":null,"
                + "\"n\":[1,2.5,-300.0,12345678901234567890]},\"Token\":\"[redacted]\",\"password\":null,"
                + "\"value\":\"[redacted]\"}");
    }

    @Test
    void a_body_that_stops_inside_its_json_is_not_kept_and_one_of_blanks_is_none() {
        assertThat(Redaction.sent(bytes("{\"member\": {\"credentials\": [{\"value\": \"hunter2\""))).isEqualTo(
                "[47 bytes, not JSON: not kept]");
        assertThat(Redaction.reply(bytes("{\"a\": 1} trailing")).text()).isEqualTo("{\"a\":1}");
        assertThat(Redaction.reply(bytes("  \n")).text()).isNull();
        assertThat(Redaction.reply(bytes("\"/widget/connect/tok-1\"")).text()).isEqualTo("\"/widget/connect/[redacted]\"");
    }

    @Test
    void a_reply_names_the_user_and_member_only_from_its_top_objects() {
        Redaction.Kept reply = Redaction.reply(bytes("""
                {"member": {"guid": "MBR-1", "user_guid": "USR-1", "account": {"guid": "ACT-1"}},
                 "user": {"guid": "USR-2"}, "accounts": [{"member": {"guid": "MBR-9"}}], "guid": "X-1"}"""));
        assertThat(reply.guid("/member/guid")).isEqualTo("MBR-1");
        assertThat(reply.guid("/member/user_guid")).isEqualTo("USR-1");
        assertThat(reply.guid("/user/guid")).isEqualTo("USR-2");
        assertThat(reply.guids()).hasSize(3);
        assertThat(Redaction.reply(bytes("[{\"member\": {\"guid\": \"MBR-1\"}}]")).guids()).isEmpty();
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
