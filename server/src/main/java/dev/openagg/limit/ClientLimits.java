package dev.openagg.limit;

/**
 * What one API client may do, all off (0) by default. {@code requestsPerSecond} and {@code requestBurst} bound the
 * authenticated API requests a client sends to one node (a token bucket: a burst of {@code requestBurst}, refilled
 * at {@code requestsPerSecond}); {@code usersPerClient} and {@code membersPerUser} bound the objects it keeps, counted
 * in the database, so they hold across nodes. MX's development environment allows 100 users and 25 members per user.
 */
public record ClientLimits(int requestsPerSecond, int requestBurst, int usersPerClient, int membersPerUser) {
    public ClientLimits {
        if (requestsPerSecond < 0 || requestBurst < 0 || usersPerClient < 0 || membersPerUser < 0) {
            throw new IllegalArgumentException("limits cannot be negative (0 turns one off)");
        }
    }

    public static ClientLimits none() {
        return new ClientLimits(0, 0, 0, 0);
    }

    /** The burst a rate allows: as set, or one second's worth when not set. */
    public int burst() {
        return requestBurst > 0 ? requestBurst : requestsPerSecond;
    }

    public ClientLimits withRate(int perSecond, int burst) {
        return new ClientLimits(perSecond, burst, usersPerClient, membersPerUser);
    }

    public ClientLimits withQuotas(int users, int membersEach) {
        return new ClientLimits(requestsPerSecond, requestBurst, users, membersEach);
    }
}
