package dev.openagg.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.Api;
import dev.openagg.support.Reply;
import dev.openagg.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Registering a webhook that points inside the server's network, on a server as deployed (private networks not
 * allowed) and on one in development mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookTargetTest {
    private TestServer deployed;
    private TestServer development;
    private Api api;

    @BeforeAll
    void start() {
        deployed = TestServer.start(TestServer.config().withWebhookPrivateNetworks(false));
        development = TestServer.start(TestServer.config());
        api = deployed.api();
    }

    @AfterAll
    void stop() {
        deployed.close();
        development.close();
    }

    private static Reply register(Api api, String url) {
        return api.post("/webhooks", "{\"webhook\": {\"url\": \"" + url + "\", \"event_types\": [\"MEMBER\"]}}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "http://127.0.0.1:8080/hooks", "http://2130706433/hooks", "http://0x7f000001/hooks",
            "http://0177.0.0.1/hooks", "http://017700000001:9/", "http://127.255.255.254/", "http://[::1]:8080/hooks",
            "http://[0:0:0:0:0:0:0:1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
            "http://[64:ff9b::7f00:1]/", "http://localhost:8080/hooks", "http://LOCALHOST/", "http://localhost./",
            "http://partner.example@127.0.0.1/hooks", "http://169.254.169.254/latest/meta-data/",
            "http://2852039166/", "http://0xa9fea9fe/", "http://[::ffff:169.254.169.254]/", "http://[fe80::1]/",
            "http://[fd00:ec2::254]/", "http://100.100.100.200/", "http://10.0.0.1/", "http://012.0.0.1/",
            "http://172.16.0.1/", "http://192.168.0.1/", "https://100.64.0.1/", "http://[fd12:3456::1]/",
            "http://[fc00::1]/", "http://224.0.0.1/", "http://[ff02::1]/", "http://0.0.0.0/", "http://[::]/",
            "http://255.255.255.255/", "http://0x1ffffffff/"})
    void a_url_whose_host_is_or_resolves_inside_is_refused_with_422(String url) {
        Reply reply = register(api, url);

        assertThat(reply.status()).as(reply.text()).isEqualTo(422);
        assertThat(reply.errorMessage()).startsWith("webhook.url is refused: the host ");
    }

    @Test
    void nothing_is_saved_for_a_refused_url() {
        long before = api.get("/webhooks").json().at("/pagination/total_entries").asLong();

        assertThat(register(api, "http://127.0.0.1/hooks").status()).isEqualTo(422);

        assertThat(api.get("/webhooks").json().at("/pagination/total_entries").asLong()).isEqualTo(before);
    }

    @Test
    void the_refusal_of_loopback_names_the_development_setting_but_link_local_has_no_way_round() {
        assertThat(register(api, "http://127.0.0.1/hooks").errorMessage())
                .isEqualTo("webhook.url is refused: the host is a loopback address; set "
                        + "OPENAGG_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true to allow loopback and private addresses for development");
        assertThat(register(api, "http://localhost/hooks").errorMessage())
                .startsWith("webhook.url is refused: the host resolves to a loopback address; set OPENAGG_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true");
        assertThat(register(api, "http://169.254.169.254/").errorMessage())
                .isEqualTo("webhook.url is refused: the host is a link-local or cloud metadata address, which webhooks may never reach");
    }

    @Test
    void a_webhook_cannot_be_moved_inside_by_an_update() {
        Reply created = register(api, "https://example.com/hooks");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        String guid = created.json().at("/webhook/guid").asText();

        Reply moved = api.put("/webhooks/" + guid, "{\"webhook\": {\"url\": \"http://[::ffff:10.0.0.1]/hooks\"}}");

        assertThat(moved.status()).isEqualTo(422);
        assertThat(moved.errorMessage()).contains("private-network address");
        assertThat(api.get("/webhooks/" + guid).json().at("/webhook/url").asText()).isEqualTo("https://example.com/hooks");
    }

    @Test
    void in_development_loopback_and_private_receivers_are_accepted_and_link_local_is_still_refused() {
        Api dev = development.api();

        assertThat(register(dev, "http://127.0.0.1:8080/hooks").status()).isEqualTo(200);
        assertThat(register(dev, "http://localhost:8080/hooks").status()).isEqualTo(200);
        assertThat(register(dev, "http://192.168.0.10/hooks").status()).isEqualTo(200);
        assertThat(register(dev, "http://[fd12::1]/hooks").status()).isEqualTo(200);
        for (String inside : new String[] {"http://169.254.169.254/", "http://[fe80::1]/", "http://[fd00:ec2::254]/",
                "http://0.0.0.0/", "http://224.0.0.1/"}) {
            Reply refused = register(dev, inside);
            assertThat(refused.status()).as(inside).isEqualTo(422);
            assertThat(refused.errorMessage()).as(inside).endsWith("which webhooks may never reach");
        }
    }
}
