package dev.openagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsTrainingTest {
    @TempDir
    Path work;

    @Test
    void the_training_run_serves_its_requests_exits_zero_and_leaves_no_data_behind() throws IOException {
        int code = Main.commandLine().execute("cds-training", "--work-dir", work.toString());

        assertThat(code).isZero();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void the_training_command_is_not_listed_in_the_help() {
        assertThat(Main.commandLine().getUsageMessage()).doesNotContain("cds-training").contains("serve");
    }
}
