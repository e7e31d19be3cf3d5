package dev.openagg.account;

import dev.openagg.api.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * A filtered, paged read of one kind of record, scoped to a user. Conditions are fixed SQL fragments with named
 * parameters; values are always bound, never spliced in.
 */
final class Listing {
    private final String select;
    private final String count;
    private final String order;
    private final StringBuilder where = new StringBuilder();
    private final Map<String, Object> params = new LinkedHashMap<>();

    Listing(String table, String select, String order, String userGuid) {
        this.select = select;
        this.count = "SELECT COUNT(*) FROM " + table + " x";
        this.order = order;
        and("x.user_guid = :user", "user", userGuid);
    }

    Listing and(String condition, String name, Object value) {
        where.append(where.isEmpty() ? " WHERE " : " AND ").append(condition);
        params.put(name, value);
        return this;
    }

    boolean has(String name) {
        return params.containsKey(name);
    }

    /** A bound value, or null when the listing has no such condition. */
    Object param(String name) {
        return params.get(name);
    }

    Page.Listing<Map<String, Object>> page(Jdbi jdbi, Page page, RowMapper<Map<String, Object>> mapper) {
        return jdbi.withHandle(h -> {
            long total = bind(h.createQuery(count + where)).mapTo(Long.class).one();
            List<Map<String, Object>> rows = bind(h.createQuery(select + where + " ORDER BY " + order
                    + " LIMIT :limit OFFSET :offset"))
                    .bind("limit", page.size()).bind("offset", page.offset())
                    .map(mapper).list();
            return page.listing(rows, total);
        });
    }

    Optional<Map<String, Object>> one(Jdbi jdbi, RowMapper<Map<String, Object>> mapper) {
        return jdbi.withHandle(h -> bind(h.createQuery(select + where)).map(mapper).findOne());
    }

    private Query bind(Query query) {
        params.forEach(query::bind);
        return query;
    }
}
