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
     * read once, for the guids it names and then redacted.
     */
    static LoggedRequest of(Http.Answered captured) {
        var reply = Redaction.parse(captured.replyBody());
        String user = guid(captured, "USR-", "user_identifier", "user_guid");
        if (user == null) {
            user = bounded(first(Redaction.guidAt(reply, "/user/guid"), Redaction.guidAt(reply, "/member/user_guid")));
        }
        String member = guid(captured, "MBR-", "member_identifier", "member_guid");
        if (member == null) {
            member = bounded(Redaction.guidAt(reply, "/member/guid"));
        }
        long millis = Math.min(Math.round(captured.millis()), Integer.MAX_VALUE);
        return new LoggedRequest(captured.client(), captured.requestId(), captured.started(), captured.method(),
                cut(Redaction.path(captured.path())), captured.query() == null ? null : cut(Redaction.path(captured.query())),
                captured.status(), (int) millis, user, member, Redaction.sent(captured.requestBody()),
                Redaction.answered(captured.replyBody(), reply));
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
