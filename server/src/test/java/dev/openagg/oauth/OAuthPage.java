package dev.openagg.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The consent page as a browser without script uses it: read it, post a button's choice; redirects not followed. */
final class OAuthPage {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OAuthPage() {
    }

    static HttpResponse<String> open(String uri) {
        return send(HttpRequest.newBuilder(URI.create(uri)).GET());
    }

    static HttpResponse<String> choose(String uri, String choice) {
        return send(HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("choice=" + choice)));
    }

    /** Posts {@code body} as {@code contentType}, as a broken or hostile client might. */
    static HttpResponse<String> post(String uri, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("consent page request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
