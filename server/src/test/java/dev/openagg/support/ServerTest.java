package dev.openagg.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A full-server test class sharing one real server (random port, its own H2 database) across its tests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerTest {
    protected TestServer server;
    protected Api api;
    protected Flow flow;

    @BeforeAll
    void startServer() {
        server = TestServer.start();
        api = server.api();
        flow = new Flow(api);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }
}
