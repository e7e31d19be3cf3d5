package dev.openagg.widget;

import java.time.Instant;

/**
 * An opened widget: the user it serves, what the client asked for, and the member the end user is connecting
 * (which a reload of the page picks up again). {@code guid} names the session to the embedding page.
 */
record WidgetSession(String guid, String secretHash, String clientId, String userGuid, Settings settings,
                     String memberGuid, Instant expiresAt) {

    /** What the client asked for when it requested the URL. */
    record Settings(String widgetType, Mode mode, String colorScheme, String institutionCode, OAuthReturn oauth) {
    }

    /**
     * How an OAuth institution's consent page is shown and left, from MX's options: in a pop-up, or in the same
     * view for a mobile web view; afterwards it posts to the widget ({@code BROWSER}) or goes to
     * {@code clientRedirectUrl} or {@code <scheme>://oauth_complete} ({@code APP}).
     */
    record OAuthReturn(boolean mobileWebview, String referralSource, String clientRedirectUrl, String scheme) {
    }
}
