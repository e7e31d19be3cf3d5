import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for complete two-round MFA flows (MX Bank password "options"): start a job, poll to CHALLENGED,
 * answer OPTIONS, poll to the next challenge, answer TOKEN, poll to CONNECTED. Runs N concurrent clients for a fixed
 * time and prints one JSON line: completed flows per second, p50/p99 of the time from a job start or resume to the
 * next status change the client sees, and, given the server's process id, the server's CPU time per completed flow,
 * with this process's own CPU time per flow beside it (it runs on the same cores as the server).
 * Each client's user (and member, for balance flows) is made before the clock starts.
 *
 * <p>Each client is a thread with its own kept-alive HTTP/1.1 connection ({@link PlainConnection}), which sleeps
 * between polls. The JDK's HTTP client hands every exchange to its selector thread and an executor and back: under
 * the {@code balance} flows that cost this process 2.7–3.0 ms of CPU a flow, against 0.6 on plain connections, beside
 * the server's 5–6 ms on the same two cores.
 *
 * Modes:
 * <ul>
 *   <li>"create": each flow starts by creating a member (whose first aggregation stores 90 days of data), polling
 *       every 5 ms so that steps are timed closely. A flow under way when the time is up is finished and counted.</li>
 *   <li>"balance": one member per client, each flow starts with check_balance (which stores balances only),
 *       isolating the MFA machinery from the cost of storing a new member's history; otherwise as "create".</li>
 *   <li>"poll": the connect widget's rate: status is polled once a second by many clients (1,000 in the benchmark),
 *       whose first flows start spread over one polling interval, and who wait one interval before a step's first
 *       poll. Flows are balance flows, or with
 *       {@code -DpollFlow=create} flows that create a member. Counting starts after a warm-up
 *       ({@code -DwarmupSeconds}, 10 by default) and stops when the time is up; flows then under way are left.</li>
 * </ul>
 * {@code -DpollMs=N} changes the polling interval of any mode; {@code -DserverPid=PID} reads the server's CPU time
 * (utime + stime from /proc/PID/stat, in ticks of {@code -DclockTicks}, 100 by default) over the counted time, and
 * {@code -DdatabasePid=PID} that of a PostgreSQL server (its postmaster's process id) and its processes.
 *
 * Run with the server jar on the class path (for Jackson):
 *   java -cp target/openagg.jar bench/MfaLoad.java BASE_URL CLIENT_ID API_KEY CLIENTS SECONDS [create|balance|poll]
 */
public class MfaLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long OWN_PID = ProcessHandle.current().pid();
    private static final String LOGIN = "CRD-1ec75c4c-4d35-4a8b-8e2a-3b2e5f9b6a01";
    private static final String PASSWORD = "CRD-9d2f7a3e-8c41-4f6b-a0d5-6e1c2b7f4a02";
    private static final Set<String> FAILURES =
            Set.of("REJECTED", "DENIED", "PREVENTED", "FAILED", "EXPIRED", "LOCKED", "DEGRADED");
    /** A client thread's stack: a flow's calls are shallow, and the poll mode runs a thousand of them. */
    private static final long STACK_BYTES = 256 * 1024;

    private final ThreadLocal<PlainConnection> connections;
    private final String auth;
    private final long pollMs;
    /** Whether a step's first poll waits one interval (the poll mode). */
    private final boolean waitFirst;
    /** How long a client waits for one step before it counts the flow as an error. */
    private final long stepTimeoutNanos;
    private final List<Long> stepNanos = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger flows = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    /** Flows, steps and errors count when they end inside this window (System.nanoTime); by default always. */
    private volatile long windowOpens = Long.MIN_VALUE;
    private volatile long windowCloses = Long.MAX_VALUE;

    MfaLoad(String base, String clientId, String apiKey, long pollMs, boolean waitFirst, long stepTimeoutSeconds) {
        URI uri = URI.create(base);
        this.connections = ThreadLocal.withInitial(() -> new PlainConnection(uri.getHost(), uri.getPort()));
        this.auth = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
        this.pollMs = pollMs;
        this.waitFirst = waitFirst;
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
        Long databasePid = Long.getLong("databasePid");
        long ticks = Long.getLong("clockTicks", 100);
        MfaLoad load = new MfaLoad(args[0], args[1], args[2], pollMs, polled, polled ? 60 : 30);

        String flowKind = polled ? System.getProperty("pollFlow", "balance") : mode;
        // users (and the members of balance flows) are made before the clock and the CPU count start
        List<String[]> accounts = load.prepare(clients, !flowKind.equals("create"));
        long opens;
        long closes;
        if (polled) {
            // the window opens once the clients have settled into a steady state; flows still under way when it
            // closes are left unfinished, so a saturated server does not stretch the run
            opens = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("warmupSeconds", 10));
            closes = opens + TimeUnit.SECONDS.toNanos(seconds);
            load.window(opens, closes);
        } else {
            opens = System.nanoTime();
            closes = opens + TimeUnit.SECONDS.toNanos(seconds);
        }
        List<Thread> threads = load.startClients(accounts, closes, polled);
        sleepUntil(opens);
        double cpuBefore = serverPid == null ? 0 : cpuSeconds(serverPid, ticks);
        double ownBefore = cpuSeconds(OWN_PID, ticks);
        double databaseBefore = databasePid == null ? 0 : databaseCpuSeconds(databasePid, ticks);
        long start = System.nanoTime();
        if (polled) {
            sleepUntil(closes);
        } else {
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(seconds + 60));
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = serverPid == null ? Double.NaN : cpuSeconds(serverPid, ticks) - cpuBefore;
        double own = cpuSeconds(OWN_PID, ticks) - ownBefore;
        double database = databasePid == null ? Double.NaN : databaseCpuSeconds(databasePid, ticks) - databaseBefore;

        List<Long> steps = new ArrayList<>(load.stepNanos);
        Collections.sort(steps);
        int done = load.flows.get();
        System.out.printf(Locale.ROOT,
                "{\"mode\": \"%s\", \"flow\": \"%s\", \"clients\": %d, \"poll_ms\": %d, \"seconds\": %.1f, \"flows\": %d, "
                        + "\"flows_per_second\": %.2f, \"errors\": %d, \"steps\": %d, \"step_p50_ms\": %s, \"step_p99_ms\": %s, "
                        + "\"server_cpu_seconds\": %s, \"server_cpu_ms_per_flow\": %s, \"load_cpu_ms_per_flow\": %s, "
                        + "\"database_cpu_ms_per_flow\": %s}%n",
                mode, flowKind, clients, pollMs, elapsed, done, done / elapsed, load.errors.get(), steps.size(),
                number(percentile(steps, 0.50)), number(percentile(steps, 0.99)), number(cpu),
                number(perFlow(cpu, done)), number(perFlow(own, done)), number(perFlow(database, done)));
        System.exit(0); // the poll mode's clients are still in their flows
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

    /**
     * The fields of /proc/PID/stat after the parenthesised name, which may hold spaces: {@code fields[0]} is field 3
     * (the state), so the parent (4) is at 1, and utime, stime, cutime and cstime (14 to 17) are at 11 to 14.
     */
    private static String[] statFields(Path process) throws IOException {
        String stat = Files.readString(process.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** utime + stime of a process, in seconds. */
    private static double cpuSeconds(long pid, long ticksPerSecond) throws IOException {
        return ownTicks(statFields(Path.of("/proc/" + pid))) / (double) ticksPerSecond;
    }

    /** utime + stime, in clock ticks, from a process's {@link #statFields}. */
    private static long ownTicks(String[] fields) {
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * CPU seconds of a PostgreSQL server: its postmaster with the children it has reaped, and the processes it runs
     * now (one per connection, and its writers), which are its children.
     */
    private static double databaseCpuSeconds(long postmaster, long ticksPerSecond) throws IOException {
        long ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] fields;
                try {
                    fields = statFields(process);
                } catch (IOException gone) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (pid == postmaster) {
                    ticks += ownTicks(fields) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                } else if (Long.parseLong(fields[1]) == postmaster) {
                    ticks += ownTicks(fields);
                }
            }
        }
        return ticks / (double) ticksPerSecond;
    }

    /** CPU seconds spread over the flows, in milliseconds a flow. */
    private static double perFlow(double seconds, int flows) {
        return flows == 0 ? Double.NaN : seconds * 1000 / flows;
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

    /**
     * One thread per client, starting flows until {@code deadline}. With {@code spread} each client's first flow starts
     * at a random moment within one polling interval, as users arrive, not all in the same millisecond.
     */
    private List<Thread> startClients(List<String[]> accounts, long deadline, boolean spread) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            String[] account = accounts.get(i);
            long delay = spread ? ThreadLocalRandom.current().nextLong(Math.max(1, pollMs)) : 0;
            Thread thread = new Thread(null, () -> client(deadline, delay, account[0], account[1]), "client-" + i, STACK_BYTES);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    private void client(long deadline, long delayMs, String user, String member) {
        try {
            Thread.sleep(delayMs);
        } catch (InterruptedException e) {
            return;
        }
        while (System.nanoTime() < deadline) {
            boolean done;
            try {
                flow(user, member);
                done = true;
            } catch (RuntimeException e) {
                done = false;
            }
            if (inWindow()) {
                (done ? flows : errors).incrementAndGet();
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

    /**
     * Polls every {@code pollMs} until {@link #arrived}; records the step's latency. The poll mode waits one interval
     * before its first poll, as the connect widget does; the others poll at once.
     */
    private JsonNode await(String path, String wanted, String previousChallenge, long since) {
        long giveUp = System.nanoTime() + stepTimeoutNanos;
        if (waitFirst) {
            pause();
        }
        while (System.nanoTime() < giveUp) {
            JsonNode member = send("GET", path + "/status", null).get("member");
            if (arrived(member, wanted, previousChallenge)) {
                if (inWindow()) {
                    stepNanos.add(System.nanoTime() - since);
                }
                return member;
            }
            String status = member.get("connection_status").asText();
            if (FAILURES.contains(status)) {
                throw new IllegalStateException("unexpected status " + status);
            }
            pause();
        }
        throw new IllegalStateException("timed out waiting for " + wanted);
    }

    private void pause() {
        try {
            Thread.sleep(pollMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A blocking request on the calling thread's own kept-alive connection. */
    private JsonNode send(String method, String path, String body) {
        try {
            PlainConnection.Reply reply = connections.get().exchange(method, path, auth, body);
            if (reply.status() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + reply.status());
            }
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One HTTP/1.1 connection of a client thread, kept alive between requests. Replies are read by their
     * Content-Length or in chunks. A request on a kept connection that fails before any byte of its reply arrives (the
     * server closed the connection when it was idle) is sent once more on a new one.
     */
    static final class PlainConnection {
        record Reply(int status, byte[] body) {
        }

        private final String host;
        private final int port;
        private Socket socket;
        private BufferedInputStream in;
        private OutputStream out;
        /** Whether a byte of the reply being read has arrived: a request is sent again only before that. */
        private boolean replyStarted;

        PlainConnection(String host, int port) {
            this.host = host;
            this.port = port;
        }

        Reply exchange(String method, String path, String authorization, String body) throws IOException {
            boolean reused = socket != null;
            if (!reused) {
                open();
            }
            byte[] request = request(method, path, authorization, body);
            try {
                out.write(request);
                out.flush();
                return read();
            } catch (IOException e) {
                close();
                if (!reused || replyStarted || e instanceof SocketTimeoutException) {
                    throw e;
                }
                open();
                out.write(request);
                out.flush();
                return read();
            }
        }

        private void open() throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 4 * 1024);
        }

        private void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // already unusable
            }
            socket = null;
        }

        private byte[] request(String method, String path, String authorization, String body) {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n")
                    .append("Authorization: ").append(authorization).append("\r\n")
                    .append("Accept: application/vnd.mx.api.v1+json\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\n");
            }
            if (body != null || !method.equals("GET")) {
                head.append("Content-Length: ").append(content.length).append("\r\n");
            }
            byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(headBytes, headBytes.length + content.length);
            System.arraycopy(content, 0, request, headBytes.length, content.length);
            return request;
        }

        private Reply read() throws IOException {
            replyStarted = false;
            int first = in.read();
            if (first == -1) {
                throw new EOFException("connection closed before a reply");
            }
            replyStarted = true;
            String rest = line();
            if (rest == null) {
                throw new EOFException("reply cut short");
            }
            String statusLine = (char) first + rest;
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Integer.parseInt(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> closes = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            byte[] body;
            if (chunked) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int size = chunkSize(); size > 0; size = chunkSize()) {
                    all.write(in.readNBytes(size));
                    line();
                }
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers are not used
                }
                body = all.toByteArray();
            } else if (length >= 0) {
                body = in.readNBytes(length);
                if (body.length < length) {
                    throw new EOFException("reply cut short");
                }
            } else {
                body = in.readAllBytes();
                closes = true;
            }
            if (closes) {
                close();
            }
            return new Reply(status, body);
        }

        /** The size of the next chunk of a chunked body, from its line (any extension after ';' ignored). */
        private int chunkSize() throws IOException {
            String line = line();
            if (line == null) {
                throw new EOFException("reply cut short");
            }
            return Integer.parseInt(line.split(";")[0].trim(), 16);
        }

        /** A header line without its CRLF, or null at the end of the stream before any byte of it. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) b);
            }
            if (line.length() == 0) {
                return null;
            }
            throw new EOFException("connection closed inside a header");
        }
    }
}
