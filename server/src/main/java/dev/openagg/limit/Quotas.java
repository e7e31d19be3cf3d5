package dev.openagg.limit;

import dev.openagg.api.ApiError;
import org.jdbi.v3.core.Handle;

/**
 * The object quotas of {@link ClientLimits}, checked inside the transaction that creates the object: the owner's
 * row is locked first, so concurrent creates for one owner (on any node) are counted one after another and cannot
 * together pass the quota. Over a quota is a 422 naming it.
 */
public final class Quotas {
    private final ClientLimits limits;

    public Quotas(ClientLimits limits) {
        this.limits = limits;
    }

    /** Refuses a new user when the client already has its quota of users. */
    public void checkUsers(Handle h, String clientId) {
        check(h, limits.usersPerClient(), "SELECT client_id FROM api_client WHERE client_id = :owner FOR UPDATE",
                "SELECT COUNT(*) FROM app_user WHERE client_id = :owner", clientId, "user limit reached: a client",
                "users");
    }

    /** Refuses a new member when the user already has its quota of members. */
    public void checkMembers(Handle h, String userGuid) {
        check(h, limits.membersPerUser(), "SELECT guid FROM app_user WHERE guid = :owner FOR UPDATE",
                "SELECT COUNT(*) FROM member WHERE user_guid = :owner", userGuid, "member limit reached: a user",
                "members");
    }

    /** Locks the owner's row, so creates for it queue here, then counts what it already has. */
    private static void check(Handle h, int max, String lock, String count, String owner, String who, String what) {
        if (max == 0) {
            return;
        }
        h.createQuery(lock).bind("owner", owner).mapTo(String.class).findOne();
        long has = h.createQuery(count).bind("owner", owner).mapTo(Long.class).one();
        if (has >= max) {
            throw ApiError.unprocessable(who + " may have at most " + max + " " + what + "; delete one before "
                    + "creating another");
        }
    }
}
