package dev.openagg.api;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Function;

/**
 * A record named in a request's path. Routes name their parameters as MX's spec does: {@code {user_guid}} where
 * every version takes only the guid, {@code {user_identifier}} where v20250224 also takes the client's own
 * {@code id}. This is the one place that decides which a path parameter accepts.
 */
public record Identifier(String value, boolean idAllowed) {

    /** The path's identifier of {@code resource} ({@code user}, {@code member}, {@code account}...). */
    public static Identifier of(Context ctx, String resource) {
        String byIdentifier = ctx.pathParamMap().get(resource + "_identifier");
        if (byIdentifier != null) {
            return new Identifier(byIdentifier, ApiVersion.of(ctx) == ApiVersion.V20250224);
        }
        return new Identifier(ctx.pathParam(resource + "_guid"), false);
    }

    /** A guid alone, as internal callers and guid-only paths name records. */
    public static Identifier guid(String guid) {
        return new Identifier(guid, false);
    }

    /** The record whose guid is this value, or else, where allowed, the one whose {@code id} is. */
    public <T> Optional<T> find(Function<String, Optional<T>> byGuid, Function<String, Optional<T>> byId) {
        Optional<T> found = byGuid.apply(value);
        return found.isPresent() || !idAllowed ? found : byId.apply(value);
    }
}
