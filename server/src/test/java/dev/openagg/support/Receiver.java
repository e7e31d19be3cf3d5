package dev.openagg.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A real webhook receiver on a random local port that records what it gets and answers as told. */
public final class Receiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received. */
    public record Received(Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** True when its X-OpenAgg-Signature is {@code t=<t>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with it>}. */
        public boolean isSignedWith(String secret) {
            Matcher header = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})")
                    .matcher(String.valueOf(header("X-OpenAgg-Signature")));
            if (!header.matches()) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                byte[] expected = mac.doFinal((header.group(1) + "." + body).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(expected).equals(header.group(2));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The {@code user:password} of its HTTP Basic Authorization header, or null without one. */
        public String basicCredentials() {
            String authorization = header("Authorization");
            return authorization == null || !authorization.startsWith("Basic ") ? null
                    : new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger hangsLeft = new AtomicInteger();
    private final AtomicInteger stallsLeft = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    private Receiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            if (hangsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                awaitClose();
            }
            if (stallsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write('{');
                exchange.getResponseBody().flush();
                awaitClose();
                exchange.close();
                return;
            }
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public static Receiver start() {
        return start(0);
    }

    /** A receiver on the port of {@code url}, as if the same receiver came back. */
    public static Receiver start(String url) {
        return start(java.net.URI.create(url).getPort());
    }

    private static Receiver start(int port) {
        try {
            return new Receiver(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Answer 500 to the next {@code n} requests. */
    public void failNext(int n) {
        failuresLeft.set(n);
    }

    /** Accept requests but never answer them (until closed). */
    public void hang() {
        hangsLeft.set(Integer.MAX_VALUE);
    }

    /** Hold the next {@code n} requests open without an answer (until closed). */
    public void hangNext(int n) {
        hangsLeft.set(n);
    }

    /** Answer the next {@code n} requests with a 200 whose body starts and never ends (until closed). */
    public void stallBodyNext(int n) {
        stallsLeft.set(n);
    }

    private void awaitClose() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
