package dev.openagg.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.RawHttp;
import dev.openagg.support.ServerTest;
import dev.openagg.support.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Requests Jetty refuses before any route runs, sent by hand: each is answered in MX's error shape. */
class MalformedRequestTest extends ServerTest {
    private static final String AUTH = RawHttp.basic(TestServer.CLIENT_ID, TestServer.API_KEY);

    private RawHttp.Response send(String request) {
        return RawHttp.send(server.port(), request);
    }

    private static void assertMxError(RawHttp.Response response, int status, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/vnd.mx.api.v1+json");
        assertThat(response.errorMessage()).contains(message);
    }

    private long users() {
        return api.get("/users").json().at("/pagination/total_entries").asLong();
    }

    @Test
    void a_malformed_request_line_is_400() {
        assertMxError(send("GARBAGE\r\n\r\n"), 400, "not valid HTTP");
    }

    @Test
    void a_malformed_chunk_size_is_400_and_saves_nothing() {
        long before = users();

        RawHttp.Response response = send("POST /users HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "ZZ\r\n{\"user\": {\"id\": \"chunky\"}}\r\n0\r\n\r\n");

        assertMxError(response, 400, "chunked body is malformed");
        assertThat(users()).isEqualTo(before);
    }

    @Test
    void a_well_formed_chunked_body_is_read_whole() {
        String json = "{\"user\": {\"id\": \"chunked-ok\"}}";

        RawHttp.Response response = send("POST /users HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + RawHttp.chunked(json.substring(0, 10), json.substring(10)));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":\"chunked-ok\"");
    }

    @Test
    void a_uri_longer_than_jetty_takes_is_414() {
        RawHttp.Response response = send("GET /users/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertMxError(response, 414, "URI is too long");
        assertThat(response.body()).doesNotContain("aaaa");
    }

    @Test
    void headers_larger_than_jetty_takes_are_431() {
        RawHttp.Response response = send("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "b".repeat(10_000) + "\r\n\r\n");

        assertMxError(response, 431, "headers are too large");
        assertThat(response.body()).doesNotContain("bbbb");
    }

    @Test
    void an_unknown_expectation_is_417() {
        RawHttp.Response response = send("POST /users HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "Expect: the-unexpected\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{\"user\": {}}");

        assertMxError(response, 417, "Expect: 100-continue");
    }

    @Test
    void expect_100_continue_is_honoured() throws IOException {
        try (Socket socket = RawHttp.connect(server.port())) {
            OutputStream out = socket.getOutputStream();
            String body = "{\"user\": {\"id\": \"continued\"}}";
            out.write(("POST /users HTTP/1.1\r\nHost: localhost\r\n" + AUTH + "Expect: 100-continue\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(RawHttp.read(socket).status()).isEqualTo(100);
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();

            RawHttp.Response response = RawHttp.read(socket);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"id\":\"continued\"");
        }
    }

    @Test
    void http_3_0_is_505() {
        assertMxError(send("GET /health HTTP/3.0\r\nHost: localhost\r\n\r\n"), 505, "HTTP/1.1");
    }

    @Test
    void bad_utf_8_in_the_path_is_400() {
        assertMxError(send("GET /users/%FF%FE HTTP/1.1\r\nHost: localhost\r\n" + AUTH + "\r\n"), 400, "not valid HTTP");
    }

    @Test
    void a_control_character_in_a_header_is_400() {
        assertMxError(send("GET /health HTTP/1.1\r\nHost: localhost\r\nX-A: a\u0000b\r\n\r\n"), 400, "not valid HTTP");
    }

    @Test
    void a_declared_body_over_the_limit_is_413_without_reading_it() {
        RawHttp.Response response = send("POST /users HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{");

        assertMxError(response, 413, "larger than 262144 bytes");
    }

    @Test
    void a_chunked_body_growing_over_the_limit_is_413() {
        String chunk = "x".repeat(65_536);
        StringBuilder request = new StringBuilder("POST /users HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 5; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }

        RawHttp.Response response = send(request.append("0\r\n\r\n").toString());

        assertMxError(response, 413, "larger than 262144 bytes");
    }

    @Test
    void a_body_at_the_limit_reaches_the_routes() {
        String padding = " ".repeat(262_144 - "{\"user\": {\"id\": \"big\"}}".length());
        String body = "{\"user\": {\"id\": \"big\"}}" + padding;

        RawHttp.Response response = send("POST /users HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
