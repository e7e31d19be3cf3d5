package dev.openagg.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The consent page's form, read from its URL-encoded body by hand: the web framework's own form reading also parses
 * multipart bodies, and a malformed one would fail inside it instead of being refused as bad input.
 */
final class ConsentForm {
    private ConsentForm() {
    }

    /** The value of {@code name} in a URL-encoded {@code body}; empty for another content type or a malformed body. */
    static Optional<String> field(String contentType, String body, String name) {
        if (contentType == null || body == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Optional.empty();
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return Optional.of(URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
