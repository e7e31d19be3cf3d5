package dev.openagg.oauth;

import dev.openagg.member.ConsentWindows;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the browser goes once the end user has chosen, as MX's OAuth does: to {@code client_redirect_url} with
 * {@code status}, {@code member_guid} and (on an error) {@code error_reason} added to its query; for an app without
 * one, to {@code <ui_message_webview_url_scheme>://oauth_complete} with the same; in a browser, nowhere (the page
 * posts the result to the window that opened it).
 */
final class Landing {
    private Landing() {
    }

    /** The URL to redirect to, or null when the page should post its result to its opener instead. */
    static String of(ConsentWindows.Options options, Consent.Decision.Made made) {
        String base;
        if (options.clientRedirectUrl() != null) {
            base = options.clientRedirectUrl();
        } else if (options.referralSource().equals("APP")) {
            base = options.uiMessageWebviewUrlScheme() + "://oauth_complete";
        } else {
            return null;
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", made.status());
        query.put("member_guid", made.member().guid());
        if (made.errorReason() != null) {
            query.put("error_reason", made.errorReason());
        }
        String added = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        int hash = base.indexOf('#');
        String fragment = hash < 0 ? "" : base.substring(hash);
        String path = hash < 0 ? base : base.substring(0, hash);
        return path + (path.contains("?") ? "&" : "?") + added + fragment;
    }
}
