package dev.openagg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.api.Http;
import dev.openagg.support.Reply;
import dev.openagg.support.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The router tries a method's path patterns in the order they were added, so the request clients send most, the
 * status poll, is added first: status reads ran about a tenth faster, in pairs of servers, than when eleven patterns
 * were tried and failed before it (docs/performance.md, the fifteenth run).
 */
class RouteOrderTest {
    @Test
    void the_status_poll_is_the_first_get_route_tried_and_the_routes_after_it_still_answer() {
        try (TestServer server = TestServer.start()) {
            Http.Route first = server.app().routes().stream().filter(r -> r.method().equals("GET")).findFirst()
                    .orElseThrow();
            assertThat(first.path()).isEqualTo("/users/{user_identifier}/members/{member_identifier}/status");
            // answered by the status route itself, not by the router's "no such endpoint"
            Reply status = server.api().get("/users/USR-nobody/members/MBR-nobody/status");
            assertThat(status.status()).isEqualTo(404);
            assertThat(status.errorMessage()).isEqualTo("member not found");
            assertThat(server.api().get("/health").status()).isEqualTo(200);
            assertThat(server.api().get("/users").status()).isEqualTo(200);
        }
    }
}
