package dev.openagg.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;

/** An HTTP response as the tests look at it. */
public record Reply(int status, HttpHeaders headers, byte[] bytes) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String text() {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON (status " + status + "): " + text(), e);
        }
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The error message of MX's error body, failing the test when the body has another shape. */
    public String errorMessage() {
        JsonNode message = json().path("error").path("message");
        if (!message.isTextual()) {
            throw new AssertionError("not an MX error body: " + text());
        }
        return message.asText();
    }

    @Override
    public String toString() {
        return status + " " + text();
    }
}
