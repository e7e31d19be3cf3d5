package dev.openagg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openagg.cli.Arguments;
import dev.openagg.cli.Command;
import dev.openagg.cli.Flag;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code openagg cds-training}, run by the build under {@code -XX:ArchiveClassesAtExit}: starts a server on a
 * throwaway data directory and a free port, sends it the requests a client makes (a user, two members, one of them
 * through an MFA challenge, status polls, accounts and transactions) through the real HTTP and database code, and
 * exits, leaving nothing behind. The JVM then writes the classes this loaded to an archive (AppCDS) that later
 * starts map instead of loading and verifying the classes again.
 */
final class CdsTraining {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String LOGIN = "CRD-1ec75c4c-4d35-4a8b-8e2a-3b2e5f9b6a01";
    private static final String PASSWORD = "CRD-9d2f7a3e-8c41-4f6b-a0d5-6e1c2b7f4a02";

    static final Flag WORK_DIR = Flag.value("--work-dir", null, null,
            "Where the throwaway data directory is made (default: the system's temporary directory).").labelled("DIR");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;
    private String authorization;

    static Command command() {
        return Command.of("cds-training", "Serve a few representative requests on a throwaway server, for the "
                + "class-data archive.", List.of(WORK_DIR), arguments -> new CdsTraining().run(arguments))
                .hiddenFromHelp();
    }

    private int run(Arguments arguments) throws IOException, InterruptedException {
        Path workDir = arguments.path(WORK_DIR);
        Path dir = workDir == null ? Files.createTempDirectory("openagg-training")
                : Files.createTempDirectory(workDir, "openagg-training");
        try {
            try (App app = App.start(Config.defaults(dir.resolve("data")).withPort(0).withClient("training",
                    "training-key-0123456789abcdef"), Clock.systemUTC())) {
                base = "http://127.0.0.1:" + app.port();
                authorization = "Basic " + Base64.getEncoder().encodeToString(
                        "training:training-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
                exercise();
            }
        } finally {
            delete(dir);
        }
        return 0;
    }

    private void exercise() throws IOException, InterruptedException {
        send("GET", "/health", null, 200);
        String user = send("POST", "/users", "{\"user\": {\"id\": \"training-user\"}}", 200)
                .path("user").path("guid").asText();
        send("GET", "/institutions?records_per_page=10", null, 200);
        send("GET", "/institutions/mxbank/credentials", null, 200);
        String members = "/users/" + user + "/members";
        String plain = createMember(members, "password");
        awaitStatus(members + "/" + plain, "CONNECTED");
        send("GET", members + "/" + plain + "/accounts", null, 200);
        send("GET", "/users/" + user + "/transactions", null, 200);
        String challenged = createMember(members, "challenge");
        JsonNode status = awaitStatus(members + "/" + challenged, "CHALLENGED");
        String challenge = status.path("member").path("challenges").path(0).path("guid").asText();
        send("PUT", members + "/" + challenged + "/resume", "{\"member\": {\"challenges\": [{\"guid\": \""
                + challenge + "\", \"value\": \"correct\"}]}}", 202);
        awaitStatus(members + "/" + challenged, "CONNECTED");
        send("GET", members + "/" + challenged, null, 200);
        send("GET", members + "/" + challenged + "/challenges", null, 204);
        send("GET", members + "/MBR-missing/status", null, 404);
    }

    private String createMember(String members, String password) throws IOException, InterruptedException {
        String body = "{\"member\": {\"institution_code\": \"mxbank\", \"credentials\": [{\"guid\": \"" + LOGIN
                + "\", \"value\": \"mxuser\"}, {\"guid\": \"" + PASSWORD + "\", \"value\": \"" + password + "\"}]}}";
        return send("POST", members, body, 202).path("member").path("guid").asText();
    }

    private JsonNode awaitStatus(String member, String wanted) throws IOException, InterruptedException {
        Instant until = Instant.now().plus(BOUND);
        while (Instant.now().isBefore(until)) {
            JsonNode status = send("GET", member + "/status", null, 200);
            if (status.path("member").path("connection_status").asText().equals(wanted)) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(member + " did not become " + wanted + " within " + BOUND);
    }

    private JsonNode send(String method, String path, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", authorization).header("Accept", "application/vnd.mx.api.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
                    + ", not " + expected + ": " + response.body());
        }
        return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
