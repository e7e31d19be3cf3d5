package dev.openagg.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {
    @Test
    void the_text_format_is_time_level_logger_request_id_and_message() {
        LoggerContext context = configured("text");
        Logger logger = context.getLogger("dev.openagg.job.JobEngine");

        String withRequest = line(context, event(logger, Map.of(LogContext.REQUEST_ID, "req-7")));
        String without = line(context, event(logger, Map.of()));

        assertThat(withRequest).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  d\\.openagg\\.job\\.JobEngine \\[req-7\\] - job JOB-1 waited\\R");
        assertThat(without).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  d\\.openagg\\.job\\.JobEngine - job JOB-1 waited\\R");
    }

    @Test
    void the_json_format_writes_json_lines() throws Exception {
        LoggerContext context = configured("json");
        Logger logger = context.getLogger("dev.openagg.job.JobEngine");

        String line = line(context, event(logger, Map.of(LogContext.REQUEST_ID, "req-7")));

        var json = new ObjectMapper().readTree(line);
        assertThat(json.get("message").asText()).isEqualTo("job JOB-1 waited");
        assertThat(json.get("request_id").asText()).isEqualTo("req-7");
        assertThat(rootAppender(context).getName()).isEqualTo("json");
    }

    @Test
    void libraries_log_warnings_only_except_the_lines_an_operator_acts_on() {
        LoggerContext context = configured("text");

        assertThat(context.getLogger("dev.openagg.Serve").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.flywaydb.core.Flyway").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.github.kagkarlsson.scheduler.Scheduler").getEffectiveLevel())
                .isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.github.kagkarlsson.scheduler.task.DeadExecutionHandler").getEffectiveLevel())
                .isEqualTo(Level.INFO);
    }

    @Test
    void logback_is_configured_by_this_class_rather_than_by_a_file() {
        LoggerContext running = (LoggerContext) LoggerFactory.getILoggerFactory();
        var appender = rootAppender(running);

        assertThat(appender.getName()).isIn("text", "json");
        assertThat(LogSetupTest.class.getResource("/logback.xml")).isNull();
        assertThat(running.getLogger("io.javalin").getLevel()).isEqualTo(Level.WARN);
    }

    private static LoggerContext configured(String format) {
        LoggerContext context = new LoggerContext();
        context.putProperty(LogSetup.FORMAT, format);
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        setup.configure(context);
        return context;
    }

    private static LoggingEvent event(Logger logger, Map<String, String> mdc) {
        LoggingEvent event = new LoggingEvent("x", logger, Level.WARN, "job {} waited", null, new Object[] {"JOB-1"});
        event.setMDCPropertyMap(mdc);
        return event;
    }

    @SuppressWarnings("unchecked")
    private static String line(LoggerContext context, LoggingEvent event) {
        Encoder<LoggingEvent> encoder = (Encoder<LoggingEvent>) (Encoder<?>) rootAppender(context).getEncoder();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private static ConsoleAppender<?> rootAppender(LoggerContext context) {
        var appenders = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        assertThat(appenders.hasNext()).as("the root logger has an appender").isTrue();
        ConsoleAppender<?> appender = (ConsoleAppender<?>) appenders.next();
        assertThat(appender.getTarget()).isEqualTo("System.err");
        return appender;
    }
}
