package dev.openagg.limit;

import dev.openagg.api.ApiError;
import dev.openagg.api.Http;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds each client's authenticated requests to this node: wraps the authenticator, and answers a client over its
 * rate 429 with {@code Retry-After} (the time until its next request is allowed). Counted per node and in memory, so
 * with several nodes behind a balancer a client gets the rate once per node; a restart forgets the counts.
 */
public final class RequestRate implements Http.Authenticator {
    private final Http.Authenticator authenticator;
    private final ClientLimits limits;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RequestRate(Http.Authenticator authenticator, ClientLimits limits, Clock clock) {
        this.authenticator = authenticator;
        this.limits = limits;
        this.clock = clock;
    }

    /** The authenticator as it is when no rate is set, or rate-limited by client. */
    public static Http.Authenticator around(Http.Authenticator authenticator, ClientLimits limits, Clock clock) {
        return limits.requestsPerSecond() == 0 ? authenticator : new RequestRate(authenticator, limits, clock);
    }

    @Override
    public String authenticate(Http.Credentials request) {
        String client = authenticator.authenticate(request);
        Duration wait = buckets.computeIfAbsent(client, c -> new Bucket(limits.burst(), clock.instant()))
                .take(clock.instant(), limits);
        if (!wait.isZero()) {
            throw new ApiError.RetryLater(wait, "too many requests: this client may send " + limits.requestsPerSecond()
                    + " requests a second (bursts of " + limits.burst() + "); try again in "
                    + ApiError.RetryLater.seconds(wait) + " s");
        }
        return client;
    }

    /** A token bucket; a refused request takes no token, so a client that waits as told gets through. */
    private static final class Bucket {
        private double tokens;
        private Instant at;

        Bucket(int burst, Instant now) {
            this.tokens = burst;
            this.at = now;
        }

        /** Zero when a token was taken, else the time until one is there. */
        synchronized Duration take(Instant now, ClientLimits limits) {
            if (now.isAfter(at)) {
                double refilled = Duration.between(at, now).toNanos() / 1e9 * limits.requestsPerSecond();
                tokens = Math.min(limits.burst(), tokens + refilled);
                at = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) * 1e9 / limits.requestsPerSecond()));
        }
    }
}
