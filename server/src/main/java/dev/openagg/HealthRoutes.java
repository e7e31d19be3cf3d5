package dev.openagg;

import dev.openagg.api.Http;
import dev.openagg.db.Database;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** {@code GET /health}: 200 while the server and its database answer, 503 otherwise. No credentials needed. */
final class HealthRoutes implements Http.Routes {
    private final Database database;

    HealthRoutes(Database database) {
        this.database = database;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/health", ctx -> {
            if (database.isUp()) {
                Http.json(ctx, 200, Map.of("status", "ok"));
            } else {
                Http.error(ctx, 503, "the database is unavailable");
            }
        });
    }
}
