package dev.openagg.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 spoken by hand over a socket to a local server, for requests no HTTP client will send: malformed chunks,
 * huge headers, slow bodies, unknown versions, a chosen source address on the loopback network.
 */
public final class RawHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp() {
    }

    /** The {@code Authorization} header line for a client id and key, with its line end. */
    public static String basic(String clientId, String apiKey) {
        return "Authorization: Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + apiKey).getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    /** A chunked body carrying {@code chunks} in turn, with the last, empty chunk that ends it. */
    public static String chunked(String... chunks) {
        StringBuilder body = new StringBuilder();
        for (String chunk : chunks) {
            body.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return body.append("0\r\n\r\n").toString();
    }

    /** A socket to the server on {@code port}, from {@code 127.0.0.1}. */
    public static Socket connect(int port) {
        return connect(port, "127.0.0.1");
    }

    /** A socket to the server from a chosen loopback address ({@code 127.0.0.2}, ...), as if from another host. */
    public static Socket connect(int port, String from) {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(15_000);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code request} on a new connection and reads the one response. */
    public static Response send(int port, String request) {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Response send(int port, byte[] request) {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response from the socket: the head, then as many body bytes as its Content-Length says. */
    public static Response read(Socket socket) {
        return read(socket, new ByteArrayOutputStream());
    }

    /**
     * The response if one starts within {@code wait}, else null; for polling a socket while sending on it. A
     * connection the server closes without answering fails the test.
     */
    public static Response readWithin(Socket socket, Duration wait) {
        try {
            socket.setSoTimeout((int) wait.toMillis());
            int first;
            try {
                first = socket.getInputStream().read();
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (first < 0) {
                throw new AssertionError("the connection closed without a response");
            }
            socket.setSoTimeout(15_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write(first);
            return read(socket, head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(Socket socket, ByteArrayOutputStream head) {
        try {
            InputStream in = socket.getInputStream();
            while (!endsWithBlankLine(head)) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("the connection closed before a response head; got: " + head);
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response within the socket's time-out", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server has closed the connection: a read sees the end of the stream (or a reset). */
    public static boolean closedByServer(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream bytes) {
        byte[] b = bytes.toByteArray();
        int n = b.length;
        return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }

    /** A response as read off the wire; header names in lower case. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The message of MX's error body, failing when the body has another shape. */
        public String errorMessage() {
            try {
                JsonNode message = JSON.readTree(body).path("error").path("message");
                if (!message.isTextual() || JSON.readTree(body).size() != 1) {
                    throw new AssertionError("not an MX error body: " + body);
                }
                return message.asText();
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }
    }
}
