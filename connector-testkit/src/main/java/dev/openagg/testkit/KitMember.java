package dev.openagg.testkit;

import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.CredentialField;
import dev.openagg.connector.Guids;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobKind;
import dev.openagg.engine.MemberStatus;
import dev.openagg.engine.StartDecision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A member held in memory by a {@link ConnectorKit}: its guids, its credentials by field name and its status, kept
 * from one job to the next as the server keeps them, so that failed logins add up to PREVENTED and new credentials
 * clear them. Create one with {@link ConnectorKit#member}.
 */
public final class KitMember {
    private final KitEngine engine;
    private final String guid = Guids.next("MBR");
    private final String userGuid = Guids.next("USR");
    private final Map<String, String> credentials = new LinkedHashMap<>();
    private final List<ConnectionStatus> statuses = new ArrayList<>();
    private MemberStatus status = MemberStatus.created();
    private Map<String, String> kept = Map.of();

    KitMember(KitEngine engine, Map<String, String> credentials) {
        check(engine.connector().institution(), credentials, true);
        this.engine = engine;
        this.credentials.putAll(credentials);
        this.statuses.add(status.connectionStatus());
    }

    /** The member's guid ({@code MBR-...}), as the connector sees it in {@link dev.openagg.connector.JobContext}. */
    public String guid() {
        return guid;
    }

    /** The guid of the member's user ({@code USR-...}). */
    public String userGuid() {
        return userGuid;
    }

    /** The member's credentials by field name, as its connector receives them. */
    public Map<String, String> credentials() {
        return Map.copyOf(credentials);
    }

    /**
     * What the connector keeps for this member, as the server keeps it: replaced by a successful step's
     * {@code keep}, handed to every later job as {@code JobContext.kept()}, forgotten when the credentials change.
     */
    public Map<String, String> kept() {
        return kept;
    }

    void keep(Map<String, String> values) {
        kept = Map.copyOf(values);
    }

    /** The member's status as it stands now: connection status, flags, message, failed logins. */
    public MemberStatus status() {
        return status;
    }

    /** Every connection status the member has been in since it was created, oldest first, each change once. */
    public List<ConnectionStatus> statuses() {
        return List.copyOf(statuses);
    }

    /**
     * Starts a job of the kind named as its endpoint is ({@code "aggregate"}, {@code "verify"},
     * {@code "fetch_tax_documents"}, ...). See {@link #start(JobKind)}.
     *
     * @throws IllegalArgumentException when no job kind has that name
     */
    public JobRun start(String kind) {
        return start(JobKind.ofPath(kind).orElseThrow(() -> new IllegalArgumentException("no job kind \"" + kind
                + "\"; the kinds are " + Arrays.stream(JobKind.values()).map(JobKind::path)
                .collect(Collectors.joining(", ")))));
    }

    /**
     * Starts a job as the server does when a client asks for one, and runs its first step: the connector's
     * {@code start} has been called and its outcome applied when this returns. The start may be refused under the
     * server's rules (a kind the institution does not support, a member PREVENTED, a job already running); the
     * returned run then says so through {@link JobRun#expectRefused}.
     */
    public JobRun start(JobKind kind) {
        int first = statuses.size() - 1;
        StartDecision decision = engine.start(this, kind);
        String jobGuid = decision instanceof StartDecision.Started started ? started.transition().job().guid() : null;
        return new JobRun(engine, this, jobGuid, first, Refused.of(decision));
    }

    /**
     * Replaces the credentials given (field name to value; the others stay) as a client's update does: the member
     * shows UPDATED and earlier failed logins no longer count, so a PREVENTED member can start jobs again. The server
     * then starts an aggregation unless told to skip it; here, start it with {@link #start}.
     *
     * @throws IllegalArgumentException when a name is not a credential field of the institution or a value is empty
     * @throws IllegalStateException    while a job is running, as the server refuses the update then
     */
    public KitMember updateCredentials(Map<String, String> changed) {
        check(engine.connector().institution(), changed, false);
        engine.credentialsUpdated(this);
        credentials.putAll(changed);
        kept = Map.of();
        return this;
    }

    void moveTo(MemberStatus next) {
        if (next.connectionStatus() != status.connectionStatus()) {
            statuses.add(next.connectionStatus());
        }
        status = next;
    }

    /** The server's check of a member's credentials against the institution's login form, by field name. */
    private static void check(InstitutionInfo institution, Map<String, String> given, boolean complete) {
        List<String> fields = institution.credentials().stream().map(CredentialField::fieldName).toList();
        List<String> problems = new ArrayList<>();
        given.forEach((name, value) -> {
            if (!fields.contains(name)) {
                problems.add(name + " is not a credential field of " + institution.code());
            } else if (value == null || value.isEmpty()) {
                problems.add(name + " needs a value");
            }
        });
        if (complete) {
            fields.stream().filter(f -> !given.containsKey(f)).forEach(f -> problems.add(f + " is required"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the server would refuse these credentials (422): "
                    + String.join("; ", problems) + " (the fields are " + String.join(", ", fields) + ")");
        }
    }
}
