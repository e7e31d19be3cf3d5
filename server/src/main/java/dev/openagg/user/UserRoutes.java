package dev.openagg.user;

import dev.openagg.api.ApiError;
import dev.openagg.api.Body;
import dev.openagg.api.Http;
import dev.openagg.api.Identifier;
import dev.openagg.api.Lengths;
import dev.openagg.api.Page;
import dev.openagg.api.Problems;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;

/** {@code /users}: create, read, update, delete and list a client's users. */
public final class UserRoutes implements Http.Routes {
    private final UserStore users;

    public UserRoutes(UserStore users) {
        this.users = users;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/users", this::create);
        routes.get("/users", this::list);
        routes.get("/users/{user_identifier}", ctx -> Http.json(ctx, 200, UserJson.one(owned(ctx))));
        routes.put("/users/{user_identifier}", this::update);
        routes.delete("/users/{user_identifier}", this::delete);
    }

    private User owned(Context ctx) {
        return users.find(Http.client(ctx), Identifier.of(ctx, "user")).orElseThrow(() -> ApiError.notFound("user"));
    }

    private void create(Context ctx) {
        Body body = Body.parse(ctx.body(), "user");
        checkLengths(body);
        String id = body.string("id").orElse(null);
        User user = users.create(Http.client(ctx), id, body.string("email").orElse(null),
                        body.bool("is_disabled").orElse(false), body.string("metadata").orElse(null))
                .orElseThrow(() -> duplicateId(id));
        Http.json(ctx, 200, UserJson.one(user));
    }

    private void update(Context ctx) {
        User user = owned(ctx);
        Body body = Body.parse(ctx.body(), "user");
        checkLengths(body);
        User changed = new User(user.guid(), user.clientId(),
                body.has("id") ? body.string("id").orElse(null) : user.id(),
                body.has("email") ? body.string("email").orElse(null) : user.email(),
                body.bool("is_disabled").orElse(user.isDisabled()),
                body.has("metadata") ? body.string("metadata").orElse(null) : user.metadata(),
                user.createdAt(), user.updatedAt());
        Http.json(ctx, 200, UserJson.one(users.update(changed).orElseThrow(() -> duplicateId(changed.id()))));
    }

    private static void checkLengths(Body body) {
        new Problems()
                .maxLength("user.id", body.string("id").orElse(null), Lengths.ID)
                .maxLength("user.email", body.string("email").orElse(null), Lengths.EMAIL)
                .maxLength("user.metadata", body.string("metadata").orElse(null), Lengths.METADATA)
                .throwIfAny();
    }

    private void delete(Context ctx) {
        if (!users.delete(Http.client(ctx), owned(ctx).guid())) {
            throw ApiError.notFound("user");
        }
        Http.noContent(ctx);
    }

    private void list(Context ctx) {
        Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
        UserStore.Filter filter = new UserStore.Filter(ctx.queryParam("id"), ctx.queryParam("email"),
                flag(ctx.queryParam("is_disabled")));
        Http.json(ctx, 200, UserJson.list(users.list(Http.client(ctx), filter, page)));
    }

    private static Boolean flag(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.badRequest("is_disabled must be true or false");
        };
    }

    private static ApiError duplicateId(String id) {
        return ApiError.conflict("a user with id \"" + id + "\" already exists");
    }
}
