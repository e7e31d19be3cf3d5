package dev.openagg.webhook;

import dev.openagg.api.Page;
import dev.openagg.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Webhook subscriptions, scoped to their client. */
final class WebhookStore {
    private final Jdbi jdbi;

    WebhookStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<Webhook> find(String clientId, String guid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM webhook WHERE guid = :g AND client_id = :c")
                .bind("g", guid).bind("c", clientId).map((rs, c) -> map(rs)).findOne());
    }

    Page.Listing<Webhook> list(String clientId, Page page) {
        return jdbi.withHandle(h -> page.listing(
                h.createQuery("SELECT * FROM webhook WHERE client_id = :c ORDER BY seq LIMIT :l OFFSET :o")
                        .bind("c", clientId).bind("l", page.size()).bind("o", page.offset())
                        .map((rs, c) -> map(rs)).list(),
                h.createQuery("SELECT COUNT(*) FROM webhook WHERE client_id = :c").bind("c", clientId)
                        .mapTo(Long.class).one()));
    }

    /** The client's enabled subscriptions to {@code type}, inside the caller's transaction. */
    List<Webhook> subscribed(Handle h, String clientId, String type) {
        return h.createQuery("SELECT * FROM webhook WHERE client_id = :c AND enabled = TRUE ORDER BY seq")
                .bind("c", clientId).map((rs, c) -> map(rs)).stream()
                .filter(w -> w.eventTypes().contains(type))
                .toList();
    }

    void insert(Webhook w) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO webhook (guid, client_id, url, event_types, all_connection_statuses, enabled, username,
                          password, secret, created_at, updated_at)
                        VALUES (:guid, :clientId, :url, :types, :allConnectionStatuses, :enabled, :username, :password,
                          :secret, :createdAt, :updatedAt)""")
                .bindMethods(w).bind("types", String.join(",", w.eventTypes())).execute());
    }

    void update(Webhook w) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE webhook SET url = :url, event_types = :types, all_connection_statuses = :allConnectionStatuses,
                          enabled = :enabled, username = :username, password = :password, updated_at = :updatedAt
                        WHERE guid = :guid""")
                .bindMethods(w).bind("types", String.join(",", w.eventTypes())).execute());
    }

    boolean delete(String clientId, String guid) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM webhook WHERE guid = :g AND client_id = :c")
                .bind("g", guid).bind("c", clientId).execute()) == 1;
    }

    static Webhook map(ResultSet rs) throws SQLException {
        return new Webhook(rs.getString("guid"), rs.getString("client_id"), rs.getString("url"),
                Arrays.asList(rs.getString("event_types").split(",")), rs.getBoolean("all_connection_statuses"),
                rs.getBoolean("enabled"), rs.getString("username"), rs.getString("password"), rs.getString("secret"),
                Database.instant(rs, "created_at"), Database.instant(rs, "updated_at"));
    }
}
