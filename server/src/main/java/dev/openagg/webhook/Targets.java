package dev.openagg.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Where webhooks may be sent. A receiver must be on a public address: a URL naming, or resolving to, a loopback,
 * private, unique-local, link-local (cloud metadata), multicast, unspecified or reserved address would let a client
 * probe the server's own network and read what answered in the delivery log. The check is made at registration
 * and again on every delivery, on the addresses the connection then uses, so a name that later resolves inside is
 * refused too. {@code allowPrivateNetworks} (for development) opens loopback and private ranges only.
 */
final class Targets {
    static final String SETTING = "OPENAGG_WEBHOOK_ALLOW_PRIVATE_NETWORKS";

    private final boolean allowPrivateNetworks;
    private final Resolver resolver;

    /** Looks a DNS name up; tests replace it to make a name move. */
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    Targets(boolean allowPrivateNetworks) {
        this(allowPrivateNetworks, host -> List.of(InetAddress.getAllByName(host)));
    }

    Targets(boolean allowPrivateNetworks, Resolver resolver) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = resolver;
    }

    /** Thrown when a receiver's address is not allowed; its message says why, without the address itself. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Why a URL may not be registered, if it may not: its host is, or now resolves to, an address outside what is
     * allowed. A name that does not resolve yet is accepted; deliveries check it again.
     */
    Optional<String> refusal(URI url) {
        if (url.getHost() == null) {
            return Optional.of("the URL has no host");
        }
        try {
            addresses(url.getHost());
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A host's addresses, and whether the host was an IP address itself rather than a name. */
    record Resolved(List<InetAddress> addresses, boolean literal) {
    }

    /**
     * The addresses to connect to for {@code host}, every one of them allowed; an IP literal in any spelling is
     * taken as it is, a name is resolved now.
     */
    Resolved addresses(String host) throws UnknownHostException, Refused {
        Optional<InetAddress> literal;
        try {
            literal = Addresses.literal(host);
        } catch (UnknownHostException e) {
            throw new Refused("the host is neither a valid IP address nor a DNS name");
        }
        // "name." is the same name as "name" in DNS, but the hosts file knows only the latter
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        List<InetAddress> found = literal.isPresent() ? List.of(literal.get()) : resolver.resolve(name);
        for (InetAddress address : found) {
            check(address, literal.isPresent());
        }
        return new Resolved(found, literal.isPresent());
    }

    private void check(InetAddress address, boolean literal) throws Refused {
        Addresses.Kind kind = Addresses.kind(address);
        if (kind == Addresses.Kind.PUBLIC || (allowPrivateNetworks && kind.isPrivate())) {
            return;
        }
        String message = "the host " + (literal ? "is " : "resolves to ") + kind.description + " address";
        throw new Refused(kind.isPrivate()
                ? message + "; set " + SETTING + "=true to allow loopback and private addresses for development"
                : message + ", which webhooks may never reach");
    }
}
