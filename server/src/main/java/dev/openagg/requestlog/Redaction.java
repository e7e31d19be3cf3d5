package dev.openagg.requestlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.openagg.api.Wire;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A body as the request log may keep it. Only JSON is kept, and only after every value under a secret's name is
 * replaced by {@value #MARK}: credential values and MFA answers ({@code value} in what clients send), passwords,
 * webhook signing secrets, API keys, tokens, and the one-time tokens in widget and consent URLs. A body that is not
 * JSON is not kept at all (it could hold anything), only its size; a kept body is cut at {@value #MAX_CHARS}
 * characters.
 */
final class Redaction {
    static final String MARK = "[redacted]";
    static final int MAX_CHARS = 16_384;
    /** Names whose values are secret wherever they appear. */
    private static final Set<String> SECRET = Set.of("password", "secret", "api_key", "token", "access_token",
            "refresh_token", "answer", "answers", "credential_value", "passcode");
    /** Secret only in what clients send: in replies, {@code value} is a challenge option's, which the end user saw. */
    private static final String SENT_VALUE = "value";
    /** The one-time token ending a connect-widget or consent-page URL, as the widget and OAuth features build them. */
    private static final Pattern TOKEN_URL = Pattern.compile("(/widget/connect/|/oauth/authorize/)[^/?#\"\\s]+");

    private Redaction() {
    }

    /** What the client sent, redacted; null for no body. */
    static String sent(byte[] body) {
        return kept(body, parse(body), true);
    }

    /** What the server answered, redacted; null for no body. */
    static String answered(byte[] body) {
        return answered(body, parse(body));
    }

    /** What the server answered, redacted, from its tree as {@link #parse} read it (which this changes). */
    static String answered(byte[] body, JsonNode parsed) {
        return kept(body, parsed, false);
    }

    private static String kept(byte[] body, JsonNode tree, boolean sent) {
        if (body == null || body.length == 0 || (tree != null && tree.isMissingNode())) {
            return null;
        }
        if (tree == null) {
            return "[" + body.length + " bytes, not JSON: not kept]";
        }
        String text = redact(tree, sent).toString();
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "... [cut at " + MAX_CHARS + " of "
                + text.length() + " characters]";
    }

    private static JsonNode redact(JsonNode node, boolean sent) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey().toLowerCase(java.util.Locale.ROOT);
                boolean secret = SECRET.contains(name) || (sent && name.equals(SENT_VALUE));
                field.setValue(secret && !field.getValue().isNull() ? TextNode.valueOf(MARK) : redact(field.getValue(), sent));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redact(array.get(i), sent));
            }
            return array;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(TOKEN_URL.matcher(node.asText()).replaceAll("$1" + MARK));
        }
        return node;
    }

    /** A path as the log keeps it: a token in it (the widget's and consent page's) replaced. */
    static String path(String path) {
        return TOKEN_URL.matcher(path).replaceAll("$1" + MARK);
    }

    /** The guid a reply names at {@code pointer}, if it is text. */
    static String guidAt(JsonNode reply, String pointer) {
        JsonNode found = reply == null ? null : reply.at(pointer);
        return found != null && found.isTextual() ? found.asText() : null;
    }

    /** The body's JSON; null for no body or one that is not JSON. */
    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return Wire.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
