import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for complete two-round MFA flows (MX Bank password "options"): start a job, poll to CHALLENGED,
 * answer OPTIONS, poll, answer TOKEN, poll to CONNECTED. Runs N concurrent clients for a fixed time and prints one
 * JSON line: completed flows per second, and p50/p99 of the time from a job start or resume to the next status
 * change the client sees.
 *
 * Modes: "create" starts each flow by creating a member (whose first aggregation stores 90 days of data);
 * "balance" creates one member per client and starts each flow with check_balance (which stores balances only),
 * isolating the MFA machinery from the cost of storing a new member's history.
 *
 * Run with the server jar on the class path (for Jackson):
 *   java -cp target/openagg.jar bench/MfaLoad.java BASE_URL CLIENT_ID API_KEY CLIENTS SECONDS [create|balance]
 */
public class MfaLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGIN = "CRD-1ec75c4c-4d35-4a8b-8e2a-3b2e5f9b6a01";
    private static final String PASSWORD = "CRD-9d2f7a3e-8c41-4f6b-a0d5-6e1c2b7f4a02";
    private static final java.util.Set<String> FAILURES =
            java.util.Set.of("REJECTED", "DENIED", "PREVENTED", "FAILED", "EXPIRED", "LOCKED", "DEGRADED");
    /** Between status polls; a real client polls every few seconds, this one often enough to time steps closely. */
    private static final long POLL_MS = Long.getLong("pollMs", 5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String auth;
    private final List<Long> stepNanos = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger flows = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();

    MfaLoad(String base, String clientId, String apiKey) {
        this.base = base;
        this.auth = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        MfaLoad load = new MfaLoad(args[0], args[1], args[2]);
        int clients = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        boolean create = args.length < 6 || args[5].equals("create");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            pool.submit(() -> load.client(deadline, create));
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> steps = new ArrayList<>(load.stepNanos);
        Collections.sort(steps);
        System.out.printf(java.util.Locale.ROOT,
                "{\"mode\": \"%s\", \"clients\": %d, \"seconds\": %.1f, \"flows\": %d, \"flows_per_second\": %.1f, \"errors\": %d, "
                        + "\"steps\": %d, \"step_p50_ms\": %.2f, \"step_p99_ms\": %.2f}%n",
                create ? "create" : "balance", clients, elapsed, load.flows.get(), load.flows.get() / elapsed, load.errors.get(), steps.size(),
                percentile(steps, 0.50), percentile(steps, 0.99));
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    private void client(long deadline, boolean create) {
        try {
            String user = send("POST", "/users", "{\"user\": {}}").at("/user/guid").asText();
            String member = create ? null : newMember(user, true);
            while (System.nanoTime() < deadline) {
                try {
                    flow(user, member);
                    flows.incrementAndGet();
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            errors.incrementAndGet();
        }
    }

    private String newMember(String user, boolean skipAggregation) {
        return send("POST", "/users/" + user + "/members", "{\"member\": {\"institution_code\": \"mxbank\","
                + " \"skip_aggregation\": " + skipAggregation + ", \"credentials\": [{\"guid\": \"" + LOGIN
                + "\", \"value\": \"mxuser\"}, {\"guid\": \"" + PASSWORD + "\", \"value\": \"options\"}]}}")
                .at("/member/guid").asText();
    }

    /** One flow: on a new member when {@code existing} is null, else a balance check on {@code existing}. */
    private void flow(String user, String existing) {
        long started = System.nanoTime();
        String member = existing == null ? newMember(user, false) : existing;
        String path = "/users/" + user + "/members/" + member;
        if (existing != null) {
            send("POST", path + "/check_balance", null);
        }
        JsonNode first = await(path, "CHALLENGED", started).at("/challenges/0");
        long resumed = System.nanoTime();
        answer(path, first.get("guid").asText(), first.at("/options/0/value").asText());
        JsonNode second = await(path, "CHALLENGED", resumed).at("/challenges/0");
        resumed = System.nanoTime();
        answer(path, second.get("guid").asText(), "correct");
        await(path, "CONNECTED", resumed);
    }

    private void answer(String path, String guid, String value) {
        send("PUT", path + "/resume", "{\"member\": {\"challenges\": [{\"guid\": \"" + guid + "\", \"value\": \"" + value + "\"}]}}");
    }

    /** Polls until the status is {@code wanted} with a challenge guid not seen before; records the step's latency. */
    private JsonNode await(String path, String wanted, long since) {
        long give_up = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < give_up) {
            JsonNode member = send("GET", path + "/status", null).get("member");
            String status = member.get("connection_status").asText();
            if (status.equals(wanted) && (!wanted.equals("CONNECTED") || !member.get("is_being_aggregated").asBoolean())) {
                stepNanos.add(System.nanoTime() - since);
                return member;
            }
            if (FAILURES.contains(status)) {
                throw new IllegalStateException("unexpected status " + status);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("timed out waiting for " + wanted);
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", auth)
                .header("Accept", "application/vnd.mx.api.v1+json");
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
