import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for complete two-round MFA flows (MX Bank password "options"): start a job, poll to CHALLENGED,
 * answer OPTIONS, poll to the next challenge, answer TOKEN, poll to CONNECTED. Runs N concurrent clients for a fixed
 * time and prints one JSON line: completed flows per second, p50/p99 of the time from a job start or resume to the
 * next status change the client sees, and, given the server's process id, the server's CPU time per completed flow.
 * Each client's user (and member, for balance flows) is made before the clock starts.
 *
 * Modes:
 * <ul>
 *   <li>"create": each flow starts by creating a member (whose first aggregation stores 90 days of data); one thread
 *       per client, polling every 5 ms so that steps are timed closely. A flow under way when the time is up is
 *       finished and counted.</li>
 *   <li>"balance": one member per client, each flow starts with check_balance (which stores balances only),
 *       isolating the MFA machinery from the cost of storing a new member's history; otherwise as "create".</li>
 *   <li>"poll": the connect widget's rate: status is polled once a second by many clients (1,000 in the benchmark),
 *       each an asynchronous state machine, all on a few threads. Flows are balance flows, or with
 *       {@code -DpollFlow=create} flows that create a member. Counting starts after a warm-up
 *       ({@code -DwarmupSeconds}, 10 by default) and stops when the time is up; flows then under way are left.</li>
 * </ul>
 * {@code -DpollMs=N} changes the polling interval of any mode; {@code -DserverPid=PID} reads the server's CPU time
 * (utime + stime from /proc/PID/stat, in ticks of {@code -DclockTicks}, 100 by default) over the counted time.
 *
 * Run with the server jar on the class path (for Jackson):
 *   java -cp target/openagg.jar bench/MfaLoad.java BASE_URL CLIENT_ID API_KEY CLIENTS SECONDS [create|balance|poll]
 */
