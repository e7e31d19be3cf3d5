package dev.openagg.ofx;

import static dev.openagg.ofx.OfxConnectorTest.institution;
import static dev.openagg.ofx.OfxConnectorTest.login;

import com.sun.net.httpserver.HttpServer;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.testkit.ConnectorKit;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** HTTP errors, silence, oversized replies and refused connections end the job FAILED with a clear message. */
class OfxClientFailureTest {

    @Test
    void an_http_error_fails_the_job_with_its_status() throws IOException {
        try (Stub stub = Stub.answering(503, "Service Unavailable")) {
            ConnectorKit.of(new OfxConnector(institution(stub.url(), "220"))).start("aggregate", login("plain"))
                    .expectFailed(ConnectionStatus.FAILED, "Test Bank answered with HTTP error 503.");
        }
    }

    @Test
    void a_reply_larger_than_the_bound_fails_the_job() throws IOException {
        try (Stub stub = Stub.answering(200, "<OFX>" + "x".repeat(2 * 1024 * 1024) + "</OFX>")) {
            ConnectorKit.of(new OfxConnector(institution(stub.url(), "220"))).start("aggregate", login("plain"))
                    .expectFailed(ConnectionStatus.FAILED, "Test Bank sent a reply larger than 1048576 bytes.");
        }
    }

    @Test
    void a_server_that_never_answers_times_out() throws IOException, InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    held.add(silent.accept());
                    done.await(10, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            acceptor.start();
            ConnectorKit.of(new OfxConnector(institution("http://127.0.0.1:" + silent.getLocalPort() + "/ofx", "220")))
                    .start("aggregate", login("plain"))
                    .expectFailed(ConnectionStatus.FAILED, "Test Bank's OFX server did not answer in time.");
            done.countDown();
            acceptor.join(5000);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void a_refused_connection_fails_the_job() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ConnectorKit.of(new OfxConnector(institution("http://127.0.0.1:" + port + "/ofx", "220")))
                .start("aggregate", login("plain"))
                .expectFailed(ConnectionStatus.FAILED, "Test Bank's OFX server could not be reached.");
    }

    /** An HTTP server that gives every request the same answer. */
    private record Stub(HttpServer server) implements AutoCloseable {
        static Stub answering(int status, String body) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
            server.createContext("/ofx", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    byte[] bytes = body.getBytes();
                    exchange.sendResponseHeaders(status, bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                } catch (IOException e) {
                    // the client hung up on an oversized reply, as it should
                    exchange.close();
                }
            });
            server.start();
            return new Stub(server);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/ofx";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
