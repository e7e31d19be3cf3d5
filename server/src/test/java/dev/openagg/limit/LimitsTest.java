package dev.openagg.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.Config;
import dev.openagg.support.Api;
import dev.openagg.support.Flow;
import dev.openagg.support.Postgres;
import dev.openagg.support.Reply;
import dev.openagg.support.TestKeys;
import dev.openagg.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Per-client request rates and object quotas, set by settings and off by default. */
class LimitsTest {

    @Test
    void without_settings_a_client_is_limited_by_nothing() {
        try (TestServer server = TestServer.start()) {
            Api api = server.api();
            Flow flow = new Flow(api);
            for (int i = 0; i < 30; i++) {
                assertThat(api.post("/users", "{\"user\": {}}").status()).isEqualTo(200);
                assertThat(api.post(flow.members(), Flow.memberBody("mxuser", "pw" + i, true)).status())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void a_client_over_its_request_rate_gets_429_with_retry_after_until_it_has_waited() {
        Config config = TestServer.config().withClientLimits(ClientLimits.none().withRate(2, 5));
        try (TestServer server = TestServer.start(config)) {
            Api api = server.api();
            for (int i = 0; i < 5; i++) {
                assertThat(api.get("/users").status()).isEqualTo(200);
            }
            Reply refused = api.get("/users");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.errorMessage()).contains("2 requests a second");

            Api other = server.otherClient("other-client");
            assertThat(other.get("/users").status()).as("another client has its own allowance").isEqualTo(200);
            assertThat(new Api(server.port(), null, null).get("/health").status()).as("/health is not an API request").isEqualTo(200);

            server.clock.advance(Duration.ofMillis(500));
            assertThat(api.get("/users").status()).as("half a second refills one request").isEqualTo(200);
            assertThat(api.get("/users").status()).isEqualTo(429);
            server.clock.advance(Duration.ofSeconds(10));
            for (int i = 0; i < 5; i++) {
                assertThat(api.get("/users").status()).as("the burst refills, and no further").isEqualTo(200);
            }
            assertThat(api.get("/users").status()).isEqualTo(429);
        }
    }

    @Test
    void a_client_at_its_user_quota_gets_422_naming_the_limit_until_it_deletes_one() {
        Config config = TestServer.config().withClientLimits(ClientLimits.none().withQuotas(3, 0));
        try (TestServer server = TestServer.start(config)) {
            Api api = server.api();
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                users.add(api.post("/users", "{\"user\": {}}").json().at("/user/guid").asText());
            }
            Reply refused = api.post("/users", "{\"user\": {\"id\": \"fourth\"}}");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.errorMessage()).contains("user limit").contains("at most 3 users");
            assertThat(api.get("/users?id=fourth").json().at("/users").size()).as("nothing saved").isZero();
            assertThat(server.otherClient("other-client").post("/users", "{\"user\": {}}").status())
                    .as("the quota is per client").isEqualTo(200);

            assertThat(api.delete("/users/" + users.get(0)).status()).isEqualTo(204);
            assertThat(api.post("/users", "{\"user\": {}}").status()).isEqualTo(200);
        }
    }

    @Test
    void a_user_at_its_member_quota_gets_422_naming_the_limit_and_other_users_do_not() {
        Config config = TestServer.config().withClientLimits(ClientLimits.none().withQuotas(0, 2));
        try (TestServer server = TestServer.start(config)) {
            Api api = server.api();
            Flow flow = new Flow(api);
            String first = flow.member("pw", true);
            flow.member("pw", true);
            Reply refused = api.post(flow.members(), Flow.memberBody("mxuser", "pw", true));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.errorMessage()).contains("member limit").contains("at most 2 members");
            assertThat(api.get(flow.members()).json().at("/members").size()).isEqualTo(2);
            new Flow(api).member("pw", true);

            assertThat(api.delete(flow.path(first, "")).status()).isEqualTo(204);
            flow.member("pw", true);
        }
    }

    @Test
    void concurrent_creates_on_one_node_never_pass_the_quotas() throws Exception {
        Config config = TestServer.config().withClientLimits(ClientLimits.none().withQuotas(10, 5));
        try (TestServer server = TestServer.start(config)) {
            assertConcurrentCreatesStopAtTheQuotas(List.of(server.api()));
        }
    }

    @Test
    void concurrent_creates_through_two_nodes_on_postgresql_never_pass_the_quotas() throws Exception {
        Config config = TestServer.config().withDatabase(Postgres.newDatabase(), "postgres", "postgres")
                .withKeys(TestKeys.settings()).withClientLimits(ClientLimits.none().withQuotas(10, 5));
        try (TestServer one = TestServer.start(config); TestServer two = TestServer.start(config)) {
            assertConcurrentCreatesStopAtTheQuotas(List.of(one.api(), two.api()));
        }
    }

    /** 40 users created at once through {@code nodes} in turn, then 20 members of one user: 10 and 5 succeed. */
    private static void assertConcurrentCreatesStopAtTheQuotas(List<Api> nodes) throws Exception {
        List<Integer> users = all(40, i -> nodes.get(i % nodes.size()).post("/users", "{\"user\": {}}").status());
        assertThat(users).filteredOn(s -> s == 200).hasSize(10);
        assertThat(users).filteredOn(s -> s == 422).hasSize(30);
        Api api = nodes.get(0);
        assertThat(api.get("/users?records_per_page=100").json().at("/users").size()).isEqualTo(10);

        String user = api.get("/users").json().at("/users/0/guid").asText();
        Flow flow = new Flow(api, user);
        List<Integer> members = all(20, i -> nodes.get(i % nodes.size())
                .post(flow.members(), Flow.memberBody("mxuser", "pw", true)).status());
        assertThat(members).filteredOn(s -> s == 200).hasSize(5);
        assertThat(members).filteredOn(s -> s == 422).hasSize(15);
        assertThat(api.get(flow.members() + "?records_per_page=100").json().at("/members").size()).isEqualTo(5);
    }

    private interface Attempt {
        int status(int i) throws Exception;
    }

    private static List<Integer> all(int count, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit((Callable<Integer>) () -> attempt.status(n)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
