package dev.openagg.requestlog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.openagg.api.Wire;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A body as the request log may keep it. Only JSON is kept, and only after every value under a secret's name is
 * replaced by {@value #MARK}: credential values and MFA answers ({@code value} in what clients send), passwords,
 * webhook signing secrets, API keys, tokens, and the one-time tokens in widget and consent URLs. A body that is not
 * JSON is not kept at all (it could hold anything), only its size; a kept body is cut at {@value #MAX_CHARS}
 * characters.
 *
 * <p>The body is redacted as it is read, token by token, and written compact: every entry of the log passes through
 * here, and building a tree of each reply cost the log's writer more than storing the entry.
 */
final class Redaction {
    static final String MARK = "[redacted]";
    static final int MAX_CHARS = 16_384;
    /** Names whose values are secret wherever they appear. */
    private static final Set<String> SECRET = Set.of("password", "secret", "api_key", "token", "access_token",
            "refresh_token", "answer", "answers", "credential_value", "passcode");
    /** Secret only in what clients send: in replies, {@code value} is a challenge option's, which the end user saw. */
    private static final String SENT_VALUE = "value";
    /** What precedes the one-time token ending a connect-widget or consent-page URL, as those features build them. */
    private static final List<String> TOKEN_URL_STARTS = List.of("/widget/connect/", "/oauth/authorize/");
    /** Such a URL's token, masked only in a text that holds one of those starts. */
    private static final Pattern TOKEN_URL = Pattern.compile("(" + String.join("|", TOKEN_URL_STARTS) + ")[^/?#\"\\s]+");
    /** The objects at a reply's top whose guids name the request's user or member. */
    private static final Set<String> NAMING = Set.of("user", "member");
    private static final Set<String> GUIDS = Set.of("guid", "user_guid");

    private Redaction() {
    }

    /**
     * A body as the log keeps it: {@code text} (null for no body), and the guids a reply names, by JSON pointer
     * ({@code /user/guid}, {@code /member/guid}, {@code /member/user_guid}).
     */
    record Kept(String text, Map<String, String> guids) {
        static final Kept NONE = new Kept(null, Map.of());

        /** The guid at {@code pointer}, or null. */
        String guid(String pointer) {
            return guids.get(pointer);
        }
    }

    /** What the client sent, redacted; null for no body. */
    static String sent(byte[] body) {
        return kept(body, true).text();
    }

    /** What the server answered, redacted, with the guids it names. */
    static Kept reply(byte[] body) {
        return kept(body, false);
    }

    private static Kept kept(byte[] body, boolean sent) {
        if (body == null || body.length == 0) {
            return Kept.NONE;
        }
        StringWriter out = new StringWriter(Math.min(body.length, MAX_CHARS) + 16);
        Map<String, String> guids = new HashMap<>(4);
        try (JsonParser in = Wire.MAPPER.getFactory().createParser(body);
             JsonGenerator copy = Wire.MAPPER.getFactory().createGenerator(out)) {
            JsonToken first = in.nextToken();
            if (first == null) {
                return Kept.NONE;
            }
            copy(in, first, copy, sent, guids);
        } catch (IOException e) {
            return new Kept("[" + body.length + " bytes, not JSON: not kept]", Map.of());
        }
        String text = out.toString();
        return new Kept(text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "... [cut at " + MAX_CHARS
                + " of " + text.length() + " characters]", guids);
    }

    /** Copies the value starting at {@code token}, and all it holds, redacting on the way. */
    private static void copy(JsonParser in, JsonToken token, JsonGenerator out, boolean sent, Map<String, String> guids)
            throws IOException {
        int depth = 0;
        do {
            if (token == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                out.writeFieldName(name);
                token = in.nextToken();
                if (token != JsonToken.VALUE_NULL && secret(name, sent)) {
                    out.writeString(MARK);
                    in.skipChildren();
                    continue;
                }
            }
            if (token.isStructStart()) {
                depth++;
                out.copyCurrentEvent(in);
            } else if (token.isStructEnd()) {
                depth--;
                out.copyCurrentEvent(in);
            } else if (token == JsonToken.VALUE_STRING) {
                String text = in.getText();
                out.writeString(masked(text));
                noteGuid(in.getParsingContext(), text, guids);
            } else {
                out.copyCurrentEvent(in);
            }
        } while (depth > 0 && (token = in.nextToken()) != null);
        if (depth > 0) {
            throw new IOException("the body ended inside a value");
        }
    }

    private static boolean secret(String name, boolean sent) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET.contains(lower) || (sent && lower.equals(SENT_VALUE));
    }

    /** A text value with any widget or consent token in it replaced. */
    private static String masked(String text) {
        for (String start : TOKEN_URL_STARTS) {
            if (text.contains(start)) {
                return TOKEN_URL.matcher(text).replaceAll("$1" + MARK);
            }
        }
        return text;
    }

    /** Notes a text at {@code /user/...} or {@code /member/...} that may name the request's user or member. */
    private static void noteGuid(JsonStreamContext at, String text, Map<String, String> guids) {
        JsonStreamContext parent = at.getParent();
        boolean atTop = parent != null && parent.inObject() && parent.getParent() != null && parent.getParent().inRoot();
        if (atTop && at.inObject() && GUIDS.contains(at.getCurrentName()) && NAMING.contains(parent.getCurrentName())) {
            guids.put("/" + parent.getCurrentName() + "/" + at.getCurrentName(), text);
        }
    }

    /** A path as the log keeps it: a token in it (the widget's and consent page's) replaced. */
    static String path(String path) {
        return masked(path);
    }
}
