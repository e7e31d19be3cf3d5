package dev.openagg.api;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;

/** Accept-header negotiation: MX's vendor types (v1 and the v20250224 beta), their plain equivalents, or anything. */
final class ContentTypes {
    private static final Set<String> JSON = Set.of("*/*", "application/*", "application/json", Wire.JSON_TYPE,
            ApiVersion.BETA_JSON_TYPE);
    private static final Set<String> PDF = Set.of("*/*", "application/*", "application/pdf", Wire.PDF_TYPE,
            "application/json", Wire.JSON_TYPE, ApiVersion.BETA_JSON_TYPE);

    private ContentTypes() {
    }

    static void requireAcceptable(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null || accept.isBlank()) {
            return;
        }
        Set<String> producible = ctx.path().endsWith(".pdf") ? PDF : JSON;
        for (String part : accept.split(",")) {
            String type = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (producible.contains(type)) {
                return;
            }
        }
        throw new ApiError(406, "cannot produce " + accept + "; send Accept: "
                + (producible == PDF ? Wire.PDF_TYPE : Wire.JSON_TYPE));
    }
}