public class MfaLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGIN = "CRD-1ec75c4c-4d35-4a8b-8e2a-3b2e5f9b6a01";
    private static final String PASSWORD = "CRD-9d2f7a3e-8c41-4f6b-a0d5-6e1c2b7f4a02";
    private static final Set<String> FAILURES =
            Set.of("REJECTED", "DENIED", "PREVENTED", "FAILED", "EXPIRED", "LOCKED", "DEGRADED");

    private final HttpClient http;
    private final String base;
    private final String auth;
    private final long pollMs;
    /** How long a client waits for one step before it counts the flow as an error. */
    private final long stepTimeoutNanos;
    private final List<Long> stepNanos = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger flows = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    /** Flows, steps and errors count when they end inside this window (System.nanoTime); by default always. */
    private volatile long windowOpens = Long.MIN_VALUE;
    private volatile long windowCloses = Long.MAX_VALUE;

    MfaLoad(String base, String clientId, String apiKey, long pollMs, long stepTimeoutSeconds, ExecutorService executor) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        this.http = (executor == null ? builder : builder.executor(executor)).build();
        this.base = base;
        this.auth = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
        this.pollMs = pollMs;
        this.stepTimeoutNanos = TimeUnit.SECONDS.toNanos(stepTimeoutSeconds);
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        String mode = args.length < 6 ? "create" : args[5];
        if (!Set.of("create", "balance", "poll").contains(mode)) {
            throw new IllegalArgumentException("mode is create, balance or poll, not " + mode);
        }
        boolean polled = mode.equals("poll");
        long pollMs = Long.getLong("pollMs", polled ? 1000 : 5);
        Long serverPid = Long.getLong("serverPid");
        long ticks = Long.getLong("clockTicks", 100);
        ExecutorService httpThreads = polled ? Executors.newFixedThreadPool(4) : null;
        MfaLoad load = new MfaLoad(args[0], args[1], args[2], pollMs, polled ? 60 : 30, httpThreads);

        String flowKind = polled ? System.getProperty("pollFlow", "balance") : mode;
        // users (and the members of balance flows) are made before the clock and the CPU count start
        List<String[]> accounts = load.prepare(clients, !flowKind.equals("create"));
        double cpuBefore;
        double elapsed;
        double cpu;
        if (polled) {
            // the window opens once the clients have settled into a steady state; flows still under way when it
            // closes are left unfinished, so a saturated server does not stretch the run
            long opens = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("warmupSeconds", 10));
            long closes = opens + TimeUnit.SECONDS.toNanos(seconds);
            load.window(opens, closes);
            load.startPolled(accounts, closes, flowKind.equals("create"));
            sleepUntil(opens);
            cpuBefore = serverPid == null ? 0 : cpuSeconds(serverPid, ticks);
            sleepUntil(closes);
            cpu = serverPid == null ? Double.NaN : cpuSeconds(serverPid, ticks) - cpuBefore;
            elapsed = seconds;
        } else {
            cpuBefore = serverPid == null ? 0 : cpuSeconds(serverPid, ticks);
            long start = System.nanoTime();
            load.runThreads(accounts, seconds, start + TimeUnit.SECONDS.toNanos(seconds));
            elapsed = (System.nanoTime() - start) / 1e9;
            cpu = serverPid == null ? Double.NaN : cpuSeconds(serverPid, ticks) - cpuBefore;
        }

        List<Long> steps = new ArrayList<>(load.stepNanos);
        Collections.sort(steps);
        int done = load.flows.get();
        System.out.printf(Locale.ROOT,
                "{\"mode\": \"%s\", \"flow\": \"%s\", \"clients\": %d, \"poll_ms\": %d, \"seconds\": %.1f, \"flows\": %d, "
                        + "\"flows_per_second\": %.2f, \"errors\": %d, \"steps\": %d, \"step_p50_ms\": %s, \"step_p99_ms\": %s, "
                        + "\"server_cpu_seconds\": %s, \"server_cpu_ms_per_flow\": %s}%n",
                mode, flowKind, clients, pollMs, elapsed, done, done / elapsed, load.errors.get(), steps.size(),
                number(percentile(steps, 0.50)), number(percentile(steps, 0.99)), number(cpu),
                number(done == 0 ? Double.NaN : cpu * 1000 / done));
        System.exit(0); // the HTTP client's selector thread would keep an idle JVM alive for a while
    }

    private void window(long opens, long closes) {
        windowOpens = opens;
        windowCloses = closes;
    }

    private boolean inWindow() {
        long now = System.nanoTime();
        return now >= windowOpens && now <= windowCloses;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** utime + stime of a process, in seconds (fields 14 and 15 of /proc/PID/stat, after the parenthesised name). */
    private static double cpuSeconds(long pid, long ticksPerSecond) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) ticksPerSecond;
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    private static String memberBody(boolean skipAggregation) {
        return "{\"member\": {\"institution_code\": \"mxbank\", \"skip_aggregation\": " + skipAggregation
                + ", \"credentials\": [{\"guid\": \"" + LOGIN + "\", \"value\": \"mxuser\"}, {\"guid\": \"" + PASSWORD
                + "\", \"value\": \"options\"}]}}";
    }

    private static String answerBody(String guid, String value) {
        return "{\"member\": {\"challenges\": [{\"guid\": \"" + guid + "\", \"value\": \"" + value + "\"}]}}";
    }

    /** Whether a status answer is the one a step waits for: {@code wanted}, with a challenge not seen before. */
    private static boolean arrived(JsonNode member, String wanted, String previousChallenge) {
        if (!member.get("connection_status").asText().equals(wanted)) {
            return false;
        }
        if (wanted.equals("CONNECTED")) {
            return !member.get("is_being_aggregated").asBoolean();
        }
        return !member.at("/challenges/0/guid").asText().equals(previousChallenge);
    }

    // ---- one thread per client, polling every few milliseconds ("create", "balance")

    /** For each client a user, and with {@code withMember} a connected member of it: {user, member or null}. */
    private List<String[]> prepare(int clients, boolean withMember) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(clients, 16));
        List<CompletableFuture<String[]>> made = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            made.add(CompletableFuture.supplyAsync(() -> {
                String user = send("POST", "/users", "{\"user\": {}}").at("/user/guid").asText();
                String member = withMember
                        ? send("POST", "/users/" + user + "/members", memberBody(true)).at("/member/guid").asText() : null;
                return new String[] {user, member};
            }, pool));
        }
        List<String[]> accounts = new ArrayList<>();
        for (CompletableFuture<String[]> account : made) {
            accounts.add(account.join());
        }
        pool.shutdown();
        return accounts;
    }

    private void runThreads(List<String[]> accounts, long seconds, long deadline) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(accounts.size());
        for (String[] account : accounts) {
            pool.submit(() -> client(deadline, account[0], account[1]));
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
    }

    private void client(long deadline, String user, String member) {
        while (System.nanoTime() < deadline) {
            try {
                flow(user, member);
                flows.incrementAndGet();
            } catch (RuntimeException e) {
                errors.incrementAndGet();
            }
        }
    }

    /** One flow: on a new member when {@code existing} is null, else a balance check on {@code existing}. */
    private void flow(String user, String existing) {
        long started = System.nanoTime();
        String member = existing == null
                ? send("POST", "/users/" + user + "/members", memberBody(false)).at("/member/guid").asText() : existing;
        String path = "/users/" + user + "/members/" + member;
        if (existing != null) {
            send("POST", path + "/check_balance", null);
        }
        JsonNode first = await(path, "CHALLENGED", null, started).at("/challenges/0");
        long resumed = System.nanoTime();
        send("PUT", path + "/resume", answerBody(first.get("guid").asText(), first.at("/options/0/value").asText()));
        JsonNode second = await(path, "CHALLENGED", first.get("guid").asText(), resumed).at("/challenges/0");
        resumed = System.nanoTime();
        send("PUT", path + "/resume", answerBody(second.get("guid").asText(), "correct"));
        await(path, "CONNECTED", null, resumed);
    }

    /** Polls until {@link #arrived}; records the step's latency. */
    private JsonNode await(String path, String wanted, String previousChallenge, long since) {
        long giveUp = System.nanoTime() + stepTimeoutNanos;
        while (System.nanoTime() < giveUp) {
            JsonNode member = send("GET", path + "/status", null).get("member");
            if (arrived(member, wanted, previousChallenge)) {
                stepNanos.add(System.nanoTime() - since);
                return member;
            }
            String status = member.get("connection_status").asText();
            if (FAILURES.contains(status)) {
                throw new IllegalStateException("unexpected status " + status);
            }
            try {
                Thread.sleep(pollMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("timed out waiting for " + wanted);
    }

    private JsonNode send(String method, String path, String body) {
        try {
            return parse(http.send(request(method, path, body), HttpResponse.BodyHandlers.ofByteArray()), method, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", auth)
                .header("Accept", "application/vnd.mx.api.v1+json");
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request.build();
    }

    private static JsonNode parse(HttpResponse<byte[]> response, String method, String path) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- asynchronous clients polling once a second ("poll")

    /** Starts the asynchronous clients; each starts flows until {@code closes}. */
    private void startPolled(List<String[]> accounts, long closes, boolean create) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        for (String[] account : accounts) {
            // starts spread over one polling interval, as users arrive, not all in the same millisecond
            long offset = ThreadLocalRandom.current().nextLong(Math.max(1, pollMs));
            timer.schedule(() -> polledFlows(timer, closes, account[0], create ? null : account[1]), offset, TimeUnit.MILLISECONDS);
        }
    }

    private CompletableFuture<Void> polledFlows(ScheduledExecutorService timer, long deadline, String user, String existing) {
        if (System.nanoTime() >= deadline) {
            return CompletableFuture.completedFuture(null);
        }
        return polledFlow(timer, user, existing).handle((ignored, failure) -> {
            if (inWindow()) {
                (failure == null ? flows : errors).incrementAndGet();
            }
            return null;
        }).thenCompose(ignored -> polledFlows(timer, deadline, user, existing));
    }

    private CompletableFuture<Void> polledFlow(ScheduledExecutorService timer, String user, String existing) {
        long started = System.nanoTime();
        CompletableFuture<String> member = existing == null
                ? sendAsync("POST", "/users/" + user + "/members", memberBody(false)).thenApply(m -> m.at("/member/guid").asText())
                : sendAsync("POST", "/users/" + user + "/members/" + existing + "/check_balance", null).thenApply(m -> existing);
        return member.thenCompose(guid -> {
            String path = "/users/" + user + "/members/" + guid;
            return awaitAsync(timer, path, "CHALLENGED", null, started, started + stepTimeoutNanos).thenCompose(first -> {
                JsonNode challenge = first.at("/challenges/0");
                long resumed = System.nanoTime();
                return sendAsync("PUT", path + "/resume", answerBody(challenge.get("guid").asText(), challenge.at("/options/0/value").asText()))
                        .thenCompose(r -> awaitAsync(timer, path, "CHALLENGED", challenge.get("guid").asText(), resumed, resumed + stepTimeoutNanos));
            }).thenCompose(second -> {
                JsonNode challenge = second.at("/challenges/0");
                long resumed = System.nanoTime();
                return sendAsync("PUT", path + "/resume", answerBody(challenge.get("guid").asText(), "correct"))
                        .thenCompose(r -> awaitAsync(timer, path, "CONNECTED", null, resumed, resumed + stepTimeoutNanos));
            });
        }).thenApply(connected -> null);
    }

    /** Polls every {@code pollMs} until {@link #arrived}; records the step's latency. */
    private CompletableFuture<JsonNode> awaitAsync(ScheduledExecutorService timer, String path, String wanted,
                                                   String previousChallenge, long since, long giveUp) {
        CompletableFuture<Void> later = new CompletableFuture<>();
        timer.schedule(() -> later.complete(null), pollMs, TimeUnit.MILLISECONDS);
        return later.thenCompose(ignored -> sendAsync("GET", path + "/status", null)).thenCompose(answer -> {
            JsonNode member = answer.get("member");
            if (arrived(member, wanted, previousChallenge)) {
                if (inWindow()) {
                    stepNanos.add(System.nanoTime() - since);
                }
                return CompletableFuture.completedFuture(member);
            }
            String status = member.get("connection_status").asText();
            if (FAILURES.contains(status)) {
                return CompletableFuture.failedFuture(new IllegalStateException("unexpected status " + status));
            }
            if (System.nanoTime() >= giveUp) {
                return CompletableFuture.failedFuture(new IllegalStateException("timed out waiting for " + wanted));
            }
            return awaitAsync(timer, path, wanted, previousChallenge, since, giveUp);
        });
    }

    private CompletableFuture<JsonNode> sendAsync(String method, String path, String body) {
        return http.sendAsync(request(method, path, body), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> parse(response, method, path));
    }
}
