package dev.openagg.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.Api;
import dev.openagg.support.Flow;
import dev.openagg.support.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The connect widget driven in headless Chromium against a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WidgetBrowserTest {
    private TestServer server;
    private Api api;
    private Browser browser;

    @BeforeAll
    void start() {
        server = TestServer.start();
        api = server.api();
        browser = new Browser();
    }

    @AfterAll
    void stop() {
        browser.close();
        server.close();
    }

    private String widgetUrl(String userGuid) {
        return api.post("/users/" + userGuid + "/widget_urls", "{\"widget_url\": {\"widget_type\": \"connect_widget\"}}")
                .json().at("/widget_url/url").asText();
    }

    /** Searches MX Bank and signs in with this password. */
    private String signIn(String password) {
        Flow flow = new Flow(api);
        browser.open(widgetUrl(flow.userGuid));
        browser.await(By.id("search")).sendKeys("mx");
        browser.click(By.cssSelector("button[data-code=mxbank]"));
        browser.await(By.id("cred-login")).sendKeys("mxuser");
        browser.await(By.id("cred-password")).sendKeys(password);
        browser.click(By.id("connect"));
        return flow.userGuid;
    }

    private void answer(String type, String text, String screenshot) {
        browser.await(By.cssSelector("form[data-type=" + type + "]"));
        if (screenshot != null) {
            browser.screenshot(screenshot);
        }
        if (text != null) {
            browser.await(By.id("answer")).sendKeys(text);
        }
        browser.click(By.id("submit-answer"));
    }

    private void awaitConnected() {
        WebElement connected = browser.await(By.id("connected"));
        assertThat(connected.getText()).contains("MX Bank");
        browser.awaitThat(d -> d.findElements(By.cssSelector("#accounts tr")).size() == 4);
    }

    @Test
    void a_plain_password_connects_and_tells_the_embedding_app() {
        String user = signIn("password");

        awaitConnected();

        browser.awaitThat(d -> browser.events().stream().anyMatch(e -> e.startsWith("mx/connect/memberConnected")));
        assertThat(browser.events()).anyMatch(e -> e.startsWith("mx/connect/loaded") && e.contains(user))
                .anyMatch(e -> e.startsWith("mx/connect/memberCreated"))
                .anyMatch(e -> e.startsWith("mx/connect/memberStatusUpdate"));
        assertThat(api.get("/users/" + user + "/members").json().at("/members/0/connection_status").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void the_options_flow_takes_two_rounds() {
        signIn("options");

        browser.await(By.cssSelector("form[data-type=OPTIONS] input[type=radio]"));
        browser.screenshot("widget-options");
        browser.click(By.cssSelector("form[data-type=OPTIONS] label.choice:nth-of-type(2) input"));
        browser.click(By.id("submit-answer"));
        answer("TOKEN", "correct", "widget-token");

        awaitConnected();
    }

    @Test
    void image_challenges_show_the_picture_and_the_picture_grid() {
        signIn("image");
        WebElement image = browser.await(By.cssSelector("img.challenge"));
        assertThat(image.getAttribute("src")).startsWith("data:image/png;base64,");
        answer("IMAGE_DATA", "correct", "widget-image");
        awaitConnected();

        signIn("image_options");
        browser.await(By.cssSelector("form[data-type=IMAGE_OPTIONS] .grid img"));
        browser.screenshot("widget-image-options");
        browser.click(By.cssSelector("img[alt='Green circle']"));
        browser.click(By.id("submit-answer"));
        awaitConnected();
    }

    @Test
    void a_wrong_answer_shows_an_error_and_a_retry_succeeds() {
        signIn("challenge");
        answer("TEXT", "Chicago", null);

        WebElement error = browser.await(By.id("error"));
        assertThat(error.getAttribute("data-status")).isEqualTo("REJECTED");
        assertThat(error.getText()).contains("incorrect");
        browser.screenshot("widget-rejected");
        browser.click(By.id("retry"));
        answer("TEXT", "correct", null);

        awaitConnected();
    }

    @Test
    void a_denied_login_asks_for_the_credentials_again() {
        signIn("UNAUTHORIZED");
        assertThat(browser.await(By.id("error")).getAttribute("data-status")).isEqualTo("DENIED");
        browser.click(By.id("retry"));
        browser.await(By.id("cred-login")).sendKeys("mxuser");
        browser.await(By.id("cred-password")).sendKeys("password");
        browser.click(By.id("connect"));

        awaitConnected();
    }

    @Test
    void a_used_or_expired_url_is_refused() {
        Flow flow = new Flow(api);
        String used = widgetUrl(flow.userGuid);
        browser.open(used);
        browser.await(By.id("search"));
        browser.visit(used);
        assertThat(browser.await(By.id("expired")).getText()).contains("work once");

        String old = widgetUrl(flow.userGuid);
        server.clock.advance(Duration.ofMinutes(11));
        browser.visit(old);
        assertThat(browser.await(By.id("expired")).getText()).contains("ten minutes");
    }

    @Test
    void a_reload_resumes_the_member_being_connected() {
        signIn("challenge");
        browser.await(By.cssSelector("form[data-type=TEXT]"));

        var js = (org.openqa.selenium.JavascriptExecutor) browser.driver;
        js.executeScript("window.beforeReload = true; location.reload()");
        browser.awaitThat(d -> js.executeScript("return window.beforeReload === undefined").equals(Boolean.TRUE));

        answer("TEXT", "correct", null);
        awaitConnected();
    }
}
