package dev.openagg.api;

import dev.openagg.support.Tenant;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Malformed requests drawn from one seed, so a failing run can be replayed: over every route the router holds,
 * with path parameters that are real objects or hostile strings, hostile query parameters, bodies that are broken,
 * deeply nested, wrongly typed, huge or not UTF-8, odd methods and content types; and raw ones that no HTTP client
 * would send (bad chunking, long request lines and headers, bytes that are not UTF-8 in the path).
 */
final class FuzzRequests {
    /** A request for the HTTP client; {@code body} null for none. */
    record Request(String method, String target, Map<String, String> headers, byte[] body, String route) {
        @Override
        public String toString() {
            return method + " " + (target.length() > 200 ? target.substring(0, 200) + "..." : target) + " " + headers
                    + (body == null ? "" : " body " + preview(body));
        }
    }

    /** Bytes written as they are on a new connection. */
    record Raw(byte[] bytes, String what) {
        @Override
        public String toString() {
            return what + ": " + preview(bytes);
        }
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final List<String> HOSTILE = List.of(
            "' OR '1'='1", "1; DROP TABLE app_user;--", "\" OR \"\"=\"", "../../../../etc/passwd", "..\\..\\win.ini",
            "%2e%2e%2f%2e%2e%2f", "/", "//", "\u0000", "a\u0000b", "\uFEFF", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "#{1+1}", "$(id)", "`id`", "null", "true", "[]", "{}", "-1", "0",
            "", " ", "\t", "\r\n", "%00", "%", "%zz", "\uD83D\uDD11", "\u202Etxt.exe", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ÿ", "\\",
            "USR-00000000-0000-0000-0000-000000000000", "MBR-' OR 1=1--", "*", "?", "#", ";", "&", "=", "+",
            "99999999999999999999999", "-9223372036854775809", "NaN", "1e309", "0x7fffffff", "mxbank", "MXBANK ");
    private static final List<String> NUMBERS = List.of("0", "-1", "1", "85899347", "2147483648", "9223372036854775807",
            "9223372036854775808", "99999999999999999999999999", "-99999999999999999999", "1.5", "1e309", "-0",
            "NaN", "Infinity", "0x10", "1_000", " 5", "5 ", "");
    private static final List<String> QUERY_NAMES = List.of("page", "records_per_page", "from_date", "to_date", "name",
            "id", "email", "is_disabled", "from_created_at", "to_created_at", "from_updated_at", "to_updated_at",
            "supports_account_identification", "code", "products");
    private static final List<String> ROOTS = List.of("user", "member", "webhook", "widget_url", "institution",
            "challenges", "credentials");
    private static final List<String> FIELDS = List.of("id", "email", "metadata", "is_disabled", "institution_code",
            "credentials", "challenges", "guid", "value", "skip_aggregation", "url", "event_types", "username",
            "password", "enabled", "widget_type", "mode", "current_member_guid", "data_request", "products", "code",
            "name", "logins", "steps", "outcome", "all_connection_statuses", "background_aggregation_is_disabled",
            "color_scheme", "client_redirect_url", "ui_message_webview_url_scheme");
    private static final List<String> ODD_METHODS = List.of("PATCH", "OPTIONS", "TRACE", "HEAD", "PROPFIND", "FOO",
            "CONNECT_X", "QUERY", "M-SEARCH", "BREW");
    private static final List<String> ACCEPTS = List.of("application/vnd.mx.api.v1+json", "application/json", "*/*",
            "text/html", "application/vnd.mx.api.v99+json", "application/vnd.mx.api.v1+xml", "garbage", "",
            "application/vnd.mx.api.v1+json;q=0", "text/*, application/*;q=0.1");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/vnd.mx.api.v1+json",
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
            "application/json; charset=latin1", "application/json; charset=utf-16", "garbage/", ";;;");

    private final Random random;
    private final List<Http.Route> routes;
    private final Tenant tenant;
    private final String basic;

    FuzzRequests(long seed, List<Http.Route> routes, Tenant tenant, String basic) {
        this.random = new Random(seed);
        this.routes = routes;
        this.tenant = tenant;
        this.basic = basic;
    }

