package dev.openagg.engine;

import dev.openagg.connector.ConnectionStatus;
import java.time.Instant;

/**
 * Where a member stands with its institution: the fields MX reports on the member and on its status endpoint,
 * the count of failed logins in a row that leads to PREVENTED, and the institution's own message for an error
 * status (null for MX's standard message).
 */
public record MemberStatus(
        ConnectionStatus connectionStatus,
        boolean isBeingAggregated,
        boolean isAuthenticated,
        Instant aggregatedAt,
        Instant successfullyAggregatedAt,
        boolean hasProcessedAccounts,
        boolean hasProcessedTransactions,
        boolean hasProcessedAccountNumbers,
        int failedLogins,
        String mostRecentJobGuid,
        String message) {

    public static MemberStatus created() {
        return new MemberStatus(ConnectionStatus.CREATED, false, false, null, null, false, false, false, 0, null, null);
    }

    /** A new OAuth member: it waits for the end user's consent at the institution, and no job runs. */
    public static MemberStatus pending() {
        return new MemberStatus(ConnectionStatus.PENDING, false, false, null, null, false, false, false, 0, null, null);
    }

    /**
     * The end user authorised access on the institution's consent page: the member is CONNECTED before any job
     * runs (as MX shows it), and earlier failures no longer count.
     */
    public MemberStatus authorized() {
        return new MemberStatus(ConnectionStatus.CONNECTED, false, true, aggregatedAt, successfullyAggregatedAt,
                hasProcessedAccounts, hasProcessedTransactions, hasProcessedAccountNumbers, 0, mostRecentJobGuid, null);
    }

    /**
     * The end user refused consent (DENIED) or the institution's consent page failed (FAILED): no job ran, so the
     * aggregation times stay as they were.
     */
    public MemberStatus consentRefused(ConnectionStatus status, String refusal) {
        return new MemberStatus(status, false, false, aggregatedAt, successfullyAggregatedAt, hasProcessedAccounts,
                hasProcessedTransactions, hasProcessedAccountNumbers, failedLogins, mostRecentJobGuid, refusal);
    }

    /**
     * A job has started: it runs, and has not logged in yet. A member that ended in an error shows RECONNECTED
     * while it tries again; CREATED, UPDATED and CONNECTED stay as they are.
     */
    public MemberStatus jobStarted(String jobGuid) {
        ConnectionStatus shown = switch (connectionStatus) {
            case CREATED, UPDATED, CONNECTED -> connectionStatus;
            default -> ConnectionStatus.RECONNECTED;
        };
        return new MemberStatus(shown, true, false, aggregatedAt, successfullyAggregatedAt,
                hasProcessedAccounts, hasProcessedTransactions, hasProcessedAccountNumbers, failedLogins, jobGuid, null);
    }

    /** The job goes on (CHALLENGED, RESUMED, DELAYED): still aggregating, not yet authenticated. */
    public MemberStatus inProgress(ConnectionStatus status) {
        return new MemberStatus(status, true, false, aggregatedAt, successfullyAggregatedAt, hasProcessedAccounts,
                hasProcessedTransactions, hasProcessedAccountNumbers, failedLogins, mostRecentJobGuid, null);
    }

    /** The job has ended with this status and, when the institution gave one, its message. */
    public MemberStatus ended(ConnectionStatus status, Instant at, int failedLoginsNow, String endMessage) {
        return new MemberStatus(status, false, false, at, successfullyAggregatedAt, hasProcessedAccounts,
                hasProcessedTransactions, hasProcessedAccountNumbers, failedLoginsNow, mostRecentJobGuid, endMessage);
    }

    /** The job has logged in and brought its data back. */
    public MemberStatus connected(Instant at, boolean accounts, boolean transactions, boolean accountNumbers) {
        return new MemberStatus(ConnectionStatus.CONNECTED, false, true, at, at, hasProcessedAccounts || accounts,
                hasProcessedTransactions || transactions, hasProcessedAccountNumbers || accountNumbers, 0,
                mostRecentJobGuid, null);
    }

    /** New credentials: any earlier failures no longer count. */
    public MemberStatus credentialsUpdated() {
        return new MemberStatus(ConnectionStatus.UPDATED, isBeingAggregated, false, aggregatedAt,
                successfullyAggregatedAt, hasProcessedAccounts, hasProcessedTransactions, hasProcessedAccountNumbers,
                0, mostRecentJobGuid, null);
    }
}
