package dev.openagg.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One API client with one of everything a path can name: a user, a connected MX Bank member with accounts,
 * transactions, holdings, a statement and a tax document, a webhook with a delivery, a sandbox institution and a
 * widget session. {@link #value} fills a route's path parameter with this client's object, by the parameter's name.
 */
public final class Tenant {
    private static final Duration BOUND = Duration.ofSeconds(60);

    public final Api api;
    public final Api widget;
    public final String widgetSecret;
    public final String widgetToken;
    private final Map<String, String> values;

    private Tenant(Api api, String widgetSecret, String widgetToken, Map<String, String> values) {
        this.api = api;
        this.widget = new Widgets(api).session(widgetSecret);
        this.widgetSecret = widgetSecret;
        this.widgetToken = widgetToken;
        this.values = values;
    }

    /** Builds everything through the API, as {@code api}'s client; {@code name} keeps its ids apart. */
    public static Tenant build(Api api, String name) {
        Map<String, String> v = new LinkedHashMap<>();
        String code = (name + "_cu").toLowerCase(java.util.Locale.ROOT);
        expect(api.post("/sandbox/institutions", """
                {"institution": {"code": "CODE", "name": "NAME Credit Union",
                  "credentials": [{"field_name": "LOGIN", "label": "Member number", "type": "TEXT"},
                                  {"field_name": "PASSWORD", "label": "Password", "type": "PASSWORD"}],
                  "logins": [{"when": {"LOGIN": "alice", "PASSWORD": "pw"}, "outcome": "CONNECTED"}]}}
                """.replace("CODE", code).replace("NAME", name)), 200);
        v.put("sandbox", code);
        String webhook = expect(api.post("/webhooks", "{\"webhook\": {\"url\": \"http://127.0.0.1:9/" + name
                + "\", \"event_types\": [\"MEMBER\"]}}"), 200).at("/webhook/guid").asText();
        v.put("webhook", webhook);
        Reply created = api.post("/users", "{\"user\": {\"id\": \"" + name + "-user\"}}");
        String user = expect(created, 200).at("/user/guid").asText();
        v.put("user", user);
        String request = created.header("X-Request-Id");
        v.put("request", request);
        Flow flow = new Flow(api, user);
        String member = flow.member("password", false);
        v.put("member", member);
        connect(flow, member);
        for (String job : new String[] {"fetch_statements", "fetch_tax_documents"}) {
            expect(flow.start(member, job), 202);
            connect(flow, member);
        }
        v.put("account", first(api, flow.path(member, "accounts"), "accounts"));
        v.put("transaction", first(api, flow.path(member, "transactions"), "transactions"));
        v.put("holding", first(api, flow.path(member, "holdings"), "holdings"));
        v.put("statement", first(api, flow.path(member, "statements"), "statements"));
        v.put("tax_document", first(api, flow.path(member, "tax_documents"), "tax_documents"));
        v.put("delivery", Await.until(() -> api.get("/webhooks/" + webhook + "/deliveries").json()
                .at("/deliveries/0/guid").asText(), g -> !g.isEmpty(), BOUND, name + "'s first delivery"));
        Await.until(() -> api.get("/requests/" + request).status(), s -> s == 200, BOUND, name + "'s logged request");
        Widgets widgets = new Widgets(api);
        String secret = widgets.open(widgets.url(user, ""));
        String token = Widgets.path(widgets.url(user, "")).replaceFirst(".*/", "");
        return new Tenant(api, secret, token, v);
    }

    /**
     * This client's value for a path parameter of {@code route}, by its name; empty for a name no fixture knows.
     * Institution codes name the client's own sandbox institution, which no other client sees.
     */
    public Optional<String> value(String route, String parameter) {
        return Optional.ofNullable(switch (parameter) {
            case "user_identifier", "user_guid" -> values.get("user");
            case "member_identifier", "member_guid" -> values.get("member");
            case "account_guid", "account_identifier" -> values.get("account");
            case "transaction_guid" -> values.get("transaction");
            case "holding_guid" -> values.get("holding");
            case "document_guid" -> values.get(route.contains("/statements/") ? "statement" : "tax_document");
            case "guid" -> route.startsWith("/webhooks/") ? values.get("webhook") : null;
            case "delivery_guid" -> values.get("delivery");
            case "request_id" -> values.get("request");
            case "institution_code", "code" -> values.get("sandbox");
            case "token" -> widgetToken;
            case "file" -> "widget.js";
            default -> null;
        });
    }

    /**
     * Whether a parameter names something only its client may reach. A widget URL token is a bearer secret (whoever
     * holds it opens the widget), and the widget's files are public.
     */
    public static boolean isOwned(String parameter) {
        return !parameter.equals("token") && !parameter.equals("file");
    }

    private static void connect(Flow flow, String member) {
        while (true) {
            JsonNode status = flow.awaitStatusWithin(member, BOUND, "CONNECTED", "CHALLENGED");
            if (status.get("connection_status").asText().equals("CONNECTED")) {
                return;
            }
            JsonNode challenge = status.at("/challenges/0");
            String answer = challenge.at("/options/0/value").isMissingNode() ? "correct"
                    : challenge.at("/options/0/value").asText();
            flow.resume(member, challenge.get("guid").asText(), answer);
            Await.until(() -> flow.status(member), s -> !s.at("/challenges/0/guid").asText()
                    .equals(challenge.get("guid").asText()), BOUND, "the challenge answered");
        }
    }

    private static String first(Api api, String path, String root) {
        return expect(api.get(path), 200).at("/" + root + "/0/guid").asText();
    }

    private static JsonNode expect(Reply reply, int status) {
        if (reply.status() != status) {
            throw new AssertionError("setting up a tenant: expected " + status + ", got " + reply);
        }
        return reply.json();
    }
}
