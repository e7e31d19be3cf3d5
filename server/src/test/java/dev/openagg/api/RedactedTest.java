package dev.openagg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What reaches the log of an unexpected error: never a value a database message quoted. */
class RedactedTest {

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void a_database_error_is_logged_as_classes_states_and_frames_without_its_messages() {
        SQLException sql = new SQLException("Value too long for column PASSWORD: 'hunter2-secret'", "22001");
        RuntimeException wrapped = new IllegalStateException("statement failed with password=hunter2-secret", sql);

        String logged = printed(Redacted.loggable(wrapped));

        assertThat(logged).doesNotContain("hunter2");
        assertThat(logged).contains("java.lang.IllegalStateException", "java.sql.SQLException (SQLState 22001)",
                "RedactedTest.a_database_error_is_logged");
    }

    @Test
    void other_errors_keep_their_messages() {
        IllegalStateException plain = new IllegalStateException("no connector for mxbank");

        assertThat(Redacted.loggable(plain)).isSameAs(plain);
    }
}
