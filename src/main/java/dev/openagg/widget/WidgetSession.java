package dev.openagg.widget;

import java.time.Instant;

/** A widget opened for one user: what the client asked for and the member the end user is connecting. */
record WidgetSession(String tokenHash, String clientId, String userGuid, String widgetType, String mode,
                     String colorScheme, String institutionCode, String memberGuid, Instant sessionExpiresAt) {
}
