package dev.openagg.webhook;

import dev.openagg.api.ApiVersion;
import dev.openagg.api.Wire;
import dev.openagg.clock.ClientClocks;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobKind;
import dev.openagg.institution.Institutions;
import dev.openagg.member.Member;
import dev.openagg.member.MemberEvents;
import dev.openagg.member.MemberJson;
import dev.openagg.member.StatusMessages;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Turns member changes into webhook events with MX's payloads, written to the outbox with one pending delivery per
 * subscription, in the transaction of the change. {@link Deliverer} sends them afterwards.
 */
public final class Outbox implements MemberEvents {
    /** The statuses MX's CONNECTION_STATUS webhook reports: those the end user must act on. */
    static final Set<ConnectionStatus> ACTIONABLE = EnumSet.of(ConnectionStatus.CHALLENGED, ConnectionStatus.DENIED,
            ConnectionStatus.EXPIRED, ConnectionStatus.IMPAIRED, ConnectionStatus.IMPEDED, ConnectionStatus.LOCKED,
            ConnectionStatus.PREVENTED, ConnectionStatus.REJECTED);

    private final WebhookStore webhooks;
    private final Institutions institutions;
    private final ClientClocks clocks;

    /** Payloads tell times on the member's client's clock ({@code clocks}); deliveries fall due on the server's. */
    Outbox(WebhookStore webhooks, Institutions institutions, ClientClocks clocks) {
        this.webhooks = webhooks;
        this.institutions = institutions;
        this.clocks = clocks;
    }

    @Override
    public void statusChanged(Handle h, Member before, Member after) {
        write(h, after, "CONNECTION_STATUS", statusPayload(after), null,
                ACTIONABLE.contains(after.status().connectionStatus()));
    }

    /**
     * Sends the event of {@code type} for the member as it stands to every webhook subscribed to that type (a
     * sandbox's {@code webhooks} control): its status, its most recent job with no new data, or its record.
     */
    void fire(Handle h, Member member, String type) {
        switch (type) {
            case "CONNECTION_STATUS" -> write(h, member, type, statusPayload(member), null, true);
            case "AGGREGATION" -> jobFinished(h, member, member.status().mostRecentJobGuid(), JobKind.AGGREGATE, 0, 0, 0);
            case "MEMBER" -> memberChanged(h, member, Action.UPDATED, null);
            default -> throw new IllegalArgumentException("no webhook event type " + type);
        }
    }

    private Map<String, Object> statusPayload(Member after) {
        ConnectionStatus status = after.status().connectionStatus();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", "CHANGED");
        payload.put("connection_status", status.name());
        payload.put("connection_status_id", status.id());
        payload.put("connection_status_message", StatusMessages.of(after.status(), institution(after).name()));
        payload.put("member_guid", after.guid());
        payload.put("type", "CONNECTION_STATUS");
        payload.put("user_guid", after.userGuid());
        return payload;
    }

    @Override
    public void jobFinished(Handle h, Member member, String jobGuid, JobKind kind, int created, int updated,
                            int statements) {
        Instant now = clocks.of(h, member.clientId()).now();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", "member_data_updated");
        payload.put("completed_at", now.getEpochSecond());
        payload.put("completed_on", now.atZone(ZoneOffset.UTC).toLocalDate().toString());
        payload.put("is_background", isBackground(h, jobGuid));
        payload.put("job_guid", jobGuid);
        payload.put("member_guid", member.guid());
        if (kind == JobKind.STATEMENTS) {
            payload.put("statements_created_count", statements);
        }
        payload.put("transactions_created_count", created);
        payload.put("transactions_updated_count", updated);
        payload.put("type", type(kind));
        payload.put("user_guid", member.userGuid());
        payload.put("user_id", member.userId());
        write(h, member, "AGGREGATION", payload, null, true);
    }

    @Override
    public void memberChanged(Handle h, Member member, Action action, String callbackPayload) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", action.name());
        payload.put("callback_payload", callbackPayload);
        // Webhooks belong to no request's version; they carry the member as v20250224 has it, with its job's guid.
        payload.put("member", MemberJson.fields(member, institution(member), ApiVersion.V20250224));
        payload.put("type", "MEMBER");
        write(h, member, "MEMBER", payload, callbackPayload, true);
    }

    /** Whether the job was started by background aggregation, which claims each of its jobs in its own table. */
    private static boolean isBackground(Handle h, String jobGuid) {
        return jobGuid != null && h.createQuery("SELECT COUNT(*) FROM background_aggregation WHERE job_guid = :job")
                .bind("job", jobGuid).mapTo(Integer.class).one() > 0;
    }

    /** MX's AGGREGATION webhook types; kinds MX does not name get the name of their job. */
    static String type(JobKind kind) {
        return switch (kind) {
            case AGGREGATE -> "AGGREGATION";
            case BALANCE -> "BALANCE";
            case HISTORY -> "HISTORY";
            case STATEMENTS -> "STATEMENT";
            case IDENTITY -> "IDENTIFICATION";
            case VERIFICATION -> "VERIFICATION";
            case TAX_DOCUMENTS -> "TAX_DOCUMENT";
        };
    }

    private InstitutionInfo institution(Member member) {
        return institutions.find(member.institutionCode()).orElseThrow();
    }

    /** Records the event and a delivery for every subscriber; {@code toAll} false limits it to opted-in ones. */
    private void write(Handle h, Member member, String type, Map<String, Object> payload, String callback, boolean toAll) {
        String clientId = member.clientId();
        List<String> subscribers = webhooks.subscribed(h, clientId, type, !toAll);
        if (subscribers.isEmpty()) {
            return;
        }
        Instant now = clocks.base().instant();
        String eventId = Deliveries.addEvent(h, clientId, member.guid(), type, Wire.write(payload), callback, now);
        for (String webhook : subscribers) {
            Deliveries.add(h, webhook, eventId, member.guid(), now);
        }
    }
}
