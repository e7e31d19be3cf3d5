package dev.openagg.clock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.api.ApiError;
import dev.openagg.api.Body;
import dev.openagg.api.Http;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET} and {@code POST /sandbox/clock}: the calling client's test clock, read and moved forward (README,
 * "Sandbox controls"). A clock never goes back; a move that makes no sense, or one too far, is a 422.
 */
public final class ClockRoutes implements Http.Routes {
    /** Under the sandbox's prefix, so switching the sandbox off removes it with the rest. */
    public static final String PATH = "/sandbox/clock";

    private final ClientClocks clocks;

    public ClockRoutes(ClientClocks clocks) {
        this.clocks = clocks;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PATH, ctx -> render(ctx, clocks.of(Http.client(ctx))));
        routes.post(PATH, this::advance);
    }

    private void advance(Context ctx) {
        String client = Http.client(ctx);
        Body body = Body.parse(ctx.body(), "clock");
        Optional<JsonNode> seconds = body.value("advance_seconds");
        Optional<JsonNode> to = body.value("advance_to");
        if (seconds.isPresent() == to.isPresent()) {
            throw ApiError.unprocessable("clock must hold exactly one of advance_seconds and advance_to");
        }
        Duration by = seconds.map(ClockRoutes::seconds).orElseGet(() -> until(to.get(), clocks.of(client).now()));
        ClientClocks.Advance advanced = clocks.advance(client, by);
        if (advanced instanceof ClientClocks.Advance.TooFar tooFar) {
            throw ApiError.unprocessable("clock may run at most " + ClientClocks.MOST_AHEAD.toDays()
                    + " days ahead of the server's; it is " + tooFar.now().offset().toSeconds() + " seconds ahead");
        }
        render(ctx, ((ClientClocks.Advance.Moved) advanced).now());
    }

    private static Duration seconds(JsonNode node) {
        boolean whole = node.isIntegralNumber() && node.canConvertToLong();
        long value = whole ? node.longValue() : 0;
        if (value <= 0 || value > ClientClocks.MOST_AHEAD.toSeconds()) {
            throw ApiError.unprocessable("clock.advance_seconds must be a whole number from 1 to "
                    + ClientClocks.MOST_AHEAD.toSeconds() + "; a clock never goes back");
        }
        return Duration.ofSeconds(value);
    }

    private static Duration until(JsonNode node, Instant now) {
        Instant at;
        try {
            at = Instant.parse(node.isTextual() ? node.textValue() : "");
        } catch (DateTimeParseException e) {
            throw ApiError.unprocessable("clock.advance_to must be a time such as 2027-01-01T00:00:00Z");
        }
        if (!at.isAfter(now)) {
            throw ApiError.unprocessable("clock.advance_to must be later than the clock's now, " + now
                    + "; a clock never goes back");
        }
        return Duration.between(now, at);
    }

    private static void render(Context ctx, ClientClocks.Now now) {
        Map<String, Object> clock = new LinkedHashMap<>();
        clock.put("now", now.now().toString());
        clock.put("offset_seconds", now.offset().toSeconds());
        Http.json(ctx, 200, Map.of("clock", clock));
    }
}
