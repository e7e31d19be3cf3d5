package dev.openagg.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.api.Wire;
import dev.openagg.db.Database;
import dev.openagg.requestlog.LoggedRequest;
import dev.openagg.requestlog.RequestLog;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A member's timeline, oldest first, put together from what is already recorded: the events the recorder wrote as
 * transitions were applied, the webhook deliveries about the member with their attempts, and the request log (which
 * names the request behind an entry with a request id). Entries at the same time keep the order they were written.
 */
public final class Timeline {
    private final Jdbi jdbi;
    private final RequestLog requests;

    public Timeline(Jdbi jdbi, RequestLog requests) {
        this.jdbi = jdbi;
        this.requests = requests;
    }

    /** One entry: when, what, the request behind it if one was, and what the kind of entry tells. */
    public record Entry(String at, String kind, String jobGuid, String requestId, RequestJson request,
                        JsonNode detail) {
    }

    /** The request an entry came from, as the request log has it. */
    public record RequestJson(String method, String path, int status) {
    }

    List<Entry> of(String client, String memberGuid) {
        List<Timed> all = new ArrayList<>();
        List<EventRow> events = jdbi.withHandle(h -> {
            all.addAll(deliveries(h, client, memberGuid));
            return events(h, memberGuid);
        });
        Set<String> requestIds = events.stream().map(EventRow::requestId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<String, LoggedRequest> logged = requests.named(client, memberGuid, requestIds);
        events.forEach(e -> all.add(e.timed(logged.get(e.requestId()))));
        all.sort(Comparator.comparing(Timed::at).thenComparing(Timed::order));
        return all.stream().map(Timed::entry).toList();
    }

    private record Timed(Instant at, long order, Entry entry) {
    }

    /** A row of {@code member_event}, before the request it names is looked up in the request log. */
    private record EventRow(long seq, Instant at, String kind, String jobGuid, String requestId, String detail) {
        Timed timed(LoggedRequest request) {
            return new Timed(at, seq, new Entry(Wire.time(at), kind, jobGuid, requestId, request == null ? null
                    : new RequestJson(request.method(), request.path(), request.status()), tree(detail)));
        }
    }

    private static List<EventRow> events(Handle h, String memberGuid) {
        return h.createQuery("SELECT seq, job_guid, kind, happened_at, request_id, detail FROM member_event"
                        + " WHERE member_guid = :m ORDER BY seq")
                .bind("m", memberGuid)
                .map((rs, c) -> new EventRow(rs.getLong("seq"), Database.instant(rs, "happened_at"), rs.getString("kind"),
                        rs.getString("job_guid"), rs.getString("request_id"), rs.getString("detail")))
                .list();
    }

    /** Deliveries sort after the events of the same second: an event is what queued them. */
    private static List<Timed> deliveries(Handle h, String client, String memberGuid) {
        List<Timed> found = h.createQuery("""
                        SELECT d.guid, d.seq, d.webhook_guid, d.status, d.created_at, e.type, e.id
                        FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
                        JOIN webhook w ON w.guid = d.webhook_guid
                        WHERE d.member_guid = :m AND w.client_id = :c ORDER BY d.seq""")
                .bind("m", memberGuid).bind("c", client)
                .map((rs, c) -> {
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("delivery_guid", rs.getString("guid"));
                    detail.put("webhook_guid", rs.getString("webhook_guid"));
                    detail.put("event_id", rs.getString("id"));
                    detail.put("event_type", rs.getString("type"));
                    detail.put("status", rs.getString("status"));
                    Instant at = Database.instant(rs, "created_at");
                    return new Timed(at, Long.MAX_VALUE / 2 + rs.getLong("seq"),
                            new Entry(Wire.time(at), "WEBHOOK_DELIVERY", null, null, null, Wire.MAPPER.valueToTree(detail)));
                }).list();
        for (Timed t : found) {
            String guid = t.entry().detail().get("delivery_guid").asText();
            List<Map<String, Object>> attempts = h.createQuery("""
                            SELECT attempt, attempted_at, http_status, error, duration_ms FROM webhook_attempt
                            WHERE delivery_guid = :g ORDER BY attempt""")
                    .bind("g", guid)
                    .map((rs, c) -> {
                        Map<String, Object> attempt = new LinkedHashMap<>();
                        attempt.put("attempt", rs.getInt("attempt"));
                        attempt.put("attempted_at", Wire.time(Database.instant(rs, "attempted_at")));
                        attempt.put("http_status", rs.getObject("http_status"));
                        attempt.put("error", rs.getString("error"));
                        attempt.put("duration_ms", rs.getInt("duration_ms"));
                        return attempt;
                    }).list();
            ((com.fasterxml.jackson.databind.node.ObjectNode) t.entry().detail()).set("attempts",
                    Wire.MAPPER.valueToTree(attempts));
        }
        return found;
    }

    private static JsonNode tree(String json) {
        try {
            return Wire.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
