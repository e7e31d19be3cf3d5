package dev.openagg.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One end user going through the guide's two-round flow through the balancer, the way a careful client does it: a
 * user and an MX Bank member with the password {@code options}, then the OPTIONS challenge, then the TOKEN challenge
 * ({@code correct}), until CONNECTED. Every request may land on any node. A reply lost with a dying node, or a 503,
 * is followed by reading the state again, so nothing is done twice and nothing is skipped.
 */
final class MfaRun {
    private static final Duration POLL = Duration.ofMillis(100);

    record Finished(String userGuid, String memberGuid, JsonNode status, int answers) {
    }

    private MfaRun() {
    }

    static Finished run(Balancer balancer, String key, Duration bound) {
        String user = createOrFind(() -> balancer.post("/users", "{\"user\": {\"id\": \"" + key + "\"}}"), "user",
                () -> first(balancer.get("/users?id=" + key), "users"), bound, "user " + key);
        String members = "/users/" + user + "/members";
        String member = createOrFind(() -> balancer.post(members, memberBody(key)), "member",
                () -> first(balancer.get(members), "members"), bound, "member of " + key);
        String path = members + "/" + member;
        Set<String> answered = new HashSet<>();
        Set<String> unconfirmed = new HashSet<>();
        JsonNode done = Await.until(() -> advance(balancer, path, answered, unconfirmed), MfaRun::isConnected, bound,
                POLL, "member " + member + " of " + key + " to be CONNECTED");
        return new Finished(user, member, done, answered.size());
    }

    private static String memberBody(String key) {
        return "{\"member\": {\"id\": \"" + key + "-m\", \"institution_code\": \"mxbank\", \"credentials\": ["
                + "{\"guid\": \"" + Flow.LOGIN + "\", \"value\": \"mxuser\"},"
                + " {\"guid\": \"" + Flow.PASSWORD + "\", \"value\": \"options\"}]}}";
    }

    /**
     * Reads the status once and answers an open challenge not answered yet; returns the status read (or null). An
     * answer whose reply was lost with a dying node is {@code unconfirmed} until a status read tells: still open, it
     * was not applied and is sent again; gone, the member moved past it, which only an applied answer does.
     */
    private static JsonNode advance(Balancer balancer, String path, Set<String> answered, Set<String> unconfirmed) {
        Reply reply = balancer.get(path + "/status");
        if (reply.status() == 503) {
            return null;
        }
        if (reply.status() != 200) {
            throw new AssertionError("status read failed: " + reply);
        }
        JsonNode status = reply.json().get("member");
        String open = status.at("/challenges/0/guid").asText(null);
        for (String guid : Set.copyOf(unconfirmed)) {
            unconfirmed.remove(guid);
            if (!guid.equals(open)) {
                answered.add(guid);
            }
        }
        String connection = status.get("connection_status").asText();
        boolean running = status.get("is_being_aggregated").asBoolean();
        if (!running && connection.equals("CREATED")) {
            // Created on a node that died before it started the first job: start it, as a client would.
            try {
                balancer.post(path + "/aggregate", null);
            } catch (Balancer.Lost lost) {
                // The next status read tells.
            }
            return status;
        }
        if (!running && !connection.equals("CONNECTED")) {
            throw new AssertionError("the job ended " + connection + ": " + status);
        }
        if (connection.equals("CHALLENGED")) {
            JsonNode challenge = status.at("/challenges/0");
            String guid = challenge.get("guid").asText();
            if (!answered.contains(guid)) {
                String value = challenge.get("type").asText().equals("OPTIONS")
                        ? challenge.at("/options/0/value").asText() : "correct";
                try {
                    int answer = balancer.put(path + "/resume", "{\"member\": {\"challenges\": [{\"guid\": \""
                            + guid + "\", \"value\": \"" + value + "\"}]}}").status();
                    if (answer == 202 || answer == 409) {
                        answered.add(guid);
                    } else if (answer != 503) {
                        throw new AssertionError("resume answered " + answer);
                    }
                } catch (Balancer.Lost lost) {
                    // Maybe applied, maybe not: the next status read tells.
                    unconfirmed.add(guid);
                }
            }
        }
        return status;
    }

    private static boolean isConnected(JsonNode status) {
        return status != null && status.get("connection_status").asText().equals("CONNECTED")
                && !status.get("is_being_aggregated").asBoolean();
    }

    private static String createOrFind(Supplier<Reply> create, String root, Supplier<Optional<String>> find,
                                       Duration bound, String what) {
        return Await.until(() -> {
            try {
                Reply reply = create.get();
                return switch (reply.status()) {
                    case 200, 202 -> Optional.of(reply.json().at("/" + root + "/guid").asText());
                    case 409 -> find.get();
                    case 503 -> Optional.<String>empty();
                    default -> throw new AssertionError("creating the " + what + " answered " + reply);
                };
            } catch (Balancer.Lost lost) {
                return find.get();
            }
        }, Optional::isPresent, bound, POLL, what + " to be created").orElseThrow();
    }

    /** The guid of the only item of a list, if it has one. */
    private static Optional<String> first(Reply list, String root) {
        if (list.status() != 200) {
            return Optional.empty();
        }
        JsonNode items = list.json().get(root);
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0).get("guid").asText());
    }
}
