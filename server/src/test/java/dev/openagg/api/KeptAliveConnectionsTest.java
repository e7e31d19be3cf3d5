package dev.openagg.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.RawHttp;
import dev.openagg.support.TestServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * What a kept-alive connection costs the server's heap. Jetty by default builds each connection a cache of the
 * header lines it has seen (a trie of about 100 KB) once the connection sends its second request; a thousand clients
 * polling a status each kept one, half of the default heap, and under creating flows the heap ran out. The server
 * turns that cache off. Counted here with a class histogram of this JVM, in which the test's server runs.
 */
class KeptAliveConnectionsTest {
    private static final int CONNECTIONS = 200;
    private static final String TRIE = "org.eclipse.jetty.util.ArrayTrie";
    private static final String REQUEST = "GET /health HTTP/1.1\r\nHost: localhost\r\nUser-Agent: kept-alive-test/1\r\n"
            + "Accept: application/json\r\nAccept-Encoding: identity\r\n\r\n";

    /** Live instances of {@code className} in this JVM, after the full collection the histogram makes. */
    private static long liveInstances(String className) throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        return histogram.lines().map(String::trim).map(line -> line.split("\\s+"))
                .filter(columns -> columns.length >= 4 && columns[3].equals(className))
                .mapToLong(columns -> Long.parseLong(columns[1])).sum();
    }

    private static void ask(Socket socket) throws IOException {
        socket.getOutputStream().write(REQUEST.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        assertThat(RawHttp.read(socket).status()).isEqualTo(200);
    }

    @Test
    void connections_that_each_sent_several_requests_keep_no_header_cache_of_their_own() throws Exception {
        try (TestServer server = TestServer.start()) {
            List<Socket> sockets = new ArrayList<>();
            try {
                long before = liveInstances(TRIE);
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket socket = RawHttp.connect(server.port());
                    sockets.add(socket);
                    for (int request = 0; request < 3; request++) {
                        ask(socket);
                    }
                }
                long after = liveInstances(TRIE);

                assertThat(after - before).as("header tries built for %d open connections", CONNECTIONS)
                        .isLessThan(CONNECTIONS / 4);
                for (Socket socket : sockets) {
                    ask(socket);
                }
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }
}
