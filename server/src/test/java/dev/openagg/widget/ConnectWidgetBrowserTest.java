package dev.openagg.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.BrowserTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The connect widget in headless Chromium, embedded in a page on another origin as a partner's app would: an end
 * user searches, signs in to MX Bank and answers every kind of challenge. Screenshots of the views land in
 * {@code target/widget-screenshots} (or {@code -Dopenagg.screenshots=DIR}).
 */
class ConnectWidgetBrowserTest extends BrowserTest {

    /** Opens a new widget, finds MX Bank by searching, signs in with the password; returns the member's guid. */
    private String signIn(String password) {
        browser.embed(widgets.url(flow.userGuid, ""));
        browser.await(By.id("search")).sendKeys("mx b");
        browser.await(By.cssSelector("ul[data-query='mx b'] button")).click();
        browser.awaitHeading("Sign in to MX Bank");
        browser.field("Username").sendKeys("mxuser");
        browser.field("Password").sendKeys(password);
        browser.button("Connect").click();
        return (String) browser.awaitEvent("mx/connect/memberCreated").get("member_guid");
    }

    private void answer(String label, String value) {
        browser.field(label).sendKeys(value);
        browser.button("Continue").click();
    }

    private void awaitConnected(String member) {
        browser.awaitHeading("Connected");
        assertThat(browser.awaitEvent("mx/connect/memberConnected")).containsEntry("member_guid", member);
        assertThat(flow.status(member).get("connection_status").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void a_plain_password_connects_and_the_accounts_are_listed() {
        String member = signIn("password");

        awaitConnected(member);
        List<WebElement> accounts = browser.await(By.cssSelector("ul.accounts li")).findElements(By.xpath("../li"));
        browser.screenshot(SHOTS, "widget-connected");

        assertThat(accounts).hasSize(4);
        assertThat(accounts.get(0).getText()).contains("Checking").containsPattern("\\$[\\d,]+\\.\\d\\d");
        List<Map<String, Object>> events = browser.events();
        assertThat(events).extracting(e -> e.get("type")).containsSubsequence("mx/connect/loaded",
                "mx/connect/selectedInstitution", "mx/connect/enterCredentials", "mx/connect/memberCreated",
                "mx/connect/memberStatusUpdate", "mx/connect/memberConnected");
        assertThat(events).extracting(e -> e.get("origin")).containsOnly("http://localhost:" + server.port());
        assertThat(events).extracting(e -> (Object) ((Map<?, ?>) e.get("metadata")).get("user_guid")).containsOnly(flow.userGuid);
        assertThat(events.get(0).get("metadata").toString()).contains("initial_step=search", "session_guid=WSN-");
    }

    @Test
    void the_options_flow_takes_two_rounds_a_phone_then_a_code() {
        String member = signIn("options");

        browser.awaitHeading("Verify it’s you");
        List<WebElement> phones = browser.findAll(By.cssSelector("fieldset.choices label.choice"));
        assertThat(phones).extracting(WebElement::getText)
                .containsExactly("Text me at (555) ***-**12", "Text me at (555) ***-**34");
        assertThat(browser.find(By.cssSelector("fieldset legend")).getText()).isEqualTo("Where should we send your one-time code?");
        browser.screenshot(SHOTS, "widget-options");
        phones.get(1).click();
        browser.button("Continue").click();

        WebElement code = browser.field("Enter the code we sent to (555) ***-**34");
        assertThat(code.getAttribute("autocomplete")).isEqualTo("one-time-code");
        browser.screenshot(SHOTS, "widget-token");
        answer("Enter the code we sent to (555) ***-**34", "correct");

        awaitConnected(member);
        assertThat(browser.events()).extracting(e -> e.get("type")).filteredOn("mx/connect/submitMFA"::equals).hasSize(2);
    }

    @Test
    void an_image_challenge_shows_the_picture_beside_its_input() {
        String member = signIn("image");

        browser.awaitHeading("Verify it’s you");
        WebElement picture = browser.await(By.cssSelector("img.challenge-image"));
        assertThat((Long) browser.script("return arguments[0].naturalWidth;", picture)).isGreaterThan(100L);
        browser.screenshot(SHOTS, "widget-image-data");
        answer("Type the word shown in the picture", "correct");

        awaitConnected(member);
    }

    @Test
    void an_image_options_challenge_is_a_grid_of_pictures_chosen_with_the_keyboard() {
        String member = signIn("image_options");

        browser.awaitHeading("Verify it’s you");
        List<WebElement> pictures = browser.findAll(By.cssSelector("fieldset.pictures img"));
        assertThat(pictures).extracting(p -> p.getAttribute("alt")).containsExactly("Red square", "Green circle", "Blue triangle");
        browser.screenshot(SHOTS, "widget-image-options");
        assertThat(browser.focused().getAttribute("type")).isEqualTo("radio");
        browser.focused().sendKeys(Keys.ARROW_RIGHT);
        assertThat(browser.find(By.cssSelector("input:checked + img")).getAttribute("alt")).isEqualTo("Green circle");
        browser.focused().sendKeys(Keys.ENTER);

        awaitConnected(member);
    }

    @Test
    void a_scenario_institution_is_searched_signed_in_to_and_connected_through_every_round() {
        assertThat(api.post("/sandbox/institutions", """
                {"institution": {"code": "browser_cu", "name": "Browser Credit Union",
                  "credentials": [{"field_name": "LOGIN", "label": "Member number", "type": "TEXT"},
                                  {"field_name": "PASSWORD", "label": "Passphrase", "type": "PASSWORD"}],
                  "logins": [{"when": {"LOGIN": "1001", "PASSWORD": "pw"},
                    "steps": [{"challenges": [{"type": "TEXT", "label": "Name of your first pet?", "answer": "rex"}]},
                              {"challenges": [{"type": "OPTIONS", "label": "Where should we send your code?",
                                               "options": [{"label": "Text (555) ***-0001", "value": "sms"},
                                                           {"label": "Email b***@example.com", "value": "email"}],
                                               "answer": "email"}]},
                              {"challenges": [{"type": "TOKEN", "label": "Enter the code we sent by {chosen}",
                                               "answer": "2468"}]}]}],
                  "data": {"accounts": [{"name": "Share Savings", "type": "SAVINGS", "balance": 1234.56}]}}}""")
                .status()).isEqualTo(200);
        browser.embed(widgets.url(flow.userGuid, ""));
        browser.await(By.id("search")).sendKeys("browser");
        browser.await(By.cssSelector("ul[data-query='browser'] button")).click();
        browser.awaitHeading("Sign in to Browser Credit Union");
        browser.field("Member number").sendKeys("1001");
        browser.field("Passphrase").sendKeys("pw");
        browser.button("Connect").click();
        String member = (String) browser.awaitEvent("mx/connect/memberCreated").get("member_guid");

        answer("Name of your first pet?", "rex");
        browser.await(By.xpath("//fieldset//label[normalize-space()='Email b***@example.com']")).click();
        browser.button("Continue").click();
        answer("Enter the code we sent by email", "2468");

        awaitConnected(member);
        assertThat(browser.await(By.cssSelector("ul.accounts li")).getText()).contains("Share Savings", "$1,234.56");
        browser.screenshot(SHOTS, "widget-scenario-connected");
    }

    @Test
    void a_wrong_answer_says_so_and_trying_again_brings_a_new_challenge() {
        String member = signIn("challenge");
        browser.awaitHeading("Verify it’s you");
        answer("What city were you born in?", "Atlantis");

        browser.awaitHeading("That answer was not right");
        assertThat(browser.find(By.cssSelector("section p")).getText())
                .isEqualTo("The answer or answers provided were incorrect. Please try again.");
        assertThat(browser.awaitEvent("mx/connect/memberError")).containsEntry("connection_status", 4L)
                .containsEntry("member_guid", member);
        browser.screenshot(SHOTS, "widget-rejected");
        browser.button("Try again").click();
        answer("What city were you born in?", "correct");

        awaitConnected(member);
    }

    @Test
    void a_challenge_left_unanswered_too_long_expires_and_can_be_tried_again() {
        String member = signIn("challenge");
        browser.awaitHeading("Verify it’s you");

        server.clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        browser.awaitHeading("Time ran out");
        assertThat(browser.find(By.cssSelector("section p")).getText())
                .isEqualTo("The answer or answers were not provided in time. Please try again.");
        browser.button("Try again").click();
        answer("What city were you born in?", "correct");
        awaitConnected(member);
    }

    @Test
    void denied_credentials_can_be_entered_again_on_the_same_member() {
        String member = signIn("UNAUTHORIZED");

        browser.awaitHeading("Your credentials were not accepted");
        browser.button("Re-enter credentials").click();
        browser.awaitHeading("Sign in again to MX Bank");
        browser.field("Username").sendKeys("mxuser");
        browser.field("Password").sendKeys("password");
        browser.button("Reconnect").click();

        awaitConnected(member);
        assertThat(browser.awaitEvent("mx/connect/updateCredentials")).containsEntry("member_guid", member);
    }

    @Test
    void the_clients_options_open_the_widget_on_its_institution_in_the_dark_scheme() {
        browser.embed(widgets.url(flow.userGuid, "\"current_institution_code\": \"mxbank\", \"color_scheme\": \"dark\""));

        browser.awaitHeading("Sign in to MX Bank");
        assertThat(browser.script("return document.documentElement.dataset.scheme;")).isEqualTo("dark");
        assertThat(browser.focused().getAttribute("id")).isEqualTo(browser.field("Username").getAttribute("id"));
        assertThat(browser.awaitEvent("mx/connect/loaded")).containsEntry("initial_step", "enterCreds");
        browser.field("Username").sendKeys("mxuser");
        browser.field("Password").sendKeys("LOCKED" + Keys.ENTER);

        browser.awaitHeading("Your account is locked");
        browser.screenshot(SHOTS, "widget-locked-dark");
        assertThat(browser.find(By.cssSelector("section p")).getText()).startsWith("Your account is locked.");
        assertThat(browser.button("Try again").isEnabled()).isTrue();
        browser.button("Choose another institution").click();
        browser.awaitHeading("Connect your account");
        assertThat(browser.focused().getAttribute("id")).isEqualTo("search");
    }

    @Test
    void a_reload_in_the_middle_of_mfa_returns_to_the_same_challenge() {
        String member = signIn("token");
        browser.awaitHeading("Verify it’s you");
        String challenge = flow.status(member).at("/challenges/0/guid").asText();

        browser.reloadWidget();

        browser.awaitHeading("Verify it’s you");
        assertThat(flow.status(member).at("/challenges/0/guid").asText()).isEqualTo(challenge);
        answer("Enter the one-time code from your authenticator app", "correct");
        awaitConnected(member);
    }

    @Test
    void an_expired_url_and_a_used_url_are_refused() {
        String expired = widgets.url(flow.userGuid, "");
        String used = widgets.url(flow.userGuid, "");
        widgets.open(used);
        server.clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        browser.embed(expired);
        browser.awaitHeading("This link has expired");
        browser.embed(used);
        browser.awaitHeading("This link has expired");

        assertThat(browser.findAll(By.cssSelector("input"))).isEmpty();
        assertThat(browser.events()).isEmpty();
    }
}
