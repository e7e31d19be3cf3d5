package dev.openagg.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.Api;
import dev.openagg.support.Reply;
import dev.openagg.support.Tenant;
import dev.openagg.support.TestServer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tenant isolation on every route the server registers, read from its router, so a route added later is covered
 * without editing this test. For each path parameter that names something a client owns, Bob sends the route with
 * his own objects everywhere except that parameter, which names Alice's object; he must get exactly the status and
 * body he gets when it names a random guid of the same shape. The same with every parameter Alice's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestServer server;
    private Tenant alice;
    private Tenant bob;

    @BeforeAll
    void tenants() {
        server = TestServer.start();
        alice = Tenant.build(server.api(), "Alice");
        bob = Tenant.build(server.otherClient("bob"), "Bob");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void another_client_gets_exactly_what_a_random_guid_gets_on_every_route_that_names_an_object() {
        List<dev.openagg.api.Http.Route> routes = new ArrayList<>(server.app().routes());
        // Deletions last, so a route that wrongly reached Alice's object cannot hide a later route's failure.
        routes.sort(Comparator.comparing(r -> r.method().equals("DELETE")));
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (var route : routes) {
            List<String> parameters = parameters(route.path());
            for (String p : parameters) {
                assertThat(bob.value(route.path(), p)).as("route %s %s has a path parameter {%s} no fixture can fill:"
                        + " teach Tenant.value to name one", route.method(), route.path(), p).isPresent();
            }
            List<String> owned = parameters.stream().filter(Tenant::isOwned).toList();
            if (owned.isEmpty()) {
                Reply reply = send(bob, route, fill(route.path(), p -> bob.value(route.path(), p).orElseThrow()));
                assertThat(reply.status()).as("%s %s", route.method(), route.path()).isLessThan(500);
                continue;
            }
            for (String target : owned) {
                compared += compare(route, p -> p.equals(target) ? alice.value(route.path(), p).orElseThrow()
                        : bob.value(route.path(), p).orElseThrow(), p -> p.equals(target), failures);
            }
            if (owned.size() > 1) {
                compared += compare(route, p -> Tenant.isOwned(p) ? alice.value(route.path(), p).orElseThrow()
                        : bob.value(route.path(), p).orElseThrow(), Tenant::isOwned, failures);
            }
        }
        assertThat(failures).as("routes where another client's object answered differently from a random guid")
                .isEmpty();
        assertThat(compared).as("comparisons made").isGreaterThan(60);
    }

    /**
     * Sends {@code route} as Bob, once with {@code values} and once with every parameter {@code swapped} replaced by
     * a random value of the same shape; both must be the same 4xx with the same body.
     */
    private int compare(dev.openagg.api.Http.Route route, UnaryOperator<String> values,
                        java.util.function.Predicate<String> swapped, List<String> failures) {
        String path = fill(route.path(), values);
        String random = fill(route.path(), p -> swapped.test(p) ? randomLike(values.apply(p)) : values.apply(p));
        Reply theirs = send(bob, route, path);
        Reply nobodys = send(bob, route, random);
        String what = route.method() + " " + path;
        if (theirs.status() < 400 || theirs.status() >= 500) {
            failures.add(what + " answered " + theirs);
        } else if (theirs.status() != nobodys.status() || !theirs.text().equals(nobodys.text())) {
            failures.add(what + " answered " + theirs + " but a random guid " + nobodys);
        }
        return 1;
    }

    private Reply send(Tenant as, dev.openagg.api.Http.Route route, String path) {
        Api client = path.startsWith("/widget/api/") ? as.widget : as.api;
        return client.send(route.method(), path, body(route));
    }

    /** A body that would be valid for the route's own objects, so a refusal comes from the lookup. */
    private static String body(dev.openagg.api.Http.Route route) {
        if (route.method().equals("GET") || route.method().equals("DELETE")) {
            return null;
        }
        String path = route.path();
        if (path.endsWith("/resume")) {
            return "{\"member\": {\"challenges\": [{\"guid\": \"CRD-1\", \"value\": \"x\"}]}}";
        }
        if (path.endsWith("/credentials")) {
            return "{\"member\": {\"credentials\": [{\"guid\": \"CRD-1\", \"value\": \"x\"}]}}";
        }
        if (path.contains("widget_url")) {
            return "{\"widget_url\": {\"widget_type\": \"connect_widget\"}}";
        }
        if (path.startsWith("/webhooks")) {
            return "{\"webhook\": {\"enabled\": true}}";
        }
        if (path.startsWith("/sandbox")) {
            return "{\"institution\": {\"name\": \"x\"}}";
        }
        for (Map.Entry<String, String> root : Map.of("/members", "member", "/users", "user").entrySet()) {
            if (path.contains(root.getKey())) {
                return "{\"" + root.getValue() + "\": {\"metadata\": \"m\"}}";
            }
        }
        return "{}";
    }

    private static List<String> parameters(String path) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String fill(String path, UnaryOperator<String> values) {
        return PARAMETER.matcher(path).replaceAll(m -> Matcher.quoteReplacement(values.apply(m.group(1))));
    }

    /** The value with each hex digit and lower-case letter replaced at random: the same shape, nobody's object. */
    private static String randomLike(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            out.append(Character.isDigit(c) || c >= 'a' && c <= 'f' ? "0123456789abcdef".charAt(RANDOM.nextInt(16))
                    : c >= 'g' && c <= 'z' ? (char) ('g' + RANDOM.nextInt(20)) : c);
        }
        return out.toString();
    }
}
