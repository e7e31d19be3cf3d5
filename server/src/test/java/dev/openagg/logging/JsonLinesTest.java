package dev.openagg.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void an_event_is_one_line_of_json_with_time_level_logger_message_request_client_and_member() throws Exception {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger("dev.openagg.job.JobEngine");
        LoggingEvent event = new LoggingEvent("x", logger, Level.WARN, "job {} waited", new IllegalStateException("boom"),
                new Object[] {"JOB-1"});
        event.setMDCPropertyMap(Map.of("request_id", "req-7", "client", "acme", "member", "MBR-9"));
        event.setTimeStamp(1_767_225_600_123L);
        JsonLines encoder = new JsonLines();
        encoder.setContext(context);
        encoder.start();
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n").doesNotContain("\n\t");
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("time").asText()).isEqualTo("2026-01-01T00:00:00.123Z");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("dev.openagg.job.JobEngine");
        assertThat(json.get("message").asText()).isEqualTo("job JOB-1 waited");
        assertThat(json.get("request_id").asText()).isEqualTo("req-7");
        assertThat(json.get("client").asText()).isEqualTo("acme");
        assertThat(json.get("member").asText()).isEqualTo("MBR-9");
        assertThat(json.get("error").asText()).contains("IllegalStateException: boom");
    }
}
