package dev.openagg.cluster;

import dev.openagg.connector.Answer;
import dev.openagg.connector.Connector;
import dev.openagg.connector.CredentialField;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A connector plug-in for the crash tests, put on a node's class path beside the jar: its login step takes as long
 * as the password says, so a test can kill or stop a node while a step runs. Password {@code sleep:MILLIS} takes that
 * long; {@code hold} lasts until the file {@code release} exists in the directory {@code SLOWBANK_DIR}. Every call
 * is written to {@code SLOWBANK_DIR/<node name>.log} as {@code begin|end <job guid> <epoch millis>} lines.
 */
public final class SlowBank implements Connector {
    public static final String CODE = "slowbank";
    public static final String LOGIN = "CRD-5b0a1c2d-0000-4000-8000-00000000a001";
    public static final String PASSWORD = "CRD-5b0a1c2d-0000-4000-8000-00000000a002";
    private static final InstitutionInfo INFO = new InstitutionInfo(CODE, "Slow Bank", "https://example.com",
            "A test institution whose login takes as long as its password says.",
            List.of(new CredentialField(LOGIN, "LOGIN", "Username", "TEXT", 1),
                    new CredentialField(PASSWORD, "PASSWORD", "Password", "PASSWORD", 2)),
            false, false, false, false, false);

    @Override
    public InstitutionInfo institution() {
        return INFO;
    }

    @Override
    public Step start(JobContext context) {
        record("begin", context.jobGuid());
        String password = context.credential("PASSWORD");
        try {
            if (password.startsWith("sleep:")) {
                Thread.sleep(Long.parseLong(password.substring("sleep:".length())));
            } else if (password.equals("hold")) {
                while (!Files.exists(directory().resolve("release"))) {
                    Thread.sleep(50);
                }
            }
        } catch (InterruptedException e) {
            record("interrupted", context.jobGuid());
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        record("end", context.jobGuid());
        return new Step.Succeeded(Harvest.empty());
    }

    @Override
    public Step resume(JobContext context, List<Answer> answers) {
        return start(context);
    }

    private static Path directory() {
        return Path.of(System.getenv("SLOWBANK_DIR"));
    }

    private static void record(String event, String jobGuid) {
        String line = event + " " + jobGuid + " " + System.currentTimeMillis() + "\n";
        try {
            Files.writeString(directory().resolve(System.getenv("OPENAGG_NODE_NAME") + ".log"), line,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of a node's call log. */
    public record Call(String node, String event, String jobGuid, Instant at) {
    }

    /** Every call recorded in {@code directory} by every node, in time order. */
    public static List<Call> calls(Path directory) {
        try (var files = Files.list(directory)) {
            List<Call> calls = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                String node = file.getFileName().toString().replace(".log", "");
                String text = Files.readString(file);
                // a line still being written is left for the next read
                for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                    String[] parts = line.split(" ");
                    if (parts.length == 3) {
                        calls.add(new Call(node, parts[0], parts[1], Instant.ofEpochMilli(Long.parseLong(parts[2]))));
                    }
                }
            }
            calls.sort(Comparator.comparing(Call::at));
            return calls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The calls for one job. */
    public static List<Call> calls(Path directory, String jobGuid) {
        return calls(directory).stream().filter(c -> c.jobGuid().equals(jobGuid)).toList();
    }

    /** A class-path directory that registers this connector, for {@link Node#launch}. */
    public static Path plugin(Path directory) {
        try {
            Path services = Files.createDirectories(directory.resolve("META-INF/services"));
            Files.writeString(services.resolve(Connector.class.getName()), SlowBank.class.getName() + "\n");
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
