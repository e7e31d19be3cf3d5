package dev.openagg.widget;

import dev.openagg.api.Wire;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.job.ChallengeJson;
import dev.openagg.job.JobEngine;
import dev.openagg.member.Member;
import dev.openagg.engine.MemberStatus;
import dev.openagg.member.StatusMessages;
import java.util.List;

/**
 * The widget API's own replies: the session, and a member as the page needs it (status, the end-user message and
 * the open challenges in MX's challenge shape). Institutions, credentials and accounts use MX's shapes unchanged.
 */
final class WidgetJson {
    private WidgetJson() {
    }

    record Session(String guid, String userGuid, String widgetType, String mode, String colorScheme,
                   String institutionCode, String memberGuid, String expiresAt, boolean isMobileWebview,
                   String oauthReferralSource) {
    }

    record SessionBody(Session session) {
    }

    record MemberView(String guid, String userGuid, String institutionCode, String institutionName,
                      String connectionStatus, int connectionStatusId, String connectionStatusMessage,
                      boolean isAuthenticated, boolean isBeingAggregated, List<ChallengeJson.Wire> challenges,
                      boolean isOauth, String oauthWindowUri) {
    }

    record MemberBody(MemberView member) {
    }

    static SessionBody session(WidgetSession s) {
        WidgetSession.Settings settings = s.settings();
        return new SessionBody(new Session(s.guid(), s.userGuid(), settings.widgetType(), settings.mode().wireName(),
                settings.colorScheme(), settings.institutionCode(), s.memberGuid(), Wire.time(s.expiresAt()),
                settings.oauth().mobileWebview(), settings.oauth().referralSource()));
    }

    /** The member; {@code oauthWindowUri} is its consent page's URI when one was just opened, else null. */
    static MemberBody member(JobEngine.View view, InstitutionInfo institution, String oauthWindowUri) {
        Member m = view.member();
        MemberStatus status = m.status();
        ConnectionStatus connection = status.connectionStatus();
        // MX's end-user message for the status; an OAuth member's own message (a refused or revoked consent) is
        // already written for the end user, while a credential institution's is for the client.
        String message = institution.supportsOauth() ? StatusMessages.of(status, institution.name())
                : StatusMessages.of(connection, institution.name());
        return new MemberBody(new MemberView(m.guid(), m.userGuid(), m.institutionCode(), institution.name(),
                connection.name(), connection.id(), message,
                status.isAuthenticated(), status.isBeingAggregated(), ChallengeJson.list(view.challenges()),
                institution.supportsOauth(), oauthWindowUri));
    }
}