    /** A request over one route, every route in turn so each gets its share. */
    Request next(int i) {
        Http.Route route = routes.get(i % routes.size());
        String method = chance(85) ? route.method() : chance(50)
                ? pick(List.of("GET", "POST", "PUT")) : pick(ODD_METHODS);
        // Deletions name nothing real, so the fixture's objects stay for the rest of the run.
        String path = fill(route.path(), !route.method().equals("DELETE"));
        String target = path + query();
        Map<String, String> headers = new LinkedHashMap<>();
        if (route.path().startsWith("/widget/api")) {
            headers.put("Authorization", chance(97) ? "Bearer " + tenant.widgetSecret : "Bearer " + pick(HOSTILE)
                    .replaceAll("[^!-~]", "x"));
        } else if (chance(97)) {
            headers.put("Authorization", basic);
        }
        headers.put("Accept", chance(85) ? "application/vnd.mx.api.v1+json" : pick(ACCEPTS));
        if (chance(10)) {
            headers.put("Accept-Version", pick(List.of("v20111101", "v20250224", "v1", "latest", "", "v99999999")));
        }
        if (chance(3)) {
            headers.put("X-CALLBACK-PAYLOAD", "p".repeat(pick(List.of(1, 2_048, 2_049, 6_000))));
        }
        if (chance(2)) {
            headers.put("X-Long", "h".repeat(pick(List.of(4_000, 9_000, 20_000))));
        }
        byte[] body = null;
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("DELETE") || chance(5)) {
            body = body();
            headers.put("Content-Type", chance(80) ? "application/json" : pick(CONTENT_TYPES));
        }
        return new Request(method, target, headers, body, route.method() + " " + route.path());
    }

    /** A request no well-behaved client sends, written by hand. */
    Raw raw(int i) {
        String auth = "Authorization: " + basic + "\r\n";
        String route = fill(routes.get(i % routes.size()).path(), false);
        String head = "Host: localhost\r\nConnection: close\r\n" + auth;
        return switch (random.nextInt(14)) {
            case 0 -> raw("POST " + route + " HTTP/1.1\r\n" + head + "Content-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + pick(List.of("ZZ", "-1", "FFFFFFFFFFFFFFFFFFFF", "1;x=\"",
                    "", " 5", "5\r\n12345678")) + "\r\n{}\r\n0\r\n\r\n", "bad chunk size");
            case 1 -> raw("POST " + route + " HTTP/1.1\r\n" + head + "Transfer-Encoding: chunked\r\n\r\n"
                    + "5\r\n{\"a\":\r\n3\r\n1}}\r\n0\r\n\r\n", "chunks without their line ends");
            case 2 -> raw("GET " + route + "/" + "a".repeat(random.nextInt(20_000) + 9_000) + " HTTP/1.1\r\n" + head
                    + "\r\n", "long URL");
            case 3 -> raw("GET " + route + " HTTP/1.1\r\n" + head + "X-Big: " + "b".repeat(random.nextInt(20_000)
                    + 9_000) + "\r\n\r\n", "long header");
            case 4 -> raw("GET " + route + " HTTP/1.1\r\n" + head + "X-Many: 1\r\n".repeat(random.nextInt(2_000) + 500)
                    + "\r\n", "many headers");
            case 5 -> rawBytes("GET " + route + "/", new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28},
                    " HTTP/1.1\r\n" + head + "\r\n", "path not UTF-8");
            case 6 -> raw(pick(List.of("GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET " + route + " HTTP/9.9\r\nHost: x\r\n\r\n",
                    "GET " + route + " HTTP/1.1\r\n\r\n", " GET / HTTP/1.1\r\n\r\n", "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
                    "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003\r\n\r\n")), "bad request line");
            case 7 -> raw("POST " + route + " HTTP/1.1\r\n" + head + "Expect: " + pick(List.of("teapot", "100-continue-x"))
                    + "\r\nContent-Length: 2\r\n\r\n{}", "unknown expectation");
            case 8 -> raw("POST " + route + " HTTP/1.1\r\n" + head + "Content-Length: " + pick(List.of("-1", "abc",
                    "99999999999999999999", "1, 2", "0x10")) + "\r\n\r\n{}", "bad content length");
            case 9 -> raw("POST " + route + " HTTP/1.1\r\n" + head + "Content-Length: 2\r\nTransfer-Encoding: chunked"
                    + "\r\n\r\n2\r\n{}\r\n0\r\n\r\n", "length and chunking both");
            case 10 -> rawBytes("POST " + route + " HTTP/1.1\r\n" + head + "Content-Type: application/json\r\n"
                    + "Content-Length: 29\r\n\r\n{\"user\": {\"id\": \"", new byte[] {(byte) 0xC0, (byte) 0x80,
                    (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF, 0, 0, 0}, "\"}}", "body not UTF-8");
            case 11 -> raw("GET " + route + " HTTP/1.1\r\n" + head + "Authorization: Basic \u0000\u0001\u00ff\r\n\r\n",
                    "control bytes in a header");
            case 12 -> raw("GET " + route + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Folded: a\r\n b\r\n"
                    + auth + "\r\n", "folded header");
            default -> raw(pick(ODD_METHODS) + " " + route + " HTTP/1.1\r\n" + head + "\r\n", "odd method");
        };
    }

    private Raw raw(String text, String what) {
        return new Raw(text.getBytes(StandardCharsets.ISO_8859_1), what);
    }

    private Raw rawBytes(String before, byte[] middle, String after, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.ISO_8859_1));
        return new Raw(out.toByteArray(), what);
    }

    private String fill(String path) {
        return fill(path, true);
    }

    private String fill(String path, boolean real) {
        return PARAMETER.matcher(path).replaceAll(m -> Matcher.quoteReplacement(real && chance(55)
                ? tenant.value(path, m.group(1)).orElse("x") : encode(hostile())));
    }

    private String query() {
        if (chance(40)) {
            return "";
        }
        StringBuilder q = new StringBuilder("?");
        for (int n = random.nextInt(4) + 1; n > 0; n--) {
            q.append(chance(90) ? pick(QUERY_NAMES) : encode(hostile())).append('=')
                    .append(encode(chance(50) ? pick(NUMBERS) : hostile())).append('&');
        }
        return q.substring(0, q.length() - 1);
    }

    private String hostile() {
        return chance(10) ? "x".repeat(random.nextInt(3_000) + 256) : pick(HOSTILE);
    }

    private byte[] body() {
        return switch (random.nextInt(20)) {
            case 0, 1, 2 -> broken(json(3)).getBytes(StandardCharsets.UTF_8);
            case 3, 4 -> nested();
            case 5, 6 -> notUtf8(json(2));
            case 7 -> huge();
            case 8, 9 -> pick(List.of("", "null", "[]", "\"x\"", "1", "{}", "{\"user\": null}", "{\"member\": []}",
                    "{\"a\":1,\"a\":2}", "{'user': {}}", "{\"user\": {}} trailing", "\u0000", "{\"user\": {\"id\": "
                            + "\"\\ud800\"}}", "{\"user\": {\"id\": \"\\u0000\"}}")).getBytes(StandardCharsets.UTF_8);
            default -> json(3).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A JSON object under one of the API's roots, its fields of any type. */
    private String json(int depth) {
        StringBuilder b = new StringBuilder("{\"").append(pick(ROOTS)).append("\": {");
        for (int n = random.nextInt(5); n >= 0; n--) {
            b.append('"').append(pick(FIELDS)).append("\": ").append(value(depth)).append(n > 0 ? ", " : "");
        }
        return b.append("}}").toString();
    }

    private String value(int depth) {
        return switch (random.nextInt(depth > 0 ? 9 : 6)) {
            case 0 -> pick(NUMBERS).isEmpty() ? "0" : pick(List.of("1e309", "-0", "123456789012345678901234567890",
                    "1.7976931348623157E309", "0.0000000000000000000001", "-1", "2147483648"));
            case 1 -> pick(List.of("true", "false", "null"));
            case 2, 3 -> quote(hostile());
            case 4 -> quote("y".repeat(random.nextInt(20_000)));
            case 5 -> quote(tenant.value("/", pick(List.of("user_guid", "member_guid", "guid", "institution_code")))
                    .orElse("x"));
            case 6 -> "[" + value(depth - 1) + ", " + value(depth - 1) + "]";
            case 7 -> "[{\"guid\": " + value(depth - 1) + ", \"value\": " + value(depth - 1) + "}]";
            default -> "{\"" + pick(FIELDS) + "\": " + value(depth - 1) + "}";
        };
    }

    private String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private String broken(String json) {
        return switch (random.nextInt(4)) {
            case 0 -> json.substring(0, random.nextInt(json.length()));
            case 1 -> json.replaceFirst(":", "");
            case 2 -> json.replace("\"", "'");
            default -> json + "}".repeat(random.nextInt(3) + 1);
        };
    }

    private byte[] nested() {
        int depth = pick(List.of(500, 1_001, 5_000, 50_000));
        String open = chance(50) ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String inner = open.repeat(depth) + "1" + close.repeat(chance(80) ? depth : depth / 2);
        return ("{\"" + pick(ROOTS) + "\": {\"" + pick(FIELDS) + "\": " + inner + "}}").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] notUtf8(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xFF, (byte) 0xC3, 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xC0, (byte) 0xAF, 0};
        int at = random.nextInt(bytes.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.write(bad, 0, random.nextInt(bad.length) + 1);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private byte[] huge() {
        int size = pick(List.of(100_000, 250_000, 270_000, 600_000));
        return ("{\"" + pick(ROOTS) + "\": {\"" + pick(FIELDS) + "\": \"" + "z".repeat(size) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Percent-encodes every byte of the value's UTF-8 outside the unreserved characters, so any URI parser takes it. */
    private static String encode(String value) {
        StringBuilder b = new StringBuilder();
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                b.append(c);
            } else {
                b.append('%').append(String.format("%02X", (int) c));
            }
        }
        return b.toString();
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static String preview(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.ISO_8859_1);
        return text.replaceAll("[^ -~]", "?") + (bytes.length > 300 ? "... (" + bytes.length + " bytes)" : "");
    }
}
