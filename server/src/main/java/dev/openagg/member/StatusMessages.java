package dev.openagg.member;

import dev.openagg.connector.ConnectionStatus;
import dev.openagg.engine.MemberStatus;

/** The end-user messages MX shows for each connection status. */
public final class StatusMessages {
    private StatusMessages() {
    }

    /** The institution's own message for the member's status when it gave one, MX's standard message otherwise. */
    public static String of(MemberStatus status, String institutionName) {
        return status.message() != null ? status.message() : of(status.connectionStatus(), institutionName);
    }

    public static String of(ConnectionStatus status, String institutionName) {
        return switch (status) {
            case CREATED -> "Connecting to " + institutionName + "...";
            case PREVENTED -> "The last 3 attempts to connect have failed. Please re-enter your credentials to continue importing data.";
            case DENIED -> "The credentials entered do not match your credentials at this institution. Please re-enter your credentials to continue importing data.";
            case CHALLENGED -> "To authenticate your connection to " + institutionName + ", please answer the following challenge(s).";
            case REJECTED -> "The answer or answers provided were incorrect. Please try again.";
            case LOCKED -> "Your account is locked. Please log in to the appropriate website for " + institutionName + " and follow the steps to resolve the issue.";
            case CONNECTED -> "Connected to " + institutionName + ".";
            case IMPEDED -> "Your attention is needed at this institution's website. Please log in to the appropriate website for " + institutionName + " and follow the steps to resolve the issue.";
            case RECONNECTED -> "Reconnecting to " + institutionName + "...";
            case DEGRADED -> "We are upgrading this connection. Please try again later.";
            case DISCONNECTED -> "It looks like your data from " + institutionName + " cannot be imported. We are working to resolve the issue.";
            case DISCONTINUED -> "Connections to this institution are no longer supported.";
            case CLOSED -> "This connection has been closed.";
            case DELAYED -> "Importing your data from " + institutionName + " may take a while. Please check back later.";
            case FAILED -> "There was a problem validating your credentials with " + institutionName + ". Please try again later.";
            case UPDATED -> "Connecting to " + institutionName + "...";
            case DISABLED -> "Importing data from this institution has been disabled. Please contact us if you believe it has been disabled in error.";
            case IMPORTED -> "You must re-authenticate before your data can be imported.";
            case RESUMED -> "Connecting to " + institutionName + "...";
            case EXPIRED -> "The answer or answers were not provided in time. Please try again.";
            case IMPAIRED -> "You must re-authenticate before your data can be imported. Please enter your credentials for " + institutionName + ".";
            case PENDING -> "Please finish signing in to " + institutionName + ".";
        };
    }
}
