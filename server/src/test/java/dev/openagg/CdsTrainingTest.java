package dev.openagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsTrainingTest {
    @TempDir
    Path work;

    @Test
    void the_training_run_serves_its_requests_exits_zero_and_leaves_no_data_behind() throws IOException {
        int code = Main.run("cds-training", "--work-dir", work.toString());

        assertThat(code).isZero();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void the_training_command_is_not_listed_in_the_help() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--help"}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("cds-training").contains("serve", "rotate-key");
    }
}
