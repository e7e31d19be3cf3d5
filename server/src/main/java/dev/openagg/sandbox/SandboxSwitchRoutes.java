package dev.openagg.sandbox;

import dev.openagg.api.ApiError;
import dev.openagg.api.Http;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code OPENAGG_SANDBOX=false}: every path under {@code /sandbox} answers 404, as a path the server does not have.
 * One guard on the prefix rather than a check per route, so routes added under {@code /sandbox} by any feature are
 * switched off with the rest.
 */
public final class SandboxSwitchRoutes implements Http.Routes {
    /** The prefix every sandbox route lives under. */
    public static final String PREFIX = "/sandbox";

    private final boolean enabled;

    public SandboxSwitchRoutes(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void register(RoutesConfig routes) {
        if (!enabled) {
            routes.before(PREFIX, SandboxSwitchRoutes::refuse);
            routes.before(PREFIX + "/*", SandboxSwitchRoutes::refuse);
        }
    }

    private static void refuse(Context ctx) {
        throw new ApiError(404, "no such endpoint: " + ctx.method() + " " + ctx.path());
    }
}
