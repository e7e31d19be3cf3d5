package dev.openagg.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What kind of network an address belongs to, and the host spellings that are addresses in disguise. Resolvers
 * (the C library's among them) read {@code 2130706433}, {@code 0x7f.1} and {@code 0177.0.0.1} as 127.0.0.1, so a
 * check that only knew dotted quads would be walked around.
 */
final class Addresses {
    /** The kinds of address; only {@link #PUBLIC} is reachable by webhooks unless private networks are allowed. */
    enum Kind {
        PUBLIC("a public"),
        LOOPBACK("a loopback"),
        PRIVATE("a private-network"),
        UNIQUE_LOCAL("a unique-local IPv6"),
        LINK_LOCAL("a link-local or cloud metadata"),
        MULTICAST("a multicast"),
        UNSPECIFIED("an unspecified"),
        RESERVED("a reserved");

        final String description;

        Kind(String description) {
            this.description = description;
        }

        /** Loopback and private ranges, which {@code OPENAGG_WEBHOOK_ALLOW_PRIVATE_NETWORKS} opens for development. */
        boolean isPrivate() {
            return this == LOOPBACK || this == PRIVATE || this == UNIQUE_LOCAL;
        }
    }

    /** fd00:ec2::254, the IPv6 address of one cloud's instance metadata service. */
    private static final byte[] AWS_METADATA_V6 = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};

    private Addresses() {
    }

    /**
     * The address a URL's host names without any lookup: an IPv6 literal in brackets, or an IPv4 address in any form
     * {@code inet_aton} accepts (one to four parts, each decimal, octal with a leading 0, or hexadecimal with 0x).
     * Empty for a DNS name. A host that looks numeric but is out of range is an {@link UnknownHostException}.
     */
    static Optional<InetAddress> literal(String host) throws UnknownHostException {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.startsWith("[") && h.endsWith("]")) {
            String inner = h.substring(1, h.length() - 1);
            if (!inner.matches("[0-9A-Fa-f:.]+")) {
                throw new UnknownHostException("not an IPv6 address");
            }
            return Optional.of(InetAddress.getByName(inner));
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length > 4 || !Arrays.stream(parts).allMatch(p -> p.matches("(?i)0x[0-9a-f]*|[0-9]+"))) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = number(parts[i]);
        }
        return Optional.of(InetAddress.getByAddress(ipv4(values)));
    }

    private static long number(String part) throws UnknownHostException {
        String p = part.toLowerCase(Locale.ROOT);
        try {
            if (p.startsWith("0x")) {
                return p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
            }
            if (p.length() > 1 && p.startsWith("0")) {
                return Long.parseLong(p.substring(1), 8);
            }
            return Long.parseLong(p);
        } catch (NumberFormatException e) {
            throw new UnknownHostException("not an IPv4 address");
        }
    }

    /** The four bytes of {@code inet_aton}'s forms: the last part fills all the bytes the others leave. */
    private static byte[] ipv4(long[] parts) throws UnknownHostException {
        long value = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i] > 255) {
                throw new UnknownHostException("not an IPv4 address");
            }
            value |= parts[i] << (8 * (3 - i));
        }
        long last = parts[parts.length - 1];
        if (last >= 1L << (8 * (4 - (parts.length - 1)))) {
            throw new UnknownHostException("not an IPv4 address");
        }
        value |= last;
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    static Kind kind(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return kind4(b, 0);
        }
        if (address instanceof Inet6Address) {
            return kind6(b);
        }
        return Kind.RESERVED;
    }

    private static Kind kind4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        if (a0 == 0) {
            return Kind.UNSPECIFIED;
        }
        if (a0 == 100 && a1 == 100 && (b[at + 2] & 0xff) == 100 && (b[at + 3] & 0xff) == 200) {
            return Kind.LINK_LOCAL; // a cloud's metadata service outside 169.254/16, treated like those inside
        }
        if (a0 == 127) {
            return Kind.LOOPBACK;
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168) || (a0 == 100 && (a1 & 0xc0) == 64)) {
            return Kind.PRIVATE;
        }
        if (a0 == 169 && a1 == 254) {
            return Kind.LINK_LOCAL;
        }
        if ((a0 & 0xf0) == 224) {
            return Kind.MULTICAST;
        }
        if ((a0 & 0xf0) == 240 || (a0 == 192 && a1 == 0 && (b[at + 2] & 0xff) == 0) || (a0 == 198 && (a1 & 0xfe) == 18)) {
            return Kind.RESERVED;
        }
        return Kind.PUBLIC;
    }

    private static Kind kind6(byte[] b) {
        if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return kind4(b, 12); // IPv4-mapped, ::ffff:a.b.c.d
        }
        if (zero(b, 0, 15)) {
            return b[15] == 0 ? Kind.UNSPECIFIED : b[15] == 1 ? Kind.LOOPBACK : Kind.RESERVED;
        }
        if (zero(b, 0, 12)) {
            return Kind.RESERVED; // IPv4-compatible, ::a.b.c.d: deprecated, never routed
        }
        int first = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        if (first == 0x0064 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return zero(b, 4, 12) ? kind4(b, 12) : Kind.PRIVATE; // NAT64: the well-known prefix, or a local one
        }
        if (first == 0x2002) {
            return kind4(b, 2); // 6to4 carries the IPv4 address after its prefix
        }
        if (first == 0x2001 && b[2] == 0 && b[3] == 0) {
            return Kind.RESERVED; // Teredo hides its IPv4 address; nothing a webhook needs
        }
        if ((first & 0xffc0) == 0xfe80) {
            return Kind.LINK_LOCAL;
        }
        if ((first & 0xffc0) == 0xfec0) {
            return Kind.PRIVATE; // the deprecated site-local range
        }
        if (Arrays.equals(b, AWS_METADATA_V6)) {
            return Kind.LINK_LOCAL; // a cloud's metadata service in unique-local space, treated like fe80::/10
        }
        if ((first & 0xfe00) == 0xfc00) {
            return Kind.UNIQUE_LOCAL;
        }
        if ((first & 0xff00) == 0xff00) {
            return Kind.MULTICAST;
        }
        return Kind.PUBLIC;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
