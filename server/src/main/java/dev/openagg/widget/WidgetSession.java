package dev.openagg.widget;

import java.time.Instant;

/**
 * An opened widget: the user it serves, what the client asked for, and the member the end user is connecting
 * (which a reload of the page picks up again). {@code guid} names the session to the embedding page.
 */
record WidgetSession(String guid, String secretHash, String clientId, String userGuid, Settings settings,
                     String memberGuid, Instant expiresAt) {

    /** What the client asked for when it requested the URL. */
    record Settings(String widgetType, Mode mode, String colorScheme, String institutionCode) {
    }
}
