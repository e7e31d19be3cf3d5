package dev.openagg.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.openagg.logging.LogContext;
import dev.openagg.support.RawHttp;
import dev.openagg.support.Reply;
import dev.openagg.support.ServerTest;
import dev.openagg.support.TestServer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RequestIdTest extends ServerTest {
    private static final String AUTH = RawHttp.basic(TestServer.CLIENT_ID, TestServer.API_KEY);

    @Test
    void a_reply_carries_a_generated_id_and_each_request_gets_its_own() {
        String first = api.get("/users").header(RequestIds.HEADER);
        String second = api.get("/users").header(RequestIds.HEADER);
        assertThat(first).matches("[a-z0-9]{26}");
        assertThat(second).matches("[a-z0-9]{26}").isNotEqualTo(first);
    }

    @Test
    void generated_ids_of_later_milliseconds_sort_after_earlier_ones_and_those_of_one_millisecond_differ() {
        String earlier = RequestIds.generate(1_700_000_000_000L);
        String later = RequestIds.generate(1_700_000_000_001L);
        Set<String> sameMillisecond = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            sameMillisecond.add(RequestIds.generate(1_700_000_000_000L));
        }

        assertThat(earlier).matches("[a-z0-9]{26}").isLessThan(later);
        assertThat(sameMillisecond).hasSize(10_000);
    }

    @Test
    void a_safe_id_the_client_sent_is_kept() {
        String id = "checkout-42.retry_1";
        assertThat(api.withHeader(RequestIds.HEADER, id).get("/users").header(RequestIds.HEADER)).isEqualTo(id);
    }

    @Test
    void an_unsafe_or_too_long_id_is_replaced() {
        for (String sent : new String[] {"has space", "a/b", "x".repeat(RequestIds.MAX_LENGTH + 1), "ünï"}) {
            String answered = RawHttp.send(server.port(), "GET /users HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                    + "X-Request-Id: " + sent + "\r\nConnection: close\r\n\r\n").header(RequestIds.HEADER);
            assertThat(answered).as(sent).matches("[a-z0-9]{26}");
        }
        String longest = "x".repeat(RequestIds.MAX_LENGTH);
        assertThat(api.withHeader(RequestIds.HEADER, longest).get("/users").header(RequestIds.HEADER)).isEqualTo(longest);
    }

    @Test
    void errors_from_routes_authentication_and_unknown_paths_carry_the_id() {
        Expect sending = new Expect("err-1");
        assertThat(sending.reply(api.withHeader(RequestIds.HEADER, "err-1").post("/users", "{not json"), 400)).isEqualTo("err-1");
        assertThat(sending.reply(api.withHeader(RequestIds.HEADER, "err-1").get("/no/such/endpoint"), 404)).isEqualTo("err-1");
        assertThat(sending.reply(api.withHeader(RequestIds.HEADER, "err-1").get("/users/USR-none"), 404)).isEqualTo("err-1");
        assertThat(sending.reply(api.withHeader(RequestIds.HEADER, "err-1").withAuthorization("Basic bm8=").get("/users"), 401))
                .isEqualTo("err-1");
    }

    @Test
    void jettys_own_error_pages_carry_an_id_too() {
        RawHttp.Response badHeader = RawHttp.send(server.port(), "GET /users HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Request-Id: jetty-7\r\nBad Header\r\n\r\n");
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.header(RequestIds.HEADER)).matches("[A-Za-z0-9._-]+");
        RawHttp.Response tooLarge = RawHttp.send(server.port(), "POST /users HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "X-Request-Id: jetty-8\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\n\r\n{");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header(RequestIds.HEADER)).isEqualTo("jetty-8");
        RawHttp.Response version = RawHttp.send(server.port(), "GET /users HTTP/3.0\r\nHost: localhost\r\n\r\n");
        assertThat(version.status()).isEqualTo(505);
        assertThat(version.header(RequestIds.HEADER)).matches("[a-z0-9]{26}");
    }

    @Test
    void the_server_log_lines_of_a_request_carry_its_id() {
        Logger access = (Logger) LoggerFactory.getLogger("dev.openagg.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level before = access.getLevel();
        access.setLevel(Level.DEBUG);
        access.addAppender(lines);
        try {
            api.withHeader(RequestIds.HEADER, "logged-1").get("/users");
            api.withHeader(RequestIds.HEADER, "logged-2").get("/no/such/endpoint");
        } finally {
            access.detachAppender(lines);
            access.setLevel(before);
        }
        assertThat(lines.list).anySatisfy(e -> {
            assertThat(e.getFormattedMessage()).startsWith("GET /users 200");
            assertThat(e.getMDCPropertyMap()).containsEntry(LogContext.REQUEST_ID, "logged-1");
        });
        assertThat(lines.list).anySatisfy(e -> {
            assertThat(e.getFormattedMessage()).startsWith("GET /no/such/endpoint 404");
            assertThat(e.getMDCPropertyMap()).containsEntry(LogContext.REQUEST_ID, "logged-2");
        });
    }

    /** Checks a reply's status and hands back its request id. */
    private record Expect(String label) {
        String reply(Reply reply, int status) {
            assertThat(reply.status()).as(label).isEqualTo(status);
            return reply.header(RequestIds.HEADER);
        }
    }
}
