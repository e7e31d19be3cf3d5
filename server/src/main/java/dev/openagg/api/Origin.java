package dev.openagg.api;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where the client reached this server (through a proxy, where it says), for URLs handed back to it. */
public final class Origin {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+](:\\d{1,5})?");

    private Origin() {
    }

    /** {@code scheme://host[:port]}, from {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} when sent; 400 when unusable. */
    public static String of(Context ctx) {
        String proto = Optional.ofNullable(ctx.header("X-Forwarded-Proto")).orElse(ctx.scheme());
        String host = Optional.ofNullable(ctx.header("X-Forwarded-Host")).orElse(ctx.host());
        if (!(proto.equals("http") || proto.equals("https")) || host == null || !HOST.matcher(host).matches()) {
            throw ApiError.badRequest("the Host or X-Forwarded-* headers do not name a usable address");
        }
        return proto + "://" + host;
    }
}
