package dev.openagg.support;

import java.net.URI;

/** Connect-widget URLs as a client asks for them, and the widget session a browser gets by opening one. */
public final class Widgets {
    private final Api api;

    public Widgets(Api api) {
        this.api = api;
    }

    /** A widget URL for the user, with {@code options} (JSON members, may be empty) beside the widget type. */
    public String url(String userGuid, String options) {
        Reply reply = api.post("/users/" + userGuid + "/widget_urls", "{\"widget_url\": {\"widget_type\": \"connect_widget\""
                + (options.isEmpty() ? "" : ", " + options) + "}}");
        if (reply.status() != 200) {
            throw new AssertionError("no widget URL: " + reply);
        }
        return reply.json().at("/widget_url/url").asText();
    }

    public static String path(String url) {
        return URI.create(url).getRawPath();
    }

    /** Opens the URL as a browser does; returns the session secret the redirect hands to the page. */
    public String open(String url) {
        Reply opened = api.get(path(url));
        String location = opened.header("Location");
        if (opened.status() != 303 || location == null || !location.startsWith("/widget/connect#session=")) {
            throw new AssertionError("widget URL did not open: " + opened + " Location " + location);
        }
        return location.substring("/widget/connect#session=".length());
    }

    /** The hex SHA-256 of a token or secret, as the server stores it. */
    public static String sha256(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The widget API as the page calls it, with the session secret. */
    public Api session(String secret) {
        return api.withAuthorization("Bearer " + secret);
    }
}
