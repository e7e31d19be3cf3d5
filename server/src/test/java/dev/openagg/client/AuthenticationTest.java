package dev.openagg.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.FreshServerTest;
import dev.openagg.support.RawHttp;
import dev.openagg.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * API-key authentication against a real server over real sockets: equal cost for known and unknown client ids,
 * strict reading of the Basic header, and the throttling of failures with its recovery on the server's clock.
 * Requests come from chosen loopback addresses (127.0.0.x) to stand for different hosts.
 */
class AuthenticationTest extends FreshServerTest {
    private static final String RIGHT = TestServer.API_KEY;

    private static String basic(String clientId, String apiKey) {
        return "Basic " + base64(clientId + ":" + apiKey);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET /users} with this {@code Authorization} value (none when null), from {@code from}. */
    private RawHttp.Response get(String from, String authorization) {
        try (Socket socket = RawHttp.connect(server.port(), from)) {
            socket.getOutputStream().write(("GET /users HTTP/1.1\r\nHost: localhost\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return RawHttp.read(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int status(String from, String authorization) {
        return get(from, authorization).status();
    }

    /** Lets every bucket refill and every mark expire, so each probe starts from a clean slate. */
    private void rest() {
        server.clock.advance(Throttle.MARK_FOR.plusMinutes(1));
    }

    private long millis(String authorization) {
        rest();
        long started = System.nanoTime();
        assertThat(status("127.0.0.1", authorization)).isEqualTo(401);
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long median(List<Long> samples) {
        List<Long> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void a_wrong_key_costs_the_same_time_whether_or_not_the_client_exists() {
        String known = basic(TestServer.CLIENT_ID, "wrong-key-0123456789");
        String unknown = basic("no-such-client", "wrong-key-0123456789");
        for (int i = 0; i < 3; i++) {
            millis(known);
            millis(unknown);
        }
        List<Long> knownTimes = new ArrayList<>();
        List<Long> unknownTimes = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        for (int i = 0; i < 21; i++) { // interleaved, each first in turn, so load on the machine falls on both alike
            long k;
            long u;
            if (i % 2 == 0) {
                k = millis(known);
                u = millis(unknown);
            } else {
                u = millis(unknown);
                k = millis(known);
            }
            knownTimes.add(k);
            unknownTimes.add(u);
            gaps.add(k - u);
        }

        long knownMedian = median(knownTimes);
        long gap = median(gaps);
        // Before the decoy hash the gap was the whole PBKDF2 cost (about 45 ms against 2 ms on an idle machine): a
        // quarter of that cost, or 5 ms, leaves room for a loaded machine's noise and none for that gap. The median
        // of paired differences cancels load that comes and goes over seconds.
        long tolerance = Math.max(5, knownMedian / 4);
        assertThat(Math.abs(gap))
                .as("median gap %d ms; medians %d ms for a known id, %d ms for an unknown one (samples %s and %s)",
                        gap, knownMedian, median(unknownTimes), knownTimes, unknownTimes)
                .isLessThanOrEqualTo(tolerance);
    }

    @Test
    void the_right_key_with_a_control_character_appended_is_refused() {
        assertThat(status("127.0.0.1", basic(TestServer.CLIENT_ID, RIGHT))).isEqualTo(200);

        for (String suffix : List.of("\u0000", "\u0000\u0000", "\t", "\n", "\u007f", "\u0085")) {
            rest();
            RawHttp.Response response = get("127.0.0.1", basic(TestServer.CLIENT_ID, RIGHT + suffix));
            assertThat(response.status()).as("key + U+%04X", (int) suffix.charAt(0)).isEqualTo(401);
            assertThat(response.errorMessage()).contains("client_id and api_key");
        }
    }

    @Test
    void the_basic_header_is_read_strictly() {
        String token = base64(TestServer.CLIENT_ID + ":" + RIGHT);
        assertThat(status("127.0.0.1", "Basic " + token)).isEqualTo(200);
        assertThat(status("127.0.0.1", "basic  " + token)).isEqualTo(200);

        List<String> refused = List.of(
                "Basic " + token + " extra", "Basic\t" + token, "Bearer " + token, "Basic " + token + "=",
                "Basic " + token.replace('+', '-').replace('/', '_').substring(0, 8) + "-_", "Basic" + token,
                "Basic " + base64(TestServer.CLIENT_ID + RIGHT), "Basic " + base64(TestServer.CLIENT_ID + ":"),
                "Basic " + base64(":" + RIGHT), "Basic " + Base64.getEncoder().encodeToString(
                        new byte[] {'t', 'e', 's', 't', (byte) 0xC3, ':', 'k'}), "Basic ", "");
        for (String header : refused) {
            rest();
            assertThat(status("127.0.0.1", header)).as(header).isEqualTo(401);
        }
    }

    @Test
    void ten_failures_from_one_address_are_answered_429_with_retry_after_until_a_token_comes_back() {
        api.get("/users"); // the test client's key is verified, and from then on never throttled
        server.otherClient("second");
        for (int i = 0; i < 10; i++) {
            assertThat(status("127.0.0.7", basic("second", "wrong-" + i))).isEqualTo(401);
        }

        RawHttp.Response throttled = get("127.0.0.7", basic("second", "wrong-10"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("6");
        assertThat(throttled.header("Content-Type")).isEqualTo("application/vnd.mx.api.v1+json");
        assertThat(throttled.errorMessage()).isEqualTo("too many failed attempts to authenticate; try again in 6 s");
        assertThat(status("127.0.0.7", basic("second", "second-key"))).as("even the right key, not yet seen").isEqualTo(429);
        assertThat(status("127.0.0.7", basic(TestServer.CLIENT_ID, RIGHT))).as("a key already verified").isEqualTo(200);
        assertThat(status("127.0.0.8", basic("second", "wrong-11"))).as("another address").isEqualTo(401);

        server.clock.advance(Duration.ofSeconds(6));
        assertThat(status("127.0.0.7", basic("second", "second-key"))).isEqualTo(200);
        assertThat(status("127.0.0.7", basic("second", "wrong-12"))).isEqualTo(401);
        assertThat(status("127.0.0.7", basic("second", "wrong-13"))).as("one token came back, one was spent").isEqualTo(429);
    }

    @Test
    void failures_spread_over_many_addresses_throttle_the_client_id_only_where_it_failed() {
        server.otherClient("victim");
        for (int i = 2; i < 22; i++) {
            assertThat(status("127.0.0." + i, basic("victim", "guess-" + i))).isEqualTo(401);
        }

        RawHttp.Response again = get("127.0.0.2", basic("victim", "guess-again"));
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.header("Retry-After")).isEqualTo("3");
        assertThat(status("127.0.0.3", basic("victim", "victim-key"))).as("the right key where a guess failed").isEqualTo(429);
        assertThat(status("127.0.0.50", basic("victim", "victim-key"))).as("the real client elsewhere").isEqualTo(200);
        assertThat(status("127.0.0.51", basic("victim", "one-more-guess"))).as("a new address's first guess").isEqualTo(401);

        server.clock.advance(Throttle.MARK_FOR);
        assertThat(status("127.0.0.2", basic("victim", "guess-later"))).as("after the marks expire").isEqualTo(401);
    }

    @Test
    void unknown_client_ids_are_throttled_exactly_like_known_ones() {
        server.otherClient("existing");
        for (String id : List.of("existing", "imaginary")) {
            for (int i = 100; i < 120; i++) {
                assertThat(status("127.0.1." + i, basic(id, "guess-" + i))).isEqualTo(401);
            }
            RawHttp.Response next = get("127.0.1.100", basic(id, "guess-again"));
            assertThat(next.status()).as(id).isEqualTo(429);
            assertThat(next.header("Retry-After")).as(id).isEqualTo("3");
        }
    }

    @Test
    void requests_without_credentials_are_not_counted() {
        for (int i = 0; i < 15; i++) {
            assertThat(status("127.0.0.9", null)).isEqualTo(401);
        }

        assertThat(status("127.0.0.9", basic("anyone", "wrong"))).isEqualTo(401);
    }
}
