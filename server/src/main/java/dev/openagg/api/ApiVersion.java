package dev.openagg.api;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * The dated version of MX's Platform API a request speaks, resolved once at the edge ({@link Http}) and kept on the
 * request. Each resource's wire mapping renders for a version; everything else (MFA, status codes, pagination,
 * errors) is the same in both.
 */
public enum ApiVersion {
    /** MX's original version, chosen by {@code Accept: application/vnd.mx.api.v1+json} (or nothing). */
    V20111101("v20111101", Wire.JSON_TYPE),
    /** MX's current version, chosen by {@code Accept-Version: v20250224}; replies are plain {@code application/json}. */
    V20250224("v20250224", "application/json");

    /** What a request without {@code Accept-Version} or a beta {@code Accept} gets, as before versions existed. */
    public static final ApiVersion DEFAULT = V20111101;
    /** The media type MX's integrations sent for the new version before {@code Accept-Version} existed. */
    public static final String BETA_JSON_TYPE = "application/vnd.mx.api.v2beta+json";
    static final String HEADER = "Accept-Version";
    private static final String ATTRIBUTE = "openagg.apiVersion";

    private final String name;
    private final String mediaType;

    ApiVersion(String name, String mediaType) {
        this.name = name;
        this.mediaType = mediaType;
    }

    /** The version's name as sent in {@code Accept-Version}, {@code v20250224}. */
    public String headerValue() {
        return name;
    }

    /** The {@code Content-Type} of this version's JSON replies. */
    public String mediaType() {
        return mediaType;
    }

    /** The version the request resolved to; the default for routes outside the API (health, widget pages). */
    public static ApiVersion of(Context ctx) {
        ApiVersion version = ctx.attribute(ATTRIBUTE);
        return version == null ? DEFAULT : version;
    }

    /** Resolves the request's version and keeps it on the request; an unknown {@code Accept-Version} is a 406. */
    static void resolve(Context ctx) {
        ctx.attribute(ATTRIBUTE, select(ctx.header(HEADER), ctx.header("Accept")));
    }

    /** {@code Accept-Version} wins when present; otherwise MX's beta media type in {@code Accept} means v20250224. */
    static ApiVersion select(String acceptVersion, String accept) {
        if (acceptVersion != null && !acceptVersion.isBlank()) {
            String wanted = acceptVersion.trim().toLowerCase(Locale.ROOT);
            for (ApiVersion v : values()) {
                if (v.name.equals(wanted)) {
                    return v;
                }
            }
            throw new ApiError(406, "unknown API version " + acceptVersion.trim() + "; send Accept-Version: "
                    + V20250224.name + " or " + V20111101.name);
        }
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains(BETA_JSON_TYPE)) {
            return V20250224;
        }
        return DEFAULT;
    }
}
