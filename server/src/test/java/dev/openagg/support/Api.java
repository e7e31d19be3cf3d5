package dev.openagg.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain JDK HTTP client against a server on a local port, speaking as one API client. Every reply is checked
 * against MX's spec of the version the request chose ({@link SpecCheck}); a departure fails the test.
 */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String authorization;
    private final Map<String, String> headers;
    private final SpecCheck specCheck;

    public Api(int port, String clientId, String apiKey) {
        this("http://localhost:" + port, clientId == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + apiKey).getBytes(StandardCharsets.UTF_8)),
                Map.of("Accept", "application/vnd.mx.api.v1+json"), SpecCheck.shared());
    }

    private Api(String base, String authorization, Map<String, String> headers, SpecCheck specCheck) {
        this.base = base;
        this.authorization = authorization;
        this.headers = headers;
        this.specCheck = specCheck;
    }

    /**
     * The same client checking its replies with {@code check} instead of the shared one; every reply is checked
     * against MX's spec of the version the request chose (see {@link SpecCheck}).
     */
    public Api checkedBy(SpecCheck check) {
        return new Api(base, authorization, headers, check);
    }

    /** The same client sending one more header (or, with a null value, leaving one out). */
    public Api withHeader(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(headers);
        if (value == null) {
            next.remove(name);
        } else {
            next.put(name, value);
        }
        return new Api(base, authorization, next, specCheck);
    }

    /** The same client choosing an API version with {@code Accept-Version}, as MX's current clients do. */
    public Api inVersion(String version) {
        return withHeader("Accept-Version", version);
    }

    public Api withAuthorization(String value) {
        return new Api(base, value, headers, specCheck);
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null);
    }

    public Reply post(String path, String json) {
        return send("POST", path, json);
    }

    public Reply put(String path, String json) {
        return send("PUT", path, json);
    }

    /** Every item of a paged list, reading {@code root} page by page at 100 records a page. */
    public java.util.List<com.fasterxml.jackson.databind.JsonNode> allPages(String path, String root) {
        java.util.List<com.fasterxml.jackson.databind.JsonNode> items = new java.util.ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        for (int page = 1; ; page++) {
            com.fasterxml.jackson.databind.JsonNode body = get(path + separator + "records_per_page=100&page=" + page).json();
            body.get(root).forEach(items::add);
            if (page >= body.at("/pagination/total_pages").asInt()) {
                return items;
            }
        }
    }

    public Reply send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Reply reply = new Reply(response.statusCode(), response.headers(), response.body());
            specCheck.check(method, path, headers, reply);
            return reply;
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(method + " " + path + " interrupted", e);
        }
    }
}
