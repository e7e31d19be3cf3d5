package dev.openagg.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.BrowserTest;
import dev.openagg.support.Receiver;
import dev.openagg.support.Reply;
import dev.openagg.support.TestServer;
import dev.openagg.support.Webhook;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * The developer console in headless Chromium on a laptop-sized screen, against the real server: signing in, the
 * guide's member found through the request log and its timeline, redelivering a webhook, the sandbox's buttons,
 * signing out, and the session's defences. Screenshots land beside the widget's (see {@link BrowserTest}).
 */
class ConsoleBrowserTest extends BrowserTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @BeforeAll
    void laptop() {
        browser.desktop(1366, 900);
    }

    @BeforeEach
    void signedOut() {
        browser.open(console());
        browser.clearCookies();
    }

    private String console() {
        return "http://localhost:" + server.port() + "/console";
    }

    private void signIn(String clientId, String apiKey) {
        browser.open(console());
        browser.awaitHeading("Sign in to the OpenAgg console");
        browser.field("Client id").sendKeys(clientId);
        browser.field("API key").sendKeys(apiKey);
        browser.button("Sign in").click();
    }

    /** The guide's flow: an MX Bank member with MFA, its tax documents, the challenge answered; CONNECTED. */
    private String guidesMember() {
        String member = flow.member("challenge", true);
        assertThat(flow.start(member, "fetch_tax_documents").status()).isEqualTo(202);
        JsonNode challenged = flow.awaitStatus(member, "CHALLENGED");
        assertThat(flow.resume(member, challenged.at("/challenges/0/guid").asText(), "correct").status()).isEqualTo(202);
        flow.awaitStatus(member, "CONNECTED");
        // The request log is written after the replies, in batches: wait until the answer is in it.
        Await.until(() -> api.get("/requests?member_guid=" + member).json().at("/pagination/total_entries").asInt(),
                n -> n >= 4, BOUND, "the flow's requests in the request log");
        return member;
    }

    /** An API client that sends only the browser's console cookie (and, when given, the CSRF token and Origin). */
    private Api withBrowsersCookie() {
        Cookie cookie = browser.cookie(Console.COOKIE);
        assertThat(cookie).as("the console's cookie").isNotNull();
        return new Api(server.port(), null, null).withHeader("Cookie", Console.COOKIE + "=" + cookie.getValue());
    }

    @Test
    void the_guides_member_is_found_through_the_request_log_and_its_timeline_shows_the_challenge_and_statuses() {
        String member = guidesMember();
        signIn(TestServer.CLIENT_ID, TestServer.API_KEY);
        browser.awaitHeading("Request log");

        browser.field("User guid").sendKeys(flow.userGuid);
        browser.field("Status").sendKeys("202");
        browser.button("Apply filters").click();
        WebElement row = browser.await(By.xpath("//table//tr[td/code[starts-with(normalize-space(), 'PUT ')"
                + " and contains(., '/resume')]]"));
        assertThat(row.getText()).contains("202", member);
        browser.screenshot(SHOTS, "console-requests");

        row.findElement(By.linkText(member)).click();
        browser.awaitHeading("MX Bank: CONNECTED");
        browser.await(By.cssSelector("ol.timeline li.entry"));
        List<String> entries = browser.findAll(By.cssSelector("ol.timeline li.entry h3")).stream().map(WebElement::getText).toList();
        assertThat(entries).containsSubsequence("Job started", "Status changed", "Challenges shown", "Answers received",
                "Status changed", "Data stored", "Job ended");
        WebElement challenge = browser.find(By.cssSelector("li.kind-challenges-shown figure.challenge figcaption"));
        assertThat(challenge.getText()).isEqualTo("What city were you born in?");
        assertThat(browser.findAll(By.cssSelector("li.kind-status-changed p.change")).stream().map(WebElement::getText).toList())
                .contains("CREATED → CHALLENGED").anySatisfy(t -> assertThat(t).endsWith("→ CONNECTED"));
        assertThat(browser.find(By.cssSelector("ol.timeline")).getText()).doesNotContain("correct");
        browser.script("arguments[0].scrollIntoView()", browser.find(By.id("timeline-heading")));
        browser.screenshot(SHOTS, "console-timeline");

        browser.find(By.cssSelector("li.kind-answers-received a")).click();
        browser.awaitHeading("PUT /users/" + flow.userGuid + "/members/" + member + "/resume");
        assertThat(browser.find(By.cssSelector("pre.body")).getText()).contains("[redacted]").doesNotContain("correct");
    }

    @Test
    void redeliver_sends_the_delivery_to_the_receiver_again_and_a_change_without_the_token_is_refused() {
        try (Receiver receiver = Receiver.start()) {
            String webhook = Webhook.register(api, receiver.url(), true)[0];
            String member = flow.member("password", false);
            flow.awaitStatus(member, "CONNECTED");
            // Settled first: every delivery delivered, once each, so nothing changes on its own from here.
            JsonNode deliveries = Await.until(() -> api.get("/webhooks/" + webhook + "/deliveries").json().get("deliveries"),
                    d -> !d.isEmpty() && d.size() == receiver.received().size() && java.util.stream.StreamSupport
                            .stream(d.spliterator(), false).allMatch(x -> x.get("status").asText().equals("DELIVERED")),
                    BOUND, "every delivery delivered");
            JsonNode oldest = deliveries.get(deliveries.size() - 1);
            int before = receiver.received().size();
            signIn(TestServer.CLIENT_ID, TestServer.API_KEY);
            browser.awaitHeading("Request log");

            browser.await(By.linkText("Webhooks")).click();
            browser.awaitHeading("Webhooks");
            browser.await(By.linkText("Deliveries of " + webhook)).click();
            browser.awaitHeading("Deliveries to " + receiver.url());

            String redeliver = "/webhooks/" + webhook + "/deliveries/" + oldest.get("guid").asText() + "/redeliver";
            Reply bare = withBrowsersCookie().post(redeliver, null);
            Reply foreign = withBrowsersCookie().withHeader("X-CSRF-Token", csrf()).withHeader("Origin", "https://evil.example")
                    .post(redeliver, null);
            assertThat(bare.status()).isEqualTo(403);
            assertThat(bare.errorMessage()).contains("X-CSRF-Token");
            assertThat(foreign.status()).isEqualTo(403);
            assertThat(api.get("/webhooks/" + webhook + "/deliveries").json().get("deliveries")).isEqualTo(deliveries);

            List<WebElement> items = browser.findAll(By.cssSelector("ol.deliveries li.delivery"));
            WebElement last = items.get(items.size() - 1);
            assertThat(last.getText()).contains(oldest.get("guid").asText(), "Attempt 1");
            last.findElement(By.xpath(".//button[normalize-space()='Redeliver']")).click();
            browser.await(By.xpath("//p[@role='status' and contains(., 'queued to be sent again')]"));

            List<Receiver.Received> got = Await.until(receiver::received, r -> r.size() > before, BOUND, "the delivery again");
            assertThat(got.get(got.size() - 1).header("X-OpenAgg-Event-Id")).isEqualTo(oldest.get("event_id").asText());
            assertThat(api.delete("/webhooks/" + webhook).status()).isEqualTo(204);
        }
    }

    private String csrf() {
        return withBrowsersCookie().get("/console/session").json().at("/session/csrf_token").asText();
    }

    @Test
    void the_sandbox_buttons_expire_the_open_challenge_and_force_a_status() {
        String member = flow.member("challenge", true);
        flow.start(member, "aggregate");
        flow.awaitStatus(member, "CHALLENGED");
        signIn(TestServer.CLIENT_ID, TestServer.API_KEY);
        browser.awaitHeading("Request log");
        browser.open(console() + "#/members/" + flow.userGuid + "/" + member);
        browser.awaitHeading("MX Bank: CHALLENGED");

        browser.button("Expire the open challenge").click();
        browser.awaitHeading("MX Bank: EXPIRED");
        assertThat(flow.status(member).get("connection_status").asText()).isEqualTo("EXPIRED");

        new org.openqa.selenium.support.ui.Select(browser.field("Connection status")).selectByVisibleText("DENIED");
        browser.button("Force status").click();
        browser.awaitHeading("MX Bank: DENIED");
        assertThat(browser.find(By.cssSelector("p[role='status']")).getText()).isEqualTo("Status forced to DENIED.");
        assertThat(browser.findAll(By.cssSelector("li.kind-status-changed p.change")).stream().map(WebElement::getText).toList())
                .contains("CHALLENGED → EXPIRED", "EXPIRED → DENIED");
        String before = api.get("/sandbox/clock").json().at("/clock/now").asText();
        browser.button("Advance the clock").click();
        browser.await(By.xpath("//p[@role='status' and normalize-space()='The clock moved 24 h.']"));
        assertThat(api.get("/sandbox/clock").json().at("/clock/offset_seconds").asLong()).isGreaterThanOrEqualTo(24 * 3600L);
        assertThat(api.get("/sandbox/clock").json().at("/clock/now").asText()).isNotEqualTo(before);
    }

    @Test
    void signing_out_ends_the_session_so_its_cookie_no_longer_reads_the_api() {
        signIn(TestServer.CLIENT_ID, TestServer.API_KEY);
        browser.awaitHeading("Request log");
        Cookie cookie = browser.cookie(Console.COOKIE);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.isSecure()).isFalse();
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        Api withCookie = withBrowsersCookie();
        assertThat(withCookie.get("/users").status()).isEqualTo(200);

        browser.button("Sign out").click();

        browser.awaitHeading("Sign in to the OpenAgg console");
        assertThat(browser.find(By.cssSelector("p.alert")).getText()).isEqualTo("You have signed out.");
        assertThat(browser.cookie(Console.COOKIE)).isNull();
        assertThat(withCookie.get("/users").status()).isEqualTo(401);
    }

    @Test
    void a_wrong_key_is_refused_with_a_message_and_no_cookie() {
        signIn(TestServer.CLIENT_ID, "not-the-key");

        WebElement alert = browser.await(By.cssSelector("p.alert[role='alert']"));
        assertThat(alert.getText()).isEqualTo("That client id and API key do not match. Check both and try again.");
        assertThat(browser.cookie(Console.COOKIE)).isNull();
        assertThat(browser.focused().getAttribute("id")).isEqualTo("api-key");
        assertThat(browser.find(By.cssSelector("header.bar")).isDisplayed()).isFalse();
    }
}
