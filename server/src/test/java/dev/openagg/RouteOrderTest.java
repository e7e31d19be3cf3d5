package dev.openagg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.api.Http;
import dev.openagg.support.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The router tries a method's path patterns in the order they were added, so the request clients send most, the
 * status poll, is added first: status reads ran about a tenth faster, in pairs of servers, than when eleven patterns
 * were tried and failed before it (docs/performance.md, the fifteenth run).
 */
class RouteOrderTest {
    @Test
    void the_status_poll_is_the_first_get_route_tried_and_still_answers() {
        try (TestServer server = TestServer.start()) {
            Http.Route first = server.app().routes().stream().filter(r -> r.method().equals("GET")).findFirst()
                    .orElseThrow();
            assertThat(first.path()).isEqualTo("/users/{user_identifier}/members/{member_identifier}/status");
            assertThat(server.api().get("/health").status()).isEqualTo(200);
        }
    }
}
