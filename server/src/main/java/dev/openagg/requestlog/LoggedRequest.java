package dev.openagg.requestlog;

import dev.openagg.api.Http;
import java.time.Instant;

/** A stored entry of the request log, bodies already redacted (see {@link Redaction}). */
public record LoggedRequest(String clientId, String requestId, Instant requestedAt, String method, String path,
                            String query, int status, int durationMs, String userGuid, String memberGuid,
                            String requestBody, String responseBody) {
    private static final int GUID_MAX = 48;
    private static final int PATH_MAX = 2048;

    /**
     * The entry the log keeps for {@code captured}: bodies redacted, token paths masked, and the user and member the
     * request named in its path or its reply (a created user or member is named only in the reply). The reply is
     * read once, redacted as it is read, and the guids it names noted on the way.
     */
    static LoggedRequest of(Http.Answered captured) {
        Redaction.Kept reply = Redaction.reply(captured.replyBody());
        String user = guid(captured, "USR-", "user_identifier", "user_guid");
        if (user == null) {
            user = bounded(first(reply.guid("/user/guid"), reply.guid("/member/user_guid")));
        }
        String member = guid(captured, "MBR-", "member_identifier", "member_guid");
        if (member == null) {
            member = bounded(reply.guid("/member/guid"));
        }
        long millis = Math.min(Math.round(captured.millis()), Integer.MAX_VALUE);
        return new LoggedRequest(captured.client(), captured.requestId(), captured.started(), captured.method(),
                cut(Redaction.path(captured.path())), captured.query() == null ? null : cut(Redaction.path(captured.query())),
                captured.status(), (int) millis, user, member, Redaction.sent(captured.requestBody()),
                reply.text());
    }

    /** A path parameter holding a guid of that kind (a user may also be named by the client's own id, not kept). */
    private static String guid(Http.Answered captured, String prefix, String... names) {
        for (String name : names) {
            String value = captured.pathParameters().get(name);
            if (value != null && value.startsWith(prefix) && value.length() <= GUID_MAX) {
                return value;
            }
        }
        return null;
    }

    private static String bounded(String guid) {
        return guid == null || guid.length() > GUID_MAX ? null : guid;
    }

    private static String cut(String text) {
        return text.length() <= PATH_MAX ? text : text.substring(0, PATH_MAX);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
