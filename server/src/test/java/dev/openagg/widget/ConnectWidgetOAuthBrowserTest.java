package dev.openagg.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.Browser;
import dev.openagg.support.BrowserTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * OAuth institutions in the connect widget, in headless Chromium: the widget (in a partner page's iframe) opens
 * MX Bank (OAuth)'s consent page in a pop-up and waits; the end user's choice there moves it on. In a mobile web
 * view the consent page opens in the same view and returns to the app. A screenshot of the wait view lands in
 * {@code target/widget-screenshots}.
 */
class ConnectWidgetOAuthBrowserTest extends BrowserTest {
    private static final String BANK = "MX Bank (OAuth)";

    /** Searches for the OAuth bank in the open widget and chooses it. */
    private void chooseBank() {
        browser.await(By.id("search")).sendKeys("oauth");
        browser.await(By.xpath("//ul[@data-query='oauth']//button[span[normalize-space()='" + BANK + "']]")).click();
        browser.awaitHeading("Log in at " + BANK);
    }

    /** Goes to the consent page in its pop-up, chooses there, and comes back to the widget; returns the member. */
    private String consentInPopup(String choice) {
        browser.button("Go to log in").click();
        String member = (String) browser.awaitEvent("mx/connect/oauthRequested").get("member_guid");
        decideInPopup(choice);
        return member;
    }

    private void decideInPopup(String choice) {
        browser.switchToPopup();
        browser.awaitHeading("Allow access to your accounts?");
        browser.button(choice).click();
        browser.awaitPopupClosed();
        browser.switchToWidget();
    }

    private void awaitConnected(String member) {
        browser.awaitHeading("Connected");
        assertThat(browser.awaitEvent("mx/connect/memberConnected")).containsEntry("member_guid", member);
        assertThat(browser.findAll(By.cssSelector("ul.accounts li"))).hasSize(4);
        assertThat(flow.status(member).get("connection_status").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void an_oauth_bank_is_found_authorised_in_a_pop_up_and_its_accounts_listed() {
        browser.embed(widgets.url(flow.userGuid, ""));
        chooseBank();
        assertThat(browser.focused().getText()).isEqualTo("Go to log in");
        browser.button("Go to log in").click();

        browser.awaitHeading("Waiting for " + BANK);
        Map<String, Object> requested = browser.awaitEvent("mx/connect/oauthRequested");
        String member = (String) requested.get("member_guid");
        assertThat((String) requested.get("url")).startsWith("http://localhost:" + server.port() + "/oauth/authorize/");
        assertThat(browser.windows()).isEqualTo(2);
        browser.screenshot(SHOTS, "widget-oauth-waiting");
        assertThat(flow.status(member).get("connection_status").asText()).isEqualTo("PENDING");
        decideInPopup("Authorize");

        awaitConnected(member);
        List<Map<String, Object>> events = browser.events();
        assertThat(events).extracting(e -> e.get("type")).containsSubsequence("mx/connect/selectedInstitution",
                "mx/connect/enterCredentials", "mx/connect/memberCreated", "mx/connect/oauthRequested",
                "mx/connect/stepChange", "mx/connect/memberStatusUpdate", "mx/connect/memberConnected");
        assertThat(events).extracting(e -> e.get("type")).doesNotContain("mx/connect/oauthError");
    }

    @Test
    void a_denied_consent_says_so_and_trying_again_authorises_the_same_member() {
        browser.embed(widgets.url(flow.userGuid, ""));
        chooseBank();
        String member = consentInPopup("Deny");

        browser.awaitHeading("Access was not allowed");
        assertThat(browser.find(By.cssSelector("section p")).getText())
                .isEqualTo("You did not allow access to your accounts at this institution.");
        assertThat(browser.awaitEvent("mx/connect/oauthError")).containsEntry("member_guid", member);
        browser.button("Try again").click();
        decideInPopup("Authorize");

        awaitConnected(member);
    }

    @Test
    void a_cancelled_consent_says_so_and_offers_to_try_again() {
        browser.embed(widgets.url(flow.userGuid, ""));
        chooseBank();
        String member = consentInPopup("Cancel");

        browser.awaitHeading("You cancelled logging in");
        assertThat(browser.awaitEvent("mx/connect/oauthError")).containsEntry("member_guid", member);
        assertThat(flow.status(member).get("connection_status").asText()).isEqualTo("PENDING");
        browser.button("Try again").click();
        decideInPopup("Authorize");

        awaitConnected(member);
    }

    @Test
    void a_pop_up_closed_before_a_choice_is_noticed_and_the_consent_can_be_opened_again() {
        browser.embed(widgets.url(flow.userGuid, ""));
        chooseBank();
        browser.button("Go to log in").click();
        String member = (String) browser.awaitEvent("mx/connect/oauthRequested").get("member_guid");
        browser.switchToPopup();
        browser.awaitHeading("Allow access to your accounts?");

        browser.closePopupAndReturn();

        browser.awaitHeading("Logging in did not finish");
        assertThat(browser.awaitEvent("mx/connect/oauthError")).containsEntry("member_guid", member);
        browser.button("Try again").click();
        decideInPopup("Authorize");
        awaitConnected(member);
    }

    @Test
    void in_a_mobile_web_view_the_consent_page_opens_in_the_same_view_and_returns_to_the_app() {
        String returnTo = browser.appUrl(Browser.APP_RETURN);
        browser.open(widgets.url(flow.userGuid, "\"is_mobile_webview\": true, \"client_redirect_url\": \"" + returnTo + "\""));
        chooseBank();
        browser.button("Go to log in").click();

        browser.awaitHeading("Allow access to your accounts?");
        assertThat(browser.windows()).isEqualTo(1);
        browser.button("Authorize").click();

        String landed = browser.awaitUrl(returnTo + "?status=success&member_guid=");
        String member = landed.substring(landed.indexOf("member_guid=") + "member_guid=".length());
        flow.awaitStatus(member, "CONNECTED");
        browser.open(widgets.url(flow.userGuid, "\"is_mobile_webview\": true, \"current_member_guid\": \"" + member + "\""));
        browser.awaitHeading("Connected");
    }
}
