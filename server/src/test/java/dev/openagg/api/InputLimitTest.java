package dev.openagg.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.Api;
import dev.openagg.support.Flow;
import dev.openagg.support.LogCapture;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import dev.openagg.support.Widgets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every string field's maximum length, and page numbers too large to reach: a 4xx naming the field, never a 500. */
class InputLimitTest extends ServerTest {

    private static String text(char c, int length) {
        return String.valueOf(c).repeat(length);
    }

    private static void assertRefused(Reply reply, String message) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(422);
        assertThat(reply.errorMessage()).contains(message);
    }

    @Test
    void user_fields_over_their_length_are_422_naming_the_field_and_at_it_are_saved() {
        assertRefused(api.post("/users", "{\"user\": {\"id\": \"" + text('i', 256) + "\"}}"),
                "user.id must be at most 255 characters");
        assertRefused(api.post("/users", "{\"user\": {\"email\": \"" + text('e', 256) + "\"}}"),
                "user.email must be at most 255 characters");
        assertRefused(api.post("/users", "{\"user\": {\"metadata\": \"" + text('m', 10_001) + "\"}}"),
                "user.metadata must be at most 10000 characters");

        Reply atLimit = api.post("/users", "{\"user\": {\"id\": \"" + text('j', 255) + "\", \"email\": \""
                + text('f', 255) + "\", \"metadata\": \"" + text('n', 10_000) + "\"}}");
        assertThat(atLimit.status()).as(atLimit.text()).isEqualTo(200);
        String guid = atLimit.json().at("/user/guid").asText();

        assertRefused(api.put("/users/" + guid, "{\"user\": {\"id\": \"" + text('k', 256) + "\"}}"),
                "user.id must be at most 255 characters");
        assertThat(api.get("/users/" + guid).json().at("/user/id").asText()).isEqualTo(text('j', 255));
    }

    @Test
    void lengths_count_characters_not_bytes() {
        Reply reply = api.post("/users", "{\"user\": {\"id\": \"" + "é".repeat(255) + "\"}}");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    }

    @Test
    void member_fields_and_credential_values_over_their_length_are_422() {
        Flow owner = new Flow(api);
        String body = Flow.memberBody("mxuser", "password", true);

        assertRefused(api.post(owner.members(), body.replace("\"skip_aggregation\"",
                "\"id\": \"" + text('i', 256) + "\", \"skip_aggregation\"")), "member.id must be at most 255 characters");
        assertRefused(api.post(owner.members(), body.replace("\"skip_aggregation\"",
                "\"metadata\": \"" + text('m', 10_001) + "\", \"skip_aggregation\"")), "member.metadata must be at most 10000 characters");
        assertRefused(api.post(owner.members(), body.replace("\"mxbank\"", "\"" + text('c', 129) + "\"")),
                "member.institution_code must be at most 128 characters");
        Reply longPassword = api.post(owner.members(), Flow.memberBody("mxuser", text('p', 1_001), true));
        assertRefused(longPassword, "credential PASSWORD must be at most 1000 characters");
        assertThat(longPassword.text()).doesNotContain("pppp");

        String member = owner.member("password", true);
        assertRefused(api.put(owner.path(member, ""), "{\"member\": {\"id\": \"" + text('i', 256) + "\"}}"),
                "member.id must be at most 255 characters");
        assertThat(api.get(owner.members()).json().at("/pagination/total_entries").asInt()).isEqualTo(1);
    }

    @Test
    void a_callback_payload_over_2048_characters_is_422_on_create_update_and_delete() {
        Flow owner = new Flow(api);
        String member = owner.member("password", true);
        Api longPayload = api.withHeader("X-CALLBACK-PAYLOAD", text('x', 2_049));

        assertRefused(longPayload.post(owner.members(), Flow.memberBody("mxuser", "password", true)),
                "X-CALLBACK-PAYLOAD must be at most 2048 characters");
        assertRefused(longPayload.put(owner.path(member, ""), "{\"member\": {\"metadata\": \"m\"}}"),
                "X-CALLBACK-PAYLOAD must be at most 2048 characters");
        assertRefused(longPayload.delete(owner.path(member, "")), "X-CALLBACK-PAYLOAD must be at most 2048 characters");

        assertThat(api.get(owner.path(member, "")).status()).isEqualTo(200);
        assertThat(api.get(owner.members()).json().at("/pagination/total_entries").asInt()).isEqualTo(1);
        assertThat(api.withHeader("X-CALLBACK-PAYLOAD", text('y', 2_048)).delete(owner.path(member, "")).status())
                .isEqualTo(204);
    }

    @Test
    void webhook_fields_over_their_length_are_422_and_the_password_reaches_no_log() {
        String password = "pw-" + text('Z', 300);
        try (LogCapture log = new LogCapture()) {
            assertRefused(api.post("/webhooks", "{\"webhook\": {\"url\": \"https://example.com/" + text('u', 2_030)
                    + "\", \"event_types\": [\"MEMBER\"]}}"), "webhook.url must be at most 2048 characters");
            assertRefused(api.post("/webhooks", "{\"webhook\": {\"url\": \"https://example.com/h\", \"event_types\": "
                    + "[\"MEMBER\"], \"username\": \"" + text('n', 256) + "\"}}"), "webhook.username must be at most 255 characters");
            Reply refused = api.post("/webhooks", "{\"webhook\": {\"url\": \"https://example.com/h\", \"event_types\": "
                    + "[\"MEMBER\"], \"password\": \"" + password + "\"}}");
            assertRefused(refused, "webhook.password must be at most 255 characters");

            Reply created = api.post("/webhooks", "{\"webhook\": {\"url\": \"https://example.com/h\", \"event_types\": [\"MEMBER\"]}}");
            assertRefused(api.put("/webhooks/" + created.json().at("/webhook/guid").asText(),
                    "{\"webhook\": {\"password\": \"" + password + "\"}}"), "webhook.password must be at most 255 characters");

            assertThat(refused.text()).doesNotContain("ZZZZ");
            assertThat(log.text()).doesNotContain("ZZZZ");
        }
    }

    @Test
    void a_webhook_password_is_limited_in_characters_before_it_is_encrypted_whatever_its_bytes() {
        String fourByte = "\uD83D\uDD11"; // one character, four bytes in UTF-8
        String hook = "{\"webhook\": {\"url\": \"https://example.com/h\", \"event_types\": [\"MEMBER\"], \"password\": \"";
        try (LogCapture log = new LogCapture()) {
            Reply widest = api.post("/webhooks", hook + fourByte.repeat(255) + "\"}}");
            assertThat(widest.status()).as(widest.text()).isEqualTo(200);
            String guid = widest.json().at("/webhook/guid").asText();
            assertRefused(api.post("/webhooks", hook + "\u20AC".repeat(500) + "\"}}"),
                    "webhook.password must be at most 255 characters");
            assertRefused(api.put("/webhooks/" + guid, "{\"webhook\": {\"password\": \"" + fourByte.repeat(1_000)
                    + "\"}}"), "webhook.password must be at most 255 characters");
            assertThat(log.text()).doesNotContain(fourByte).doesNotContain("\u20AC");
        }
    }

    @Test
    void mfa_answers_over_their_length_or_count_are_422_naming_the_field_and_quote_nothing() {
        Flow owner = new Flow(api);
        String member = owner.member("password", true);
        String longValue = "{\"member\": {\"challenges\": [{\"guid\": \"CRD-1\", \"value\": \"" + text('Q', 1_001)
                + "\"}]}}";
        try (LogCapture log = new LogCapture()) {
            Reply refused = api.put(owner.path(member, "resume"), longValue);
            assertRefused(refused, "member.challenges.value must be at most 1000 characters");
            assertThat(refused.text()).doesNotContain("QQQQ");
            assertThat(log.text()).doesNotContain("QQQQ");
        }
        assertRefused(api.put(owner.path(member, "resume"), "{\"member\": {\"challenges\": [{\"guid\": \""
                + text('g', 256) + "\", \"value\": \"x\"}]}}"), "member.challenges.guid must be at most 255 characters");
        String many = "{\"guid\": \"CRD-1\", \"value\": \"x\"},".repeat(101);
        assertRefused(api.put(owner.path(member, "resume"), "{\"member\": {\"challenges\": ["
                + many.substring(0, many.length() - 1) + "]}}"), "member.challenges may hold at most 100 answers");
    }

    @Test
    void a_page_whose_offset_would_overflow_is_400_on_every_list() {
        Flow owner = new Flow(api);
        String member = owner.member("options", false);
        owner.awaitStatus(member, "CHALLENGED");
        String account = "/users/" + owner.userGuid + "/accounts/ACT-none";
        String webhook = api.post("/webhooks", "{\"webhook\": {\"url\": \"https://example.com/h\", \"event_types\": "
                + "[\"MEMBER\"]}}").json().at("/webhook/guid").asText();
        List<String> lists = new ArrayList<>(List.of("/users", owner.members(), "/institutions",
                "/institutions/mxbank/credentials", owner.path(member, "credentials"), owner.path(member, "challenges"),
                "/users/" + owner.userGuid + "/accounts", owner.path(member, "accounts"),
                "/users/" + owner.userGuid + "/transactions", owner.path(member, "transactions"),
                "/users/" + owner.userGuid + "/holdings", owner.path(member, "holdings"),
                "/users/" + owner.userGuid + "/investment_holdings", owner.path(member, "investment_holdings"),
                owner.path(member, "account_owners"), owner.path(member, "account_numbers"),
                owner.path(member, "statements"), owner.path(member, "tax_documents"),
                "/webhooks", "/webhooks/" + webhook + "/deliveries"));

        for (String path : lists) {
            for (String query : List.of("?page=85899347", "?page=2147483647&records_per_page=100")) {
                Reply reply = api.get(path + query);
                assertThat(reply.status()).as(path + query + ": " + reply.text()).isEqualTo(400);
                assertThat(reply.errorMessage()).as(path).startsWith("page must be at most ");
            }
        }
        assertThat(api.get(account + "/transactions?page=85899347").status()).isIn(400, 404);

        Widgets widgets = new Widgets(api);
        Api session = widgets.session(widgets.open(widgets.url(owner.userGuid, "")));
        for (String path : List.of("/widget/api/institutions", "/widget/api/members/" + member + "/accounts")) {
            Reply reply = session.get(path + "?page=85899347");
            assertThat(reply.status()).as(path + ": " + reply.text()).isEqualTo(400);
        }
    }

    @Test
    void the_largest_page_that_fits_is_an_empty_page_not_an_error() {
        Reply reply = api.get("/users?page=" + (Integer.MAX_VALUE / 25 + 1));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().get("users")).isEmpty();
    }
}
