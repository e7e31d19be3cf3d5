package dev.openagg.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openagg.webhook.Addresses.Kind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every spelling of an address a URL's host can take, and the kind of network each lands in. */
class AddressesTest {

    private static Kind kindOf(String host) throws UnknownHostException {
        InetAddress address = Addresses.literal(host).orElseThrow(() -> new AssertionError(host + " is not a literal"));
        return Addresses.kind(address);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, LOOPBACK",
            "127.1, LOOPBACK",
            "127.0.1, LOOPBACK",
            "2130706433, LOOPBACK",
            "0x7f000001, LOOPBACK",
            "0X7F.0.0.1, LOOPBACK",
            "0x7f.1, LOOPBACK",
            "0177.0.0.1, LOOPBACK",
            "017700000001, LOOPBACK",
            "127.0.0.1., LOOPBACK",
            "127.255.255.254, LOOPBACK",
            "[::1], LOOPBACK",
            "[0:0:0:0:0:0:0:1], LOOPBACK",
            "[::ffff:127.0.0.1], LOOPBACK",
            "[::ffff:7f00:1], LOOPBACK",
            "[0:0:0:0:0:ffff:7f00:0001], LOOPBACK",
            "[64:ff9b::7f00:1], LOOPBACK",
            "[2002:7f00:1::], LOOPBACK",
            "169.254.169.254, LINK_LOCAL",
            "2852039166, LINK_LOCAL",
            "0xa9fea9fe, LINK_LOCAL",
            "0251.0376.0251.0376, LINK_LOCAL",
            "169.254.43518, LINK_LOCAL",
            "[::ffff:169.254.169.254], LINK_LOCAL",
            "[::ffff:a9fe:a9fe], LINK_LOCAL",
            "[fe80::1], LINK_LOCAL",
            "[febf::1], LINK_LOCAL",
            "[fd00:ec2::254], LINK_LOCAL",
            "100.100.100.200, LINK_LOCAL",
            "10.0.0.1, PRIVATE",
            "012.0.0.1, PRIVATE",
            "167772161, PRIVATE",
            "172.16.0.1, PRIVATE",
            "172.31.255.255, PRIVATE",
            "192.168.1.1, PRIVATE",
            "0xc0.0xa8.1.1, PRIVATE",
            "100.64.0.1, PRIVATE",
            "[::ffff:10.0.0.1], PRIVATE",
            "[fec0::1], PRIVATE",
            "[fc00::1], UNIQUE_LOCAL",
            "[fd12:3456:789a::1], UNIQUE_LOCAL",
            "224.0.0.1, MULTICAST",
            "239.255.255.250, MULTICAST",
            "[ff02::1], MULTICAST",
            "0.0.0.0, UNSPECIFIED",
            "0, UNSPECIFIED",
            "0x0, UNSPECIFIED",
            "0.1.2.3, UNSPECIFIED",
            "[::], UNSPECIFIED",
            "255.255.255.255, RESERVED",
            "4294967295, RESERVED",
            "240.0.0.1, RESERVED",
            "[::127.0.0.1], RESERVED",
            "[2001::1], RESERVED",
            "8.8.8.8, PUBLIC",
            "134744072, PUBLIC",
            "172.32.0.1, PUBLIC",
            "100.128.0.1, PUBLIC",
            "[2001:4860:4860::8888], PUBLIC",
            "[64:ff9b::808:808], PUBLIC",
            "[::ffff:8.8.8.8], PUBLIC"
    })
    void each_spelling_is_read_as_the_address_it_means(String host, Kind kind) throws UnknownHostException {
        assertThat(kindOf(host)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0} is a name")
    @ValueSource(strings = {"example.com", "localhost", "deadbeef", "1.2.3.4.5", "127.0.0.1.nip.io", "0x7f.example"})
    void names_are_left_to_the_resolver(String host) throws UnknownHostException {
        assertThat(Addresses.literal(host)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"256.0.0.1", "1.2.3.256", "1.2.65536", "4294967296", "08.0.0.1", "0x1ffffffff",
            "[fe80::1%25eth0]", "[::1%lo]", "[not:v6]"})
    void numbers_out_of_range_are_not_addresses_at_all(String host) {
        assertThatThrownBy(() -> Addresses.literal(host)).isInstanceOf(UnknownHostException.class);
    }
}
