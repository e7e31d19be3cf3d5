package dev.openagg.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A full-server test class giving each test its own real server, for tests that move its clock or restart it. */
public abstract class FreshServerTest {
    protected TestServer server;
    protected Api api;
    protected Flow flow;

    @BeforeEach
    void startServer() {
        server = TestServer.start();
        api = server.api();
        flow = new Flow(api);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
