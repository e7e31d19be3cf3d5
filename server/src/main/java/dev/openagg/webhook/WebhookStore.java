package dev.openagg.webhook;

import dev.openagg.api.Page;
import dev.openagg.db.Database;
import dev.openagg.secret.Keyring;
import dev.openagg.secret.SecretColumn;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Webhook subscriptions, scoped to their client. The password and the signing secret are stored encrypted
 * ({@link SecretColumn#WEBHOOK_PASSWORD}, {@link SecretColumn#WEBHOOK_SECRET}).
 */
final class WebhookStore {
    private final Jdbi jdbi;
    private final Keyring keyring;

    WebhookStore(Jdbi jdbi, Keyring keyring) {
        this.jdbi = jdbi;
        this.keyring = keyring;
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

    private record Subscription(String guid, List<String> eventTypes, boolean allConnectionStatuses) {
    }

    /**
     * The guids of the client's enabled subscriptions to {@code type}, inside the caller's transaction; with
     * {@code onlyAllStatuses}, only of those that asked for every status change. Their secrets are not read.
     */
    List<String> subscribed(Handle h, String clientId, String type, boolean onlyAllStatuses) {
        return h.createQuery("""
                        SELECT guid, event_types, all_connection_statuses FROM webhook
                        WHERE client_id = :c AND enabled = TRUE ORDER BY seq""")
                .bind("c", clientId)
                .map((rs, c) -> new Subscription(rs.getString("guid"), Arrays.asList(rs.getString("event_types")
                        .split(",")), rs.getBoolean("all_connection_statuses")))
                .stream()
                .filter(s -> s.eventTypes().contains(type) && (!onlyAllStatuses || s.allConnectionStatuses()))
                .map(Subscription::guid)
                .toList();
    }

    void insert(Webhook w) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO webhook (guid, client_id, url, event_types, all_connection_statuses, enabled, username,
                          password, secret, created_at, updated_at)
                        VALUES (:guid, :clientId, :url, :types, :allConnectionStatuses, :enabled, :username, :password,
                          :secret, :createdAt, :updatedAt)""")
                .bindMethods(w).bind("types", String.join(",", w.eventTypes())).bind("password", sealedPassword(w))
                .bind("secret", keyring.seal(SecretColumn.WEBHOOK_SECRET.aad(w.guid()), w.secret())).execute());
    }

    void update(Webhook w) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE webhook SET url = :url, event_types = :types, all_connection_statuses = :allConnectionStatuses,
                          enabled = :enabled, username = :username, password = :password, updated_at = :updatedAt
                        WHERE guid = :guid""")
                .bindMethods(w).bind("types", String.join(",", w.eventTypes())).bind("password", sealedPassword(w))
                .execute());
    }

    private String sealedPassword(Webhook w) {
        return keyring.seal(SecretColumn.WEBHOOK_PASSWORD.aad(w.guid()), w.password());
    }

    boolean delete(String clientId, String guid) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM webhook WHERE guid = :g AND client_id = :c")
                .bind("g", guid).bind("c", clientId).execute()) == 1;
    }

    private Webhook map(ResultSet rs) throws SQLException {
        String guid = rs.getString("guid");
        return new Webhook(guid, rs.getString("client_id"), rs.getString("url"),
                Arrays.asList(rs.getString("event_types").split(",")), rs.getBoolean("all_connection_statuses"),
                rs.getBoolean("enabled"), rs.getString("username"),
                keyring.open(SecretColumn.WEBHOOK_PASSWORD.aad(guid), rs.getString("password")),
                keyring.open(SecretColumn.WEBHOOK_SECRET.aad(guid), rs.getString("secret")),
                Database.instant(rs, "created_at"), Database.instant(rs, "updated_at"));
    }
}
