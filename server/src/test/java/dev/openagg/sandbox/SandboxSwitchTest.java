package dev.openagg.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.Config;
import dev.openagg.support.Api;
import dev.openagg.support.Reply;
import dev.openagg.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code OPENAGG_SANDBOX=false} closes every path under {@code /sandbox}, whichever feature registered it. */
class SandboxSwitchTest {

    @Test
    void with_the_sandbox_off_every_sandbox_route_and_any_path_under_it_answers_404_and_the_rest_still_works() {
        Config off = TestServer.config().withSandbox(new Config.SandboxSettings(false, Duration.ZERO));
        try (TestServer server = TestServer.start(off)) {
            Api api = server.api();
            List<String> routes = sandboxRoutes(server);
            assertThat(routes).as("the sandbox routes the router serves")
                    .contains("POST /sandbox/institutions", "GET /sandbox/institutions/{code}", "GET /sandbox/clock",
                            "POST /sandbox/clock");
            List<String> requests = new ArrayList<>(routes.stream().map(SandboxSwitchTest::concrete).toList());
            // Paths no route serves yet (a route another feature may add later) are closed too.
            requests.addAll(List.of("GET /sandbox", "POST /sandbox/users/USR-1/members/MBR-1/oauth",
                    "PATCH /sandbox/anything/at/all"));
            for (String request : requests) {
                String[] parts = request.split(" ", 2);
                Reply reply = api.send(parts[0], parts[1], parts[0].equals("GET") || parts[0].equals("DELETE")
                        ? null : "{}");
                assertThat(reply.status()).as(request).isEqualTo(404);
                assertThat(reply.json().at("/error/message").asText()).as(request)
                        .isEqualTo("no such endpoint: " + parts[0] + " " + parts[1]);
            }
            assertThat(api.get("/institutions/mxbank").status()).isEqualTo(200);
            assertThat(api.post("/users", "{\"user\": {\"id\": \"still-served\"}}").status()).isEqualTo(200);
        }
    }

    @Test
    void with_the_sandbox_on_by_default_its_routes_are_served() {
        assertThat(TestServer.config().sandbox().enabled()).isTrue();
        try (TestServer server = TestServer.start()) {
            assertThat(server.api().get("/sandbox/institutions").status()).isEqualTo(200);
            assertThat(sandboxRoutes(server)).isNotEmpty();
        }
    }

    private static List<String> sandboxRoutes(TestServer server) {
        return server.app().routes().stream().filter(r -> r.path().startsWith("/sandbox"))
                .map(r -> r.method() + " " + r.path()).toList();
    }

    /** A request for the route, with a value in place of each path parameter. */
    private static String concrete(String route) {
        return route.replaceAll("\\{[^}]*}|<[^>]*>", "X-1");
    }
}
