package dev.openagg.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Browser;
import dev.openagg.support.BrowserTest;
import dev.openagg.support.Reply;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The consent page at an OAuth member's {@code oauth_window_uri} in headless Chromium: each button ends at the
 * client's {@code client_redirect_url} with MX's query, and the page works from the keyboard alone. A screenshot of
 * the page lands beside the widget's ({@code target/widget-screenshots}).
 */
class ConsentPageBrowserTest extends BrowserTest {

    /** A PENDING member of MX Bank (OAuth) whose consent page returns to the partner app; its reply. */
    private JsonNode pending(boolean redirect) {
        String options = redirect ? ", \"referral_source\": \"APP\", \"client_redirect_url\": \""
                + browser.appUrl(Browser.APP_RETURN) + "\"" : "";
        Reply reply = api.post(flow.members(), "{\"member\": {\"institution_code\": \"mx_bank_oauth\", \"is_oauth\": true}"
                + options + "}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        return reply.json().get("member");
    }

    /** Opens the member's consent page and waits for it. */
    private String open(JsonNode member) {
        browser.open(member.get("oauth_window_uri").asText());
        browser.awaitHeading("Allow access to your accounts?");
        return member.get("guid").asText();
    }

    /** The query of the address the browser was sent to in the partner app. */
    private Map<String, String> landing() {
        String url = browser.awaitUrl(browser.appUrl(Browser.APP_RETURN) + "?");
        browser.awaitHeading("Back in the app");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    @Test
    void authorize_connects_the_member_and_returns_to_the_app_with_success() {
        String member = open(pending(true));
        assertThat(browser.find(By.tagName("main")).getText())
                .contains("MX Bank (OAuth)", "your accounts and their balances");
        browser.screenshot(SHOTS, "oauth-consent");

        browser.button("Authorize").click();

        assertThat(landing()).containsExactly(Map.entry("status", "success"), Map.entry("member_guid", member));
        assertThat(flow.awaitStatus(member, "CONNECTED").get("is_authenticated").asBoolean()).isTrue();
    }

    @Test
    void deny_leaves_the_member_denied_and_returns_to_the_app_with_the_reason() {
        String member = open(pending(true));

        browser.button("Deny").click();

        assertThat(landing()).containsExactly(Map.entry("status", "error"), Map.entry("member_guid", member),
                Map.entry("error_reason", "DENIED"));
        assertThat(flow.status(member).get("connection_status").asText()).isEqualTo("DENIED");
    }

    @Test
    void cancel_leaves_the_member_pending_and_returns_to_the_app_with_the_reason() {
        String member = open(pending(true));

        browser.button("Cancel").click();

        assertThat(landing()).containsExactly(Map.entry("status", "error"), Map.entry("member_guid", member),
                Map.entry("error_reason", "CANCELLED"));
        assertThat(flow.status(member).get("connection_status").asText()).isEqualTo("PENDING");
    }

    @Test
    void the_page_is_worked_from_the_keyboard_alone() {
        String member = open(pending(true));

        assertThat(browser.focused().getText()).isEqualTo("Authorize");
        browser.focused().sendKeys(Keys.TAB);
        assertThat(browser.focused().getText()).isEqualTo("Deny");
        browser.focused().sendKeys(Keys.TAB);
        assertThat(browser.focused().getText()).isEqualTo("Cancel");
        browser.focused().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
        assertThat(browser.focused().getText()).isEqualTo("Deny");
        browser.focused().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
        assertThat(browser.focused().getText()).isEqualTo("Authorize");
        browser.focused().sendKeys(Keys.ENTER);

        assertThat(landing()).containsEntry("status", "success").containsEntry("member_guid", member);
        flow.awaitStatus(member, "CONNECTED");
    }

    @Test
    void without_a_redirect_the_page_thanks_the_end_user_and_a_used_link_is_refused() {
        JsonNode pending = pending(false);
        String member = open(pending);

        browser.button("Authorize").click();

        browser.awaitHeading("Thank you for completing OAuth");
        assertThat(browser.find(By.id("complete")).getAttribute("data-member-guid")).isEqualTo(member);
        browser.open(pending.get("oauth_window_uri").asText());
        browser.awaitHeading("This link was already used");
    }
}
