package dev.openagg.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.api.ApiError;
import dev.openagg.api.Http;
import dev.openagg.api.Page;
import dev.openagg.institution.Institutions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * {@code /sandbox/institutions}: test institutions a client scripts for itself (docs/scenarios.md). The body is a
 * scenario document, {@code {"institution": {...}}}; a scenario with mistakes is a 422 naming each with its JSON
 * path. Another client's institution is a 404, as if it did not exist.
 */
public final class SandboxRoutes implements Http.Routes {
    private static final String PATH = "/sandbox/institutions";

    private final SandboxInstitutions sandbox;
    private final Institutions institutions;

    public SandboxRoutes(SandboxInstitutions sandbox, Institutions institutions) {
        this.sandbox = sandbox;
        this.institutions = institutions;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, ctx -> reply(ctx, sandbox.register(Http.client(ctx), body(ctx),
                code -> institutions.clash(code, sandbox))));
        routes.get(PATH, ctx -> {
            Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
            List<JsonNode> all = sandbox.documents(Http.client(ctx));
            Http.json(ctx, 200, Map.of("institutions", page.slice(all).stream().map(d -> d.get("institution"))
                    .toList(), "pagination", page.pagination(all.size())));
        });
        routes.get(PATH + "/{code}", ctx -> Http.json(ctx, 200, sandbox.document(Http.client(ctx), code(ctx))
                .orElseThrow(() -> ApiError.notFound("institution"))));
        routes.put(PATH + "/{code}", ctx -> reply(ctx, sandbox.replace(Http.client(ctx), code(ctx), body(ctx),
                code -> institutions.clash(code, sandbox))));
        routes.delete(PATH + "/{code}", ctx -> {
            if (!sandbox.delete(Http.client(ctx), code(ctx))) {
                throw ApiError.notFound("institution");
            }
            Http.noContent(ctx);
        });
    }

    private static String code(Context ctx) {
        return ctx.pathParam("code");
    }

    private static JsonNode body(Context ctx) {
        String raw = ctx.body();
        if (raw.isBlank()) {
            throw ApiError.badRequest("request body is required: {\"institution\": {...}}");
        }
        try {
            return ScenarioText.parse(raw, "body.json");
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("request body is " + ScenarioText.problem(e));
        }
    }

    private static void reply(Context ctx, SandboxInstitutions.Change change) {
        if (change instanceof SandboxInstitutions.Change.Saved saved) {
            Http.json(ctx, 200, saved.document());
        } else if (change instanceof SandboxInstitutions.Change.Invalid invalid) {
            throw ApiError.unprocessable(String.join("; ", invalid.problems()));
        } else {
            throw ApiError.notFound("institution");
        }
    }
}
