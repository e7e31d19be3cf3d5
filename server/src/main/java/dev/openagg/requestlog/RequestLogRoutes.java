package dev.openagg.requestlog;

import dev.openagg.api.ApiError;
import dev.openagg.api.Http;
import dev.openagg.api.Page;
import dev.openagg.api.Wire;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /requests}, newest first, narrowed by {@code member_guid}, {@code user_guid}, {@code status}, and
 * {@code from} (inclusive) and {@code to} (exclusive) as ISO 8601 times; {@code GET /requests/{request_id}}, the
 * latest request with that id. A client reads only its own: another's request id is not found.
 */
final class RequestLogRoutes implements Http.Routes {
    private final RequestLogStore store;

    RequestLogRoutes(RequestLogStore store) {
        this.store = store;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(RequestLog.PREFIX, this::list);
        routes.get(RequestLog.PREFIX + "/{request_id}", ctx -> Http.json(ctx, 200, new One(Json.of(
                store.find(Http.client(ctx), ctx.pathParam("request_id")).orElseThrow(() -> ApiError.notFound("request"))))));
    }

    private void list(Context ctx) {
        RequestLogStore.Filter filter = new RequestLogStore.Filter(ctx.queryParam("member_guid"),
                ctx.queryParam("user_guid"), status(ctx.queryParam("status")), time("from", ctx.queryParam("from")),
                time("to", ctx.queryParam("to")));
        Page.Listing<LoggedRequest> listing = store.list(Http.client(ctx), filter,
                Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page")));
        Http.json(ctx, 200, new Many(listing.items().stream().map(Json::of).toList(),
                listing.page().pagination(listing.total())));
    }

    private static Integer status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.trim().matches("[1-5][0-9][0-9]")) {
            throw ApiError.badRequest("status must be an HTTP status, 100 to 599");
        }
        return Integer.parseInt(value.trim());
    }

    private static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name + " must be a UTC time such as 2026-01-31T12:00:00Z");
        }
    }

    record Json(String requestId, String method, String path, String query, int status, int durationMs,
                String requestedAt, String userGuid, String memberGuid, String requestBody, String responseBody) {
        static Json of(LoggedRequest r) {
            return new Json(r.requestId(), r.method(), r.path(), r.query(), r.status(), r.durationMs(),
                    Wire.time(r.requestedAt()), r.userGuid(), r.memberGuid(), r.requestBody(), r.responseBody());
        }
    }

    record One(Json request) {
    }

    record Many(List<Json> requests, Page.Pagination pagination) {
    }
}
