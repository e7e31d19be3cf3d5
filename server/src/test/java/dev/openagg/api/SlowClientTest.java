package dev.openagg.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.RawHttp;
import dev.openagg.support.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that send slowly, over real sockets on the loopback network: they must neither hold the server's request
 * threads nor stay connected for longer than the limits allow. Every loop here is bounded in count and time.
 */
class SlowClientTest {
    private static final String AUTH = RawHttp.basic(TestServer.CLIENT_ID, TestServer.API_KEY);
    private static final String SLOW_POST = "POST /users HTTP/1.1\r\nHost: localhost\r\n" + AUTH
            + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{";
    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: localhost\r\n";
    private static final String USERS = "GET /users HTTP/1.1\r\nHost: localhost\r\n" + AUTH;

    private static TestServer start(Limits limits) {
        return TestServer.start(TestServer.config().withHttpLimits(limits));
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * The status of a request sent on a connection of its own, as a new client would: a request on a kept-alive
     * connection can be served by Jetty's selector thread and would not show a starved pool.
     */
    private static int fresh(TestServer server, String head) {
        return RawHttp.send(server.port(), head + "Connection: close\r\n\r\n").status();
    }

    private static long millis(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Test
    void two_hundred_slow_uploaders_leave_health_and_authenticated_reads_answering_within_a_second() throws IOException {
        // No rate check and a long time limit: the uploaders stay connected for the whole test, so any thread
        // they held would show.
        try (TestServer server = start(new Limits(Duration.ofSeconds(10), Duration.ofSeconds(60), 0, 262_144))) {
            // Warm both paths first: the first call of a fresh JVM loads classes for a second or more.
            assertThat(fresh(server, HEALTH)).isEqualTo(200);
            assertThat(fresh(server, USERS)).isEqualTo(200);
            List<Socket> uploaders = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    Socket socket = RawHttp.connect(server.port());
                    uploaders.add(socket);
                    write(socket, SLOW_POST);
                }
                List<Long> health = new ArrayList<>();
                List<Long> reads = new ArrayList<>();
                for (int round = 0; round < 4; round++) {
                    for (Socket socket : uploaders) {
                        write(socket, " ");
                    }
                    health.add(millis(() -> assertThat(fresh(server, HEALTH)).isEqualTo(200)));
                    reads.add(millis(() -> assertThat(fresh(server, USERS)).isEqualTo(200)));
                }

                assertThat(health).allMatch(ms -> ms < 1_000, "each /health under a second");
                assertThat(reads).allMatch(ms -> ms < 1_000, "each authenticated read under a second");
                for (Socket socket : uploaders.subList(0, 5)) {
                    socket.setSoTimeout(20);
                    assertThat(RawHttp.closedByServer(socket)).as("an uploader still connected").isFalse();
                }
            } finally {
                for (Socket socket : uploaders) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void a_body_trickling_below_the_minimum_rate_is_refused_with_408_after_the_grace() throws IOException {
        try (TestServer server = start(Limits.defaults()); Socket socket = RawHttp.connect(server.port())) {
            write(socket, SLOW_POST);
            long started = System.nanoTime();
            RawHttp.Response response = null;
            for (int second = 0; second < 12 && response == null; second++) {
                write(socket, " ");
                response = RawHttp.readWithin(socket, Duration.ofSeconds(1));
            }
            long elapsed = (System.nanoTime() - started) / 1_000_000;

            assertThat(response).as("an answer within 12 s").isNotNull();
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.errorMessage()).contains("too long to arrive");
            assertThat(elapsed).isBetween(Limits.GRACE.toMillis() - 100, Limits.GRACE.toMillis() + 4_000);
            socket.setSoTimeout(5_000);
            assertThat(RawHttp.closedByServer(socket)).isTrue();
        }
    }

    @Test
    void a_body_not_complete_within_the_time_limit_is_refused_with_408() throws IOException {
        try (TestServer server = start(new Limits(Duration.ofSeconds(10), Duration.ofSeconds(2), 0, 262_144));
             Socket socket = RawHttp.connect(server.port())) {
            long started = System.nanoTime();
            write(socket, SLOW_POST);

            RawHttp.Response response = RawHttp.read(socket);
            long elapsed = (System.nanoTime() - started) / 1_000_000;

            assertThat(response.status()).isEqualTo(408);
            assertThat(response.errorMessage()).contains("too long to arrive");
            assertThat(elapsed).isBetween(1_900L, 6_000L);
        }
    }

    @Test
    void headers_arriving_too_slowly_are_answered_408_and_the_connection_closed() throws IOException {
        try (TestServer server = start(new Limits(Duration.ofSeconds(2), Duration.ofSeconds(30), 0, 262_144));
             Socket socket = RawHttp.connect(server.port())) {
            long started = System.nanoTime();
            write(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
            RawHttp.Response response = null;
            for (int tick = 0; tick < 40 && response == null; tick++) {
                write(socket, "a");
                response = RawHttp.readWithin(socket, Duration.ofMillis(250));
            }
            long elapsed = (System.nanoTime() - started) / 1_000_000;

            assertThat(response).as("an answer within 10 s").isNotNull();
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.errorMessage()).contains("headers took too long");
            assertThat(elapsed).isBetween(1_900L, 6_000L);
            socket.setSoTimeout(5_000);
            assertThat(RawHttp.closedByServer(socket)).isTrue();
        }
    }

    @Test
    void an_idle_keep_alive_connection_outlives_the_header_limit() throws IOException {
        try (TestServer server = start(new Limits(Duration.ofSeconds(1), Duration.ofSeconds(30), 1024, 262_144));
             Socket socket = RawHttp.connect(server.port())) {
            write(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(RawHttp.read(socket).status()).isEqualTo(200);

            socket.setSoTimeout(2_500);
            assertThat(RawHttp.closedByServer(socket)).as("closed while idle").isFalse();

            socket.setSoTimeout(5_000);
            write(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(RawHttp.read(socket).status()).isEqualTo(200);
        }
    }
}
