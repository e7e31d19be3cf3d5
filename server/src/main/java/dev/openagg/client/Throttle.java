package dev.openagg.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down guessing of API keys. Failed attempts are counted in two token buckets:
 * <ul>
 * <li>per source address (an IPv6 address by its /64): {@link #ADDRESS} allows a burst of 10 failures, then one
 * more every 6 seconds; an address out of tokens is refused outright;</li>
 * <li>per client id: {@link #CLIENT} allows 20 failures, then one every 3 seconds, against guessing spread over
 * many addresses. An empty client bucket refuses only addresses that have themselves failed for that client id in
 * the last {@link #MARK_FOR}: an attacker elsewhere cannot lock the real client out, and an address of the real
 * client that mistyped its key waits at most that long, however long the attack goes on.</li>
 * </ul>
 * A refusal says how long to wait, which is never more than one refill. Successes are never counted, and the
 * caller lets credentials it has already verified through before asking here, so the right key, once seen, is
 * never refused at all. Unknown and known client ids are counted alike, so the throttle tells nothing about which
 * ids exist. State is per node and bounded: the least recently touched entries are forgotten first. Other bearer
 * secrets (the widget's sessions) use it by address alone, with a null client id.
 */
public final class Throttle {
    record Bucket(int burst, Duration refill) {
    }

    static final Bucket ADDRESS = new Bucket(10, Duration.ofSeconds(6));
    static final Bucket CLIENT = new Bucket(20, Duration.ofSeconds(3));
    static final Duration MARK_FOR = Duration.ofMinutes(15);
    private static final int REMEMBERED = 100_000;

    private final Clock clock;
    private final Map<String, Tokens> addresses = bounded();
    private final Map<String, Tokens> clients = bounded();
    private final Map<String, Instant> marks = bounded();

    public Throttle(Clock clock) {
        this.clock = clock;
    }

    /** How long an attempt from {@code address} for {@code clientId} (null when unreadable) must wait, if at all. */
    public synchronized Optional<Duration> wait(String address, String clientId) {
        Instant now = clock.instant();
        String source = source(address);
        Tokens byAddress = addresses.get(source);
        if (byAddress != null && !byAddress.available(now, ADDRESS)) {
            return Optional.of(byAddress.until(now, ADDRESS));
        }
        if (clientId == null) {
            return Optional.empty();
        }
        Tokens byClient = clients.get(clientId);
        Instant marked = marks.get(clientId + "\n" + source);
        boolean failedHere = marked != null && now.isBefore(marked.plus(MARK_FOR));
        if (byClient != null && failedHere && !byClient.available(now, CLIENT)) {
            return Optional.of(byClient.until(now, CLIENT));
        }
        return Optional.empty();
    }

    /** Counts a failed attempt: wrong credentials, or credentials that could not be read. */
    public synchronized void failed(String address, String clientId) {
        Instant now = clock.instant();
        String source = source(address);
        addresses.computeIfAbsent(source, s -> new Tokens(ADDRESS, now)).take(now, ADDRESS);
        if (clientId != null) {
            clients.computeIfAbsent(clientId, c -> new Tokens(CLIENT, now)).take(now, CLIENT);
            marks.put(clientId + "\n" + source, now);
        }
    }

    /** The address as counted: IPv4 whole, IPv6 by its /64, which one subscriber usually holds entirely. */
    private static String source(String address) {
        if (address.indexOf(':') < 0 && !address.matches("[0-9.]+")) {
            return address; // not an address literal (a socket's peer always is): counted as given, never looked up
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 16) {
                for (int i = 8; i < 16; i++) {
                    bytes[i] = 0;
                }
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > REMEMBERED;
            }
        };
    }

    /** A token bucket: one token per failure allowed, refilled one per {@code refill} up to {@code burst}. */
    private static final class Tokens {
        private double tokens;
        private Instant at;

        Tokens(Bucket bucket, Instant now) {
            this.tokens = bucket.burst();
            this.at = now;
        }

        private void refill(Instant now, Bucket bucket) {
            if (now.isAfter(at)) {
                tokens = Math.min(bucket.burst(), tokens + (double) Duration.between(at, now).toNanos() / bucket.refill().toNanos());
                at = now;
            }
        }

        boolean available(Instant now, Bucket bucket) {
            refill(now, bucket);
            return tokens >= 1;
        }

        void take(Instant now, Bucket bucket) {
            refill(now, bucket);
            tokens = Math.max(0, tokens - 1);
        }

        /** Time until the next token. */
        Duration until(Instant now, Bucket bucket) {
            refill(now, bucket);
            return Duration.ofNanos((long) Math.ceil((1 - tokens) * bucket.refill().toNanos()));
        }
    }
}
