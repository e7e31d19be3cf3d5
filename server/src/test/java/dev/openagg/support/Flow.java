package dev.openagg.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/** The steps of the guide's flow, as a client takes them: create a user and member, poll, answer. */
public final class Flow {
    public static final String LOGIN = "CRD-1ec75c4c-4d35-4a8b-8e2a-3b2e5f9b6a01";
    public static final String PASSWORD = "CRD-9d2f7a3e-8c41-4f6b-a0d5-6e1c2b7f4a02";
    private static final Duration BOUND = Duration.ofSeconds(15);

    private final Api api;
    public final String userGuid;

    public Flow(Api api) {
        this(api, api.post("/users", "{\"user\": {}}").json().at("/user/guid").asText());
    }

    /** A flow for a user that already exists. */
    public Flow(Api api, String userGuid) {
        this.api = api;
        this.userGuid = userGuid;
    }

    public static String memberBody(String username, String password, boolean skipAggregation) {
        return "{\"member\": {\"institution_code\": \"mxbank\", \"skip_aggregation\": " + skipAggregation
                + ", \"credentials\": [{\"guid\": \"" + LOGIN + "\", \"value\": \"" + username + "\"},"
                + " {\"guid\": \"" + PASSWORD + "\", \"value\": \"" + password + "\"}]}}";
    }

    /** Creates an MX Bank member for {@code mxuser} with this password; returns its guid. */
    public String member(String password, boolean skipAggregation) {
        Reply reply = api.post(members(), memberBody("mxuser", password, skipAggregation));
        if (reply.status() != 200 && reply.status() != 202) {
            throw new AssertionError("member not created: " + reply);
        }
        return reply.json().at("/member/guid").asText();
    }

    public String members() {
        return "/users/" + userGuid + "/members";
    }

    public String path(String memberGuid, String tail) {
        return members() + "/" + memberGuid + (tail.isEmpty() ? "" : "/" + tail);
    }

    public JsonNode status(String memberGuid) {
        Reply reply = api.get(path(memberGuid, "status"));
        if (reply.status() != 200) {
            throw new AssertionError("status read failed: " + reply);
        }
        return reply.json().get("member");
    }

    /** Polls the status until it shows one of {@code statuses}. */
    public JsonNode awaitStatus(String memberGuid, String... statuses) {
        return awaitStatusWithin(memberGuid, BOUND, statuses);
    }

    /** Polls the status until it shows one of {@code statuses}, for at most {@code bound}. */
    public JsonNode awaitStatusWithin(String memberGuid, Duration bound, String... statuses) {
        Set<String> wanted = Set.of(statuses);
        return Await.until(() -> status(memberGuid),
                s -> wanted.contains(s.get("connection_status").asText()) && (s.get("connection_status").asText().equals("CHALLENGED")
                        || !s.get("is_being_aggregated").asBoolean() || s.get("connection_status").asText().equals("DELAYED")),
                bound, "member " + memberGuid + " to reach " + wanted);
    }

    public Reply resume(String memberGuid, String challengeGuid, String value) {
        return api.put(path(memberGuid, "resume"), "{\"member\": {\"challenges\": [{\"guid\": \"" + challengeGuid
                + "\", \"value\": \"" + value + "\"}]}}");
    }

    public Reply start(String memberGuid, String job) {
        return api.post(path(memberGuid, job), null);
    }
}
