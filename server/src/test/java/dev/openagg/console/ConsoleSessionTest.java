package dev.openagg.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.Api;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import dev.openagg.support.TestServer;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's session over plain HTTP: signing in and out, the cookie's attributes, the cookie standing in for HTTP
 * Basic on the API, the CSRF token and Origin rule on every change, and expiry by the server's clock.
 */
class ConsoleSessionTest extends ServerTest {
    private static final Pattern COOKIE = Pattern.compile("openagg_console=([^;]*)");

    /** A signed-in browser: the cookie it holds and the token the page read. */
    private record Session(String cookie, String csrf, Api api) {
    }

    private Api anonymous() {
        return new Api(server.port(), null, null);
    }

    private Reply signIn(Api as, String clientId, String apiKey) {
        return as.post("/console/session", "{\"session\": {\"client_id\": \"" + clientId + "\", \"api_key\": \"" + apiKey + "\"}}");
    }

    private Session signIn() {
        Reply reply = signIn(anonymous(), TestServer.CLIENT_ID, TestServer.API_KEY);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        Matcher m = COOKIE.matcher(reply.header("Set-Cookie"));
        assertThat(m.find()).isTrue();
        String cookie = "openagg_console=" + m.group(1);
        return new Session(cookie, reply.json().at("/session/csrf_token").asText(), anonymous().withHeader("Cookie", cookie));
    }

    private int users() {
        return api.get("/users").json().at("/pagination/total_entries").asInt();
    }

