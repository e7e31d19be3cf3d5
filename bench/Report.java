import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns bench/results.json into docs/performance.md: the figures as tables and each target with its verdict.
 *   java -cp target/openagg.jar bench/Report.java bench/results.json docs/performance.md
 */
public class Report {
    public static void main(String[] args) throws Exception {
        JsonNode r = new ObjectMapper().readTree(Files.readString(Path.of(args[0])));
        StringBuilder md = new StringBuilder();
        JsonNode m = r.get("machine");
        md.append("# Performance\n\n");
        md.append("The last run of `bench/run` (").append(r.get("date").asText()).append("), on ")
                .append(m.get("cpus").asInt()).append(" CPUs (").append(m.get("cpu").asText()).append("), ")
                .append(m.get("memory_gb").asInt()).append(" GB, ").append(m.get("java").asText())
                .append(", embedded H2; the load generators ran on the same machine. Server JVM options: `")
                .append(r.get("jvm_options").asText()).append("`; each wrk run lasted ")
                .append(r.get("duration_seconds").asInt()).append(" s after a warm-up.\n\n");

        md.append("## Read path: `GET .../members/{m}/status` against `GET /health`\n\n");
        md.append("| members | connections | status req/s | status p50 | status p99 | health req/s | health p50 | health p99 | status / health |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        JsonNode reads = r.get("reads");
        double statusAt10k = 0;
        double statusAt1m = 0;
        double ratioAt100k64 = -1;
        String p99At100k64 = "";
        for (int i = 0; i + 1 < reads.size(); i += 2) {
            JsonNode status = reads.get(i).get("run");
            JsonNode health = reads.get(i + 1).get("run");
            int members = reads.get(i).get("members").asInt();
            int connections = status.get("connections").asInt();
            double ratio = status.get("requests_per_second").asDouble() / health.get("requests_per_second").asDouble();
            md.append(String.format(Locale.ROOT, "| %,d | %d | %,.0f | %s | %s | %,.0f | %s | %s | %.2f |%n", members,
                    connections, status.get("requests_per_second").asDouble(), status.get("p50").asText(),
                    status.get("p99").asText(), health.get("requests_per_second").asDouble(), health.get("p50").asText(),
                    health.get("p99").asText(), ratio));
            if (connections == 64 && members == 10_000) {
                statusAt10k = status.get("requests_per_second").asDouble();
            }
            if (connections == 64 && members == 1_000_000) {
                statusAt1m = status.get("requests_per_second").asDouble();
            }
            if (connections == 64 && members == 100_000) {
                ratioAt100k64 = ratio;
                p99At100k64 = status.get("p99").asText();
            }
        }

        JsonNode mfa = r.get("mfa");
        md.append("\n## MFA flows\n\n");
        md.append("Complete two-round `options` flows (start a job, poll to CHALLENGED, answer OPTIONS, poll, answer TOKEN, "
                + "poll to CONNECTED); step latency is the time from a job start or resume to the next status change the "
                + "client sees (it polls every 5 ms).\n\n");
        md.append("| flow starts with | clients | flows/s | errors | steps | step p50 | step p99 |\n|---|---:|---:|---:|---:|---:|---:|\n");
        mfaRow(md, "creating a member (first aggregation stores 90 days of data)", mfa);
        if (r.has("mfa_balance")) {
            mfaRow(md, "`check_balance` on an existing member (stores balances only)", r.get("mfa_balance"));
        }

        md.append("\n## Start and memory\n\n");
        md.append("Process start to the first served request: ").append(r.get("start_to_first_request_ms").asInt())
                .append(" ms. Largest resident memory after the runs: ")
                .append(r.get("resident_memory_mb_after_runs").asInt()).append(" MB.\n");

        md.append("\n## Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        target(md, "status throughput ≥ 0.5 × health (100,000 members, 64 connections)",
                String.format(Locale.ROOT, "%.2f", ratioAt100k64), ratioAt100k64 >= 0.5);
        target(md, "status p99 < 10 ms at 64 connections (100,000 members)", p99At100k64, millis(p99At100k64) < 10);
        target(md, "≥ 300 complete two-round MFA flows/s", String.format(Locale.ROOT, "%.1f", mfa.get("flows_per_second").asDouble()),
                mfa.get("flows_per_second").asDouble() >= 300);
        target(md, "job-step p99 < 50 ms", String.format(Locale.ROOT, "%.1f ms", mfa.get("step_p99_ms").asDouble()),
                mfa.get("step_p99_ms").asDouble() < 50);
        if (statusAt10k > 0 && statusAt1m > 0) {
            double drop = 1 - statusAt1m / statusAt10k;
            target(md, "read throughput at 1,000,000 members within 20% of 10,000",
                    String.format(Locale.ROOT, "%+.0f%%", -drop * 100), drop <= 0.20);
        }
        target(md, "start to first request < 1.5 s", r.get("start_to_first_request_ms").asInt() + " ms",
                r.get("start_to_first_request_ms").asInt() < 1500);
        target(md, "resident memory < 400 MB", r.get("resident_memory_mb_after_runs").asInt() + " MB",
                r.get("resident_memory_mb_after_runs").asInt() < 400);
        md.append("\n");
        Path notes = Path.of("bench/NOTES.md");
        if (Files.exists(notes)) {
            md.append(Files.readString(notes));
        }
        Files.writeString(Path.of(args[1]), md.toString());
    }

    private static void mfaRow(StringBuilder md, String start, JsonNode m) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %d | %d | %.1f ms | %.1f ms |%n", start,
                m.get("clients").asInt(), m.get("flows_per_second").asDouble(), m.get("errors").asInt(),
                m.get("steps").asInt(), m.get("step_p50_ms").asDouble(), m.get("step_p99_ms").asDouble()));
    }

    private static void target(StringBuilder md, String what, String measured, boolean met) {
        md.append("| ").append(what).append(" | ").append(measured).append(" | ").append(met ? "met" : "**missed**").append(" |\n");
    }

    /** wrk's latency ("812.00us", "3.21ms", "1.02s") in milliseconds. */
    private static double millis(String latency) {
        if (latency.endsWith("us")) {
            return Double.parseDouble(latency.substring(0, latency.length() - 2)) / 1000;
        }
        if (latency.endsWith("ms")) {
            return Double.parseDouble(latency.substring(0, latency.length() - 2));
        }
        if (latency.endsWith("s")) {
            return Double.parseDouble(latency.substring(0, latency.length() - 1)) * 1000;
        }
        return Double.NaN;
    }
}
