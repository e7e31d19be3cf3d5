package dev.openagg.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One webhook request: an HTTP/1.1 POST on a socket of its own, answered by its status line. Sent by hand rather
 * than with an HTTP client so that the connection goes to exactly the addresses {@link Targets} allowed: a client
 * would resolve the name again, and a name can change its answer between two lookups. HTTPS verifies the
 * receiver's certificate against its host name, as any client does.
 */
final class Post {
    private static final int MAX_STATUS_LINE = 1024;

    private final Targets targets;
    private final Duration timeout;
    private final Supplier<SSLSocketFactory> tls;

    /** {@code tls} is asked for its factory at the first HTTPS delivery, not before. */
    Post(Targets targets, Duration timeout, Supplier<SSLSocketFactory> tls) {
        this.targets = targets;
        this.timeout = timeout;
        this.tls = tls;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Sends the request and returns the answer's status code. Throws {@link Targets.Refused} when the receiver's
     * address is not allowed, and an {@link IOException} when it cannot be reached or does not answer in time.
     */
    int send(URI url, Map<String, String> headers, byte[] body) throws IOException, Targets.Refused {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        String host = url.getHost();
        if (host == null) {
            throw new IOException("the URL has no host");
        }
        int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
        long deadline = System.nanoTime() + timeout.toNanos();
        Targets.Resolved resolved = targets.addresses(host);
        try (Socket socket = connect(resolved.addresses(), port, deadline)) {
            Socket channel = https ? secure(socket, host, port, resolved.literal()) : socket;
            write(channel.getOutputStream(), request(url, host, port, headers, body), body);
            return status(channel, deadline);
        }
    }

    private Socket connect(List<InetAddress> addresses, int port, long deadline) throws IOException {
        IOException last = new UnknownHostException("no address");
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), remaining(deadline));
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last;
    }

    private Socket secure(Socket socket, String host, int port, boolean literal) throws IOException {
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1)
                : host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        SSLSocket ssl = (SSLSocket) tls.get().createSocket(socket, name, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!literal) {
            parameters.setServerNames(List.of(new SNIHostName(name)));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static byte[] request(URI url, String host, int port, Map<String, String> headers, byte[] body)
            throws IOException {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        StringBuilder head = new StringBuilder("POST ").append(path)
                .append(url.getRawQuery() == null ? "" : "?" + url.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(url.getPort() >= 0 ? ":" + port : "").append("\r\n");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getValue().chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new IOException("the " + header.getKey() + " header holds a control character");
            }
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(OutputStream out, byte[] head, byte[] body) throws IOException {
        out.write(head);
        out.write(body);
        out.flush();
    }

    /** The first final status line's code; the body is never read, so an answer that never ends costs nothing. */
    private static int status(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            String line = line(socket, in, deadline);
            String[] parts = line.split(" ", 3);
            if (parts.length < 2 || !parts[0].toUpperCase(Locale.ROOT).startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
                throw new IOException("the answer does not start with an HTTP/1.x status line");
            }
            int status = Integer.parseInt(parts[1]);
            if (status >= 200) {
                return status;
            }
            String header;
            do { // an interim (1xx) answer: skip its headers to reach the final status line
                header = line(socket, in, deadline);
            } while (!header.isEmpty());
        }
    }

    private static String line(Socket socket, InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            socket.setSoTimeout(remaining(deadline));
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no status line within the time-out");
            }
            if (b < 0) {
                throw new IOException("the receiver closed the connection without a status line");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() >= MAX_STATUS_LINE) {
                throw new IOException("the status line is too long");
            }
            line.write(b);
        }
    }

    private static int remaining(long deadline) throws SocketTimeoutException {
        long millis = (deadline - System.nanoTime()) / 1_000_000;
        if (millis <= 0) {
            throw new SocketTimeoutException("no status line within the time-out");
        }
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    /**
     * The JVM's default TLS socket factory, made at its first use: making it loads the trusted certificates, which
     * a node that never delivers to an HTTPS address need not do while it starts.
     */
    static Supplier<SSLSocketFactory> defaultTls() {
        return new Supplier<>() {
            private SSLSocketFactory factory;

            @Override
            public synchronized SSLSocketFactory get() {
                if (factory == null) {
                    factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
                }
                return factory;
            }
        };
    }
}