    @Test
    void signing_in_sets_an_http_only_strict_cookie_without_secure_over_plain_http() {
        Reply reply = signIn(anonymous(), TestServer.CLIENT_ID, TestServer.API_KEY);

        assertThat(reply.status()).isEqualTo(200);
        String cookie = reply.header("Set-Cookie");
        assertThat(cookie).matches("openagg_console=[A-Za-z0-9_-]{43}; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict");
        assertThat(reply.json().at("/session/client_id").asText()).isEqualTo(TestServer.CLIENT_ID);
        assertThat(reply.json().at("/session/csrf_token").asText()).hasSize(64).isNotEqualTo(COOKIE.matcher(cookie).results()
                .findFirst().orElseThrow().group(1));
        assertThat(reply.json().at("/session/sandbox").asBoolean()).isTrue();
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.text()).doesNotContain(TestServer.API_KEY);
    }

    @Test
    void behind_a_proxy_that_says_https_the_cookie_is_secure() {
        Reply reply = signIn(anonymous().withHeader("X-Forwarded-Proto", "https"), TestServer.CLIENT_ID, TestServer.API_KEY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Set-Cookie")).endsWith("; HttpOnly; SameSite=Strict; Secure");
    }

    @Test
    void a_wrong_key_is_401_and_sets_no_cookie() {
        Reply reply = signIn(anonymous(), TestServer.CLIENT_ID, "not-the-key");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("Set-Cookie")).isNull();
        assertThat(reply.errorMessage()).contains("client_id and api_key");
        assertThat(signIn(anonymous(), "nobody", "not-the-key").status()).isEqualTo(401);
    }

    @Test
    void signing_in_from_another_sites_page_or_without_json_is_refused() {
        assertThat(signIn(anonymous().withHeader("Origin", "https://evil.example"), TestServer.CLIENT_ID, TestServer.API_KEY)
                .status()).isEqualTo(403);
        Reply form = anonymous().withHeader("Content-Type", "application/x-www-form-urlencoded")
                .send("POST", "/console/session", null);
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.header("Set-Cookie")).isNull();
    }

    @Test
    void the_cookie_reads_the_api_as_the_client_and_the_session_route_gives_the_token() {
        Session s = signIn();

        Reply users = s.api().get("/users");
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.json().at("/users/0/guid").asText()).isEqualTo(flow.userGuid);
        Reply session = s.api().get("/console/session");
        assertThat(session.json().at("/session/csrf_token").asText()).isEqualTo(s.csrf());
        assertThat(session.json().at("/session/client_id").asText()).isEqualTo(TestServer.CLIENT_ID);
        assertThat(anonymous().get("/users").status()).isEqualTo(401);
        assertThat(anonymous().withHeader("Cookie", "openagg_console=forged").get("/users").status()).isEqualTo(401);
    }

    @Test
    void another_clients_session_sees_only_that_clients_objects() {
        server.otherClient("carol");
        Reply reply = signIn(anonymous(), "carol", "carol-key");
        String cookie = COOKIE.matcher(reply.header("Set-Cookie")).results().findFirst().orElseThrow().group(0);
        Api carol = anonymous().withHeader("Cookie", cookie);

        assertThat(carol.get("/users").json().at("/pagination/total_entries").asInt()).isZero();
        assertThat(carol.get("/users/" + flow.userGuid).status()).isEqualTo(404);
    }

    @Test
    void a_change_without_the_token_or_from_another_origin_is_403_and_changes_nothing() {
        Session s = signIn();
        int before = users();

        Reply bare = s.api().post("/users", "{\"user\": {}}");
        Reply wrong = s.api().withHeader("X-CSRF-Token", s.csrf().replace(s.csrf().charAt(0), s.csrf().charAt(0) == 'a' ? 'b' : 'a'))
                .post("/users", "{\"user\": {}}");
        Reply foreign = s.api().withHeader("X-CSRF-Token", s.csrf()).withHeader("Origin", "https://evil.example")
                .post("/users", "{\"user\": {}}");

        for (Reply refused : java.util.List.of(bare, wrong, foreign)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.json().size()).isEqualTo(1);
            assertThat(refused.errorMessage()).isNotBlank();
        }
        assertThat(bare.errorMessage()).contains("X-CSRF-Token");
        assertThat(users()).isEqualTo(before);
        Reply made = s.api().withHeader("X-CSRF-Token", s.csrf())
                .withHeader("Origin", "http://localhost:" + server.port()).post("/users", "{\"user\": {}}");
        assertThat(made.status()).isEqualTo(200);
        assertThat(users()).isEqualTo(before + 1);
    }

    @Test
    void an_authorization_header_is_judged_alone_even_beside_a_good_cookie() {
        Session s = signIn();

        assertThat(s.api().withAuthorization("Basic " + java.util.Base64.getEncoder().encodeToString("test-client:wrong".getBytes()))
                .get("/users").status()).isEqualTo(401);
    }

    @Test
    void signing_out_ends_the_session_and_clears_the_cookie() {
        Session s = signIn();

        assertThat(s.api().delete("/console/session").status()).as("without the token").isEqualTo(403);
        assertThat(s.api().get("/users").status()).isEqualTo(200);
        Reply out = s.api().withHeader("X-CSRF-Token", s.csrf()).delete("/console/session");

        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Set-Cookie")).isEqualTo("openagg_console=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        assertThat(s.api().get("/users").status()).isEqualTo(401);
        assertThat(s.api().get("/console/session").status()).isEqualTo(401);
    }

    @Test
    void a_session_ends_when_idle_too_long_and_when_too_old_by_the_servers_clock() {
        Session idle = signIn();
        Session busy = signIn();

        server.clock.advance(ConsoleSessions.IDLE.minusMinutes(5));
        assertThat(busy.api().get("/users").status()).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(10));

        assertThat(idle.api().get("/users").status()).isEqualTo(401);
        assertThat(busy.api().get("/users").status()).as("used 10 minutes ago").isEqualTo(200);
        Duration elapsed = ConsoleSessions.IDLE.plusMinutes(5);
        while (elapsed.compareTo(ConsoleSessions.ABSOLUTE) < 0) {
            server.clock.advance(Duration.ofMinutes(20));
            elapsed = elapsed.plusMinutes(20);
            assertThat(busy.api().get("/users").status()).as("after %s", elapsed)
                    .isEqualTo(elapsed.compareTo(ConsoleSessions.ABSOLUTE) < 0 ? 200 : 401);
        }
        assertThat(busy.api().get("/users").status()).isEqualTo(401);
    }

    @Test
    void with_the_sandbox_off_the_session_says_so_and_the_sandbox_routes_are_not_there_for_the_cookie_either() {
        try (TestServer off = TestServer.start(TestServer.config().withSandbox(
                new dev.openagg.Config.SandboxSettings(false, Duration.ZERO)))) {
            Reply reply = signIn(new Api(off.port(), null, null), TestServer.CLIENT_ID, TestServer.API_KEY);
            assertThat(reply.json().at("/session/sandbox").asBoolean()).isFalse();
            Api cookie = new Api(off.port(), null, null).withHeader("Cookie", COOKIE.matcher(reply.header("Set-Cookie"))
                    .results().findFirst().orElseThrow().group(0));
            assertThat(cookie.get("/users").status()).isEqualTo(200);
            assertThat(cookie.get("/sandbox/clock").status()).isEqualTo(404);
        }
    }

    @Test
    void the_page_and_its_files_are_served_with_a_strict_policy() {
        Reply page = anonymous().withHeader("Accept", "text/html").get("/console");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self'",
                "img-src 'self' data:", "frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        Matcher assets = Pattern.compile("(?:href|src)=\"(/[^\"]+)\"").matcher(page.text());
        int found = 0;
        while (assets.find()) {
            Reply asset = anonymous().withHeader("Accept", "*/*").get(assets.group(1));
            assertThat(asset.status()).as(assets.group(1)).isEqualTo(200);
            found++;
        }
        assertThat(found).isEqualTo(3);
        assertThat(anonymous().get("/console/assets/nothing.js").status()).isEqualTo(404);
    }
}
