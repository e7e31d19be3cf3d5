package dev.openagg.requestlog;

import static java.sql.Types.INTEGER;
import static java.sql.Types.TIMESTAMP_WITH_TIMEZONE;
import static java.sql.Types.VARCHAR;

import dev.openagg.api.Page;
import dev.openagg.db.Database;
import dev.openagg.db.RowInserts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** The {@code request_log} table: written in batches, read per client, pruned by age. */
final class RequestLogStore {
    private static final String COLUMNS = "client_id, request_id, requested_at, method, path, query, status, "
            + "duration_ms, user_guid, member_guid, request_body, response_body";

    /** Plain JDBC multi-row inserts: binding each entry through JDBI's reflection cost more than storing it. */
    private static final RowInserts INSERT = new RowInserts("request_log", List.of(COLUMNS.split(", ")),
            new int[] {VARCHAR, VARCHAR, TIMESTAMP_WITH_TIMEZONE, VARCHAR, VARCHAR, VARCHAR, INTEGER, INTEGER, VARCHAR,
                VARCHAR, VARCHAR, VARCHAR});

    /** Request ids looked up per query. */
    private static final int IDS_PER_QUERY = 500;

    private final Jdbi jdbi;

    RequestLogStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(List<LoggedRequest> entries) {
        jdbi.useTransaction(h -> INSERT.insert(h, entries.stream().map(RequestLogStore::row).toList()));
    }

    private static Object[] row(LoggedRequest e) {
        return new Object[] {e.clientId(), e.requestId(), e.requestedAt().atOffset(ZoneOffset.UTC), e.method(), e.path(),
            e.query(), e.status(), e.durationMs(), e.userGuid(), e.memberGuid(), e.requestBody(), e.responseBody()};
    }

    /** What {@code GET /requests} may narrow the list to; null for no condition. */
    record Filter(String memberGuid, String userGuid, Integer status, Instant from, Instant to) {
        String where() {
            return " WHERE client_id = :client" + (memberGuid == null ? "" : " AND member_guid = :member")
                    + (userGuid == null ? "" : " AND user_guid = :user") + (status == null ? "" : " AND status = :status")
                    + (from == null ? "" : " AND requested_at >= :from") + (to == null ? "" : " AND requested_at < :to");
        }

        <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bind(T statement, String client) {
            statement.bind("client", client);
            if (memberGuid != null) {
                statement.bind("member", memberGuid);
            }
            if (userGuid != null) {
                statement.bind("user", userGuid);
            }
            if (status != null) {
                statement.bind("status", status.intValue());
            }
            if (from != null) {
                statement.bind("from", from);
            }
            if (to != null) {
                statement.bind("to", to);
            }
            return statement;
        }
    }

    /** Newest first. */
    Page.Listing<LoggedRequest> list(String client, Filter filter, Page page) {
        return jdbi.withHandle(h -> {
            long total = filter.bind(h.createQuery("SELECT COUNT(*) FROM request_log" + filter.where()), client)
                    .mapTo(Long.class).one();
            Query query = filter.bind(h.createQuery("SELECT " + COLUMNS + " FROM request_log" + filter.where()
                    + " ORDER BY requested_at DESC, seq DESC LIMIT :limit OFFSET :offset"), client);
            List<LoggedRequest> items = query.bind("limit", page.size()).bind("offset", page.offset())
                    .map((rs, c) -> read(rs)).list();
            return page.listing(items, total);
        });
    }

    /** The client's latest request with this id (a client may send the same id twice). */
    Optional<LoggedRequest> find(String client, String requestId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM request_log WHERE client_id = :client"
                        + " AND request_id = :id ORDER BY requested_at DESC, seq DESC LIMIT 1")
                .bind("client", client).bind("id", requestId).map((rs, c) -> read(rs)).findOne());
    }

    /**
     * The oldest request with each of these ids that named the member, by id, found by the {@code (client_id,
     * request_id)} index. There is no index led by the member: entries of many members interleave, and on H2 each
     * one would change a page of its own in it. {@code GET /requests?member_guid=} reads the index by client and
     * time, which ends with the member's guid, without visiting the rows.
     */
    Map<String, LoggedRequest> named(String client, String memberGuid, Collection<String> requestIds) {
        List<String> ids = List.copyOf(requestIds);
        Map<String, LoggedRequest> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            jdbi.useHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM request_log WHERE client_id = :client"
                            + " AND request_id IN (<ids>) AND member_guid = :member ORDER BY requested_at, seq")
                    .bind("client", client).bind("member", memberGuid).bindList("ids", chunk)
                    .map((rs, c) -> read(rs)).forEach(r -> found.putIfAbsent(r.requestId(), r)));
        }
        return found;
    }

    /** Removes what is older than {@code cutoff}; returns how many. */
    int prune(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM request_log WHERE requested_at < :cutoff")
                .bind("cutoff", cutoff).execute());
    }

    private static LoggedRequest read(ResultSet rs) throws SQLException {
        return new LoggedRequest(rs.getString("client_id"), rs.getString("request_id"),
                Database.instant(rs, "requested_at"), rs.getString("method"), rs.getString("path"),
                rs.getString("query"), rs.getInt("status"), rs.getInt("duration_ms"), rs.getString("user_guid"),
                rs.getString("member_guid"), rs.getString("request_body"), rs.getString("response_body"));
    }
}
