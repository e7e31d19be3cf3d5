package dev.openagg.webhook;

import dev.openagg.api.ApiError;
import dev.openagg.api.Body;
import dev.openagg.api.Http;
import dev.openagg.api.Lengths;
import dev.openagg.api.Page;
import dev.openagg.api.Problems;
import dev.openagg.connector.Guids;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** {@code /webhooks}: register, read, change and remove a client's webhooks, and inspect their deliveries. */
final class WebhookRoutes implements Http.Routes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookStore webhooks;
    private final DeliveryLog deliveries;
    private final Targets targets;
    private final Clock clock;

    WebhookRoutes(WebhookStore webhooks, DeliveryLog deliveries, Targets targets, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.targets = targets;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/webhooks", this::create);
        routes.get("/webhooks", ctx -> Http.json(ctx, 200, WebhookJson.many(webhooks.list(Http.client(ctx), page(ctx)))));
        routes.get("/webhooks/{guid}", ctx -> Http.json(ctx, 200, WebhookJson.one(owned(ctx), false)));
        routes.put("/webhooks/{guid}", this::update);
        routes.delete("/webhooks/{guid}", ctx -> {
            if (!webhooks.delete(Http.client(ctx), ctx.pathParam("guid"))) {
                throw ApiError.notFound("webhook");
            }
            Http.noContent(ctx);
        });
        routes.get("/webhooks/{guid}/deliveries", ctx -> Http.json(ctx, 200, deliveries.list(owned(ctx).guid(), page(ctx))));
        routes.post("/webhooks/{guid}/deliveries/{delivery_guid}/redeliver", ctx -> Http.json(ctx, 202,
                new WebhookJson.OneDelivery(deliveries.redeliver(owned(ctx).guid(), ctx.pathParam("delivery_guid"))
                        .orElseThrow(() -> ApiError.notFound("delivery")))));
    }

    private static Page page(Context ctx) {
        return Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
    }

    private Webhook owned(Context ctx) {
        return webhooks.find(Http.client(ctx), ctx.pathParam("guid")).orElseThrow(() -> ApiError.notFound("webhook"));
    }

    private void create(Context ctx) {
        Body body = Body.parse(ctx.body(), "webhook");
        checkLengths(body);
        Problems problems = new Problems();
        String url = url(body.string("url").orElse(null), problems);
        List<String> types = eventTypes(body, problems);
        Webhook webhook = new Webhook(Guids.next("WHK"), Http.client(ctx), url, types,
                body.bool("all_connection_statuses").orElse(false), body.bool("enabled").orElse(true),
                body.string("username").orElse(null), body.string("password").orElse(null), secret(),
                clock.instant(), clock.instant());
        problems.throwIfAny();
        webhooks.insert(webhook);
        Http.json(ctx, 200, WebhookJson.one(webhook, true));
    }

    private void update(Context ctx) {
        Webhook current = owned(ctx);
        Body body = Body.parse(ctx.body(), "webhook");
        checkLengths(body);
        Problems problems = new Problems();
        String url = body.has("url") ? url(body.string("url").orElse(null), problems) : current.url();
        List<String> types = body.has("event_types") ? eventTypes(body, problems) : current.eventTypes();
        Instant now = clock.instant();
        Webhook changed = new Webhook(current.guid(), current.clientId(), url, types,
                body.bool("all_connection_statuses").orElse(current.allConnectionStatuses()),
                body.bool("enabled").orElse(current.enabled()),
                body.has("username") ? body.string("username").orElse(null) : current.username(),
                body.has("password") ? body.string("password").orElse(null) : current.password(),
                current.secret(), current.createdAt(), now);
        problems.throwIfAny();
        webhooks.update(changed);
        Http.json(ctx, 200, WebhookJson.one(changed, false));
    }

    /** Over-long values are refused before anything else looks at them. */
    private static void checkLengths(Body body) {
        new Problems()
                .maxLength("webhook.url", body.string("url").orElse(null), Lengths.WEBHOOK_URL)
                .maxLength("webhook.username", body.string("username").orElse(null), Lengths.WEBHOOK_LOGIN)
                .maxLength("webhook.password", body.string("password").orElse(null), Lengths.WEBHOOK_LOGIN)
                .throwIfAny();
    }

    private String url(String url, Problems problems) {
        if (url == null || url.isBlank()) {
            problems.add("webhook.url is required");
            return null;
        }
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                problems.add("webhook.url must be an http or https URL with a host");
            } else {
                targets.refusal(uri).ifPresent(why -> problems.add("webhook.url is refused: " + why));
            }
        } catch (IllegalArgumentException e) {
            problems.add("webhook.url is not a valid URL");
        }
        return url.trim();
    }

    private static List<String> eventTypes(Body body, Problems problems) {
        List<String> types = body.strings("event_types").orElse(List.of());
        if (types.isEmpty()) {
            problems.add("webhook.event_types must name at least one of " + Webhook.EVENT_TYPES);
        }
        types.stream().filter(t -> !Webhook.EVENT_TYPES.contains(t))
                .forEach(t -> problems.add("webhook.event_types: " + t + " is not one of " + Webhook.EVENT_TYPES));
        return types.stream().distinct().toList();
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "whsec_" + HexFormat.of().formatHex(bytes);
    }
}
