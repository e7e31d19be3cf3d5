package dev.openagg.user;

import dev.openagg.api.Identifier;
import dev.openagg.api.Page;
import dev.openagg.connector.Guids;
import dev.openagg.db.Database;
import dev.openagg.db.DropHarvestForeignKeys;
import dev.openagg.limit.Quotas;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Users, always scoped to the client that owns them. */
public final class UserStore {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Quotas quotas;

    public UserStore(Jdbi jdbi, Clock clock, Quotas quotas) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.quotas = quotas;
    }

    public Optional<User> find(String clientId, String guid) {
        return findBy("guid", clientId, guid);
    }

    /** The user a path names, by guid or (where the path allows it) by the client's own id. */
    public Optional<User> find(String clientId, Identifier user) {
        return user.find(guid -> findBy("guid", clientId, guid), id -> findBy("id", clientId, id));
    }

    private Optional<User> findBy(String column, String clientId, String value) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM app_user WHERE " + column + " = :value AND client_id = :client")
                .bind("value", value)
                .bind("client", clientId)
                .map((rs, c) -> map(rs))
                .findOne());
    }

    /** The filters of {@code GET /users}; null means not filtered. */
    public record Filter(String id, String email, Boolean isDisabled) {
    }

    public Page.Listing<User> list(String clientId, Filter filter, Page page) {
        String where = " WHERE client_id = :client"
                + (filter.id() != null ? " AND id = :id" : "")
                + (filter.email() != null ? " AND email = :email" : "")
                + (filter.isDisabled() != null ? " AND is_disabled = :disabled" : "");
        return jdbi.withHandle(h -> {
            long total = bindFilter(h.createQuery("SELECT COUNT(*) FROM app_user" + where), clientId, filter)
                    .mapTo(Long.class).one();
            var users = bindFilter(h.createQuery("SELECT * FROM app_user" + where
                    + " ORDER BY seq LIMIT :limit OFFSET :offset"), clientId, filter)
                    .bind("limit", page.size())
                    .bind("offset", page.offset())
                    .map((rs, c) -> map(rs))
                    .list();
            return page.listing(users, total);
        });
    }

    private static Query bindFilter(Query query, String clientId, Filter filter) {
        query.bind("client", clientId);
        if (filter.id() != null) {
            query.bind("id", filter.id());
        }
        if (filter.email() != null) {
            query.bind("email", filter.email());
        }
        if (filter.isDisabled() != null) {
            query.bind("disabled", filter.isDisabled());
        }
        return query;
    }

    /**
     * Inserts a user; empty when another user of the client already has its {@code id}. Over the client's quota of
     * users it throws the 422.
     */
    public Optional<User> create(String clientId, String id, String email, boolean isDisabled, String metadata) {
        Instant now = clock.instant();
        User user = new User(Guids.next("USR"), clientId, id, email, isDisabled, metadata, now, now);
        return saving(h -> {
            quotas.checkUsers(h, clientId);
            if (id != null && idTaken(h, clientId, id, user.guid())) {
                return Optional.empty();
            }
            h.createUpdate("""
                            INSERT INTO app_user (guid, client_id, id, email, is_disabled, metadata, created_at, updated_at)
                            VALUES (:guid, :clientId, :id, :email, :isDisabled, :metadata, :createdAt, :updatedAt)""")
                    .bindMethods(user)
                    .execute();
            return Optional.of(user);
        });
    }

    /** Saves changed fields; empty when the new {@code id} belongs to another user of the client. */
    public Optional<User> update(User changed) {
        User user = new User(changed.guid(), changed.clientId(), changed.id(), changed.email(), changed.isDisabled(),
                changed.metadata(), changed.createdAt(), clock.instant());
        return saving(h -> {
            if (user.id() != null && idTaken(h, user.clientId(), user.id(), user.guid())) {
                return Optional.empty();
            }
            h.createUpdate("""
                            UPDATE app_user SET id = :id, email = :email, is_disabled = :isDisabled, metadata = :metadata,
                            updated_at = :updatedAt WHERE guid = :guid""")
                    .bindMethods(user)
                    .execute();
            // Each member row carries its user's id (V28), read by every member lookup.
            h.createUpdate("UPDATE member SET user_id = :id WHERE user_guid = :guid AND user_id IS DISTINCT FROM :id")
                    .bind("id", user.id())
                    .bind("guid", user.guid())
                    .execute();
            return Optional.of(user);
        });
    }

    /**
     * Deletes the user and, by cascade, its members and everything below them but their transactions and holdings,
     * which have no foreign keys (V29) and are deleted next, after the cascade has taken each member's row and with
     * it the lock a job step holds while it stores the member's data (see {@code MemberStore.delete}).
     */
    public boolean delete(String clientId, String guid) {
        return jdbi.inTransaction(h -> {
            if (h.createUpdate("DELETE FROM app_user WHERE guid = :guid AND client_id = :client")
                    .bind("guid", guid)
                    .bind("client", clientId)
                    .execute() != 1) {
                return false;
            }
            for (String table : DropHarvestForeignKeys.TABLES) {
                h.createUpdate("DELETE FROM " + table + " WHERE user_guid = :guid").bind("guid", guid).execute();
            }
            return true;
        });
    }

    /** Runs a write in a transaction; a concurrent writer that took the same {@code id} first also means empty. */
    private Optional<User> saving(HandleCallback<Optional<User>, RuntimeException> write) {
        try {
            return jdbi.inTransaction(write);
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean idTaken(Handle h, String clientId, String id, String exceptGuid) {
        return h.createQuery("SELECT COUNT(*) FROM app_user WHERE client_id = :client AND id = :id AND guid <> :guid")
                .bind("client", clientId)
                .bind("id", id)
                .bind("guid", exceptGuid)
                .mapTo(Long.class).one() > 0;
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(rs.getString("guid"), rs.getString("client_id"), rs.getString("id"), rs.getString("email"),
                rs.getBoolean("is_disabled"), rs.getString("metadata"), Database.instant(rs, "created_at"),
                Database.instant(rs, "updated_at"));
    }
}
