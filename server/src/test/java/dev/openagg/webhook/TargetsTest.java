package dev.openagg.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The address policy, with a resolver the test controls. */
class TargetsTest {
    private static final Map<String, String> NAMES = Map.of(
            "inside.test", "10.1.2.3",
            "mixed.test", "8.8.8.8,127.0.0.1",
            "metadata.test", "169.254.169.254",
            "outside.test", "8.8.4.4");

    private static Targets targets(boolean allowPrivateNetworks) {
        return new Targets(allowPrivateNetworks, host -> {
            String addresses = NAMES.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> found = new java.util.ArrayList<>();
            for (String address : addresses.split(",")) {
                found.add(InetAddress.getByName(address));
            }
            return found;
        });
    }

    @Test
    void a_loopback_host_is_refused_with_a_pointer_to_the_development_setting() {
        assertThat(targets(false).refusal(URI.create("http://0x7f000001:8080/hooks")))
                .hasValue("the host is a loopback address; set OPENAGG_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true to allow "
                        + "loopback and private addresses for development");
    }

    @Test
    void a_name_resolving_to_a_private_address_is_refused() {
        assertThat(targets(false).refusal(URI.create("https://inside.test/hooks")))
                .hasValueSatisfying(why -> assertThat(why).startsWith("the host resolves to a private-network address"));
    }

    @Test
    void a_name_with_any_address_inside_is_refused_even_if_another_is_public() {
        assertThat(targets(false).refusal(URI.create("https://mixed.test/hooks")))
                .hasValueSatisfying(why -> assertThat(why).startsWith("the host resolves to a loopback address"));
    }

    @Test
    void public_hosts_and_names_that_do_not_resolve_yet_are_accepted() {
        assertThat(targets(false).refusal(URI.create("https://outside.test/hooks"))).isEmpty();
        assertThat(targets(false).refusal(URI.create("https://8.8.8.8/hooks"))).isEmpty();
        assertThat(targets(false).refusal(URI.create("https://not-yet.test/hooks"))).isEmpty();
    }

    @Test
    void the_development_setting_opens_loopback_and_private_ranges_only() throws Exception {
        Targets dev = targets(true);

        assertThat(dev.refusal(URI.create("http://127.0.0.1:9000/hooks"))).isEmpty();
        assertThat(dev.refusal(URI.create("http://[::1]:9000/hooks"))).isEmpty();
        assertThat(dev.refusal(URI.create("http://inside.test/hooks"))).isEmpty();
        assertThat(dev.refusal(URI.create("http://[fd12::1]/hooks"))).isEmpty();
        assertThat(dev.refusal(URI.create("http://169.254.169.254/latest/meta-data")))
                .hasValue("the host is a link-local or cloud metadata address, which webhooks may never reach");
        assertThat(dev.refusal(URI.create("http://metadata.test/"))).isPresent();
        assertThat(dev.refusal(URI.create("http://[fe80::1]/"))).isPresent();
        assertThat(dev.refusal(URI.create("http://0.0.0.0/"))).isPresent();
        assertThat(dev.refusal(URI.create("http://224.0.0.1/"))).isPresent();
        assertThat(dev.addresses("inside.test").addresses()).containsExactly(InetAddress.getByName("10.1.2.3"));
    }

    @Test
    void a_host_that_is_neither_an_address_nor_a_name_is_refused() {
        assertThat(targets(true).refusal(URI.create("http://0x1ffffffff/"))).isPresent();
        assertThat(targets(true).refusal(URI.create("http://0999.1/"))).isPresent();
        assertThatThrownBy(() -> targets(true).addresses("[fe80::1%25eth0]")).isInstanceOf(Targets.Refused.class);
    }
}
