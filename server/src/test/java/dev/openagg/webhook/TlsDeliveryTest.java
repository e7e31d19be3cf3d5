package dev.openagg.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries over HTTPS, to a receiver with a certificate made for the test (by the JDK's keytool) for the name
 * {@code localhost} only: the certificate is checked against the URL's host, as any HTTPS client does.
 */
class TlsDeliveryTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;
    private final OutboxBench bench = new OutboxBench();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpsServer server;
    private SSLContext trusting;

    @BeforeEach
    void start() throws Exception {
        KeyStore keys = certificate();
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serving = SSLContext.getInstance("TLS");
        serving.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serving));
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();

        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, trust.getTrustManagers(), null);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        bench.close();
    }

    /** A key pair and self-signed certificate for {@code localhost}, made by keytool in a fresh keystore. */
    private KeyStore certificate() throws Exception {
        Path file = dir.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keys.load(in, PASSWORD);
        }
        return keys;
    }

    private Post post() {
        Targets targets = new Targets(true, host -> {
            if (!host.equals("localhost") && !host.equals("receiver.test")) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getLoopbackAddress());
        });
        return new Post(targets, Duration.ofSeconds(10), trusting::getSocketFactory);
    }

    @Test
    void a_receiver_whose_certificate_names_the_host_gets_the_event() {
        String webhook = bench.webhook("https://localhost:" + server.getAddress().getPort() + "/hooks");
        bench.event(webhook, "MBR-tls");

        bench.start(post());

        WebhookJson.Attempt attempt = bench.awaitAttempt(webhook).attempts().get(0);
        assertThat(attempt.httpStatus()).as(attempt.error()).isEqualTo(204);
        assertThat(received).singleElement().asString().contains("MBR-tls");
    }

    @Test
    void a_certificate_for_another_name_is_refused_by_the_handshake() {
        String webhook = bench.webhook("https://receiver.test:" + server.getAddress().getPort() + "/hooks");
        bench.event(webhook, "MBR-wrong-name");

        bench.start(post());

        WebhookJson.Attempt attempt = bench.awaitAttempt(webhook).attempts().get(0);
        assertThat(attempt.httpStatus()).isNull();
        assertThat(attempt.error()).startsWith("SSLHandshakeException");
        assertThat(received).isEmpty();
    }
}
