package dev.openagg.member;

import dev.openagg.api.Problems;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/** Opens the consent page of an OAuth member (the OAuth feature implements it). */
public interface ConsentWindows {

    /**
     * Records a new one-time consent URI for the member, inside the caller's transaction; any earlier URI of the
     * member stops working. Returns the URI.
     */
    String open(Handle h, Member member, Options options);

    /**
     * MX's options for the consent page, from the member's creation or {@code GET .../oauth_window_uri}: where the
     * browser goes afterwards and whether the member aggregates once authorised. {@code origin} is where the client
     * reached this server, so the URI works from there. {@code referralSource} is {@code BROWSER} (the page posts
     * its result to the window that opened it) or {@code APP} (it redirects to {@code clientRedirectUrl}, or to
     * {@code <uiMessageWebviewUrlScheme>://oauth_complete}).
     */
    record Options(String origin, String referralSource, String clientRedirectUrl, String uiMessageWebviewUrlScheme,
                   boolean enableApp2app, boolean skipAggregation) {
        public static final int MAX_URL = 2048;
        private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]{0,31}");
        /** Schemes that would run code or read files in the end user's browser instead of going somewhere. */
        private static final Set<String> UNSAFE = Set.of("javascript", "data", "vbscript", "file", "blob", "about");

        /** The options as sent ({@code prefix} names where, for errors), each checked; 422 naming every bad one. */
        public static Options checked(String prefix, String origin, String referralSource, String clientRedirectUrl,
                                      String scheme, Boolean enableApp2app, Boolean skipAggregation) {
            Problems problems = new Problems().maxLength(prefix + "client_redirect_url", clientRedirectUrl, MAX_URL);
            String source = referralSource == null ? "BROWSER" : referralSource.toUpperCase(Locale.ROOT);
            problems.require(source.equals("BROWSER") || source.equals("APP"),
                    prefix + "referral_source must be BROWSER or APP");
            problems.require(clientRedirectUrl == null || clientRedirectUrl.length() > MAX_URL
                            || redirectable(clientRedirectUrl),
                    prefix + "client_redirect_url must be an absolute URL (https://..., or your app's own scheme)");
            problems.require(scheme == null || (SCHEME.matcher(scheme).matches()
                            && !UNSAFE.contains(scheme.toLowerCase(Locale.ROOT))),
                    prefix + "ui_message_webview_url_scheme must be a URL scheme such as myapp");
            problems.throwIfAny();
            return new Options(origin, source, clientRedirectUrl, scheme == null ? "mx" : scheme,
                    enableApp2app == null || enableApp2app, skipAggregation != null && skipAggregation);
        }

        private static boolean redirectable(String url) {
            try {
                URI uri = new URI(url);
                return uri.isAbsolute() && SCHEME.matcher(uri.getScheme()).matches()
                        && !UNSAFE.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                        && !url.chars().anyMatch(Character::isWhitespace);
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
