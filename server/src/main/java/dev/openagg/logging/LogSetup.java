package dev.openagg.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The server's logging configuration, in code: Logback finds it through {@code META-INF/services} and then reads no
 * XML, which spared about a tenth of the start-up time. Everything goes to standard error, which leaves standard
 * output to what the commands print; {@code OPENAGG_LOG_FORMAT} picks text lines for people (the default) or
 * {@link JsonLines} for log collectors.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** The environment variable, or the logger context's property in tests, that picks the format. */
    public static final String FORMAT = "OPENAGG_LOG_FORMAT";
    /** Time, level, logger and message, with the request id in brackets when there is one. */
    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24}%replace( [%X{request_id}]){' \\[\\]', ''} - %msg%n";

    /** Quieter levels for the libraries, whose INFO lines say nothing an operator acts on. */
    static final Map<String, Level> LEVELS = Map.of(
            "org.eclipse.jetty", Level.WARN,
            "io.javalin", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            "com.github.kagkarlsson", Level.WARN,
            // A step taken over from a node that stopped sending heartbeats is worth a line.
            "com.github.kagkarlsson.scheduler.task.DeadExecutionHandler", Level.INFO,
            // Every time column is TIMESTAMP WITH TIME ZONE, so the scheduler's hint about zone-less columns does
            // not apply.
            "com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization.utc_warning", Level.ERROR);

    @Override
    public ExecutionStatus configure(LoggerContext loggerContext) {
        String format = loggerContext.getProperty(FORMAT);
        if (format == null) {
            format = System.getenv(FORMAT);
        }
        boolean json = "json".equals(format);
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(loggerContext);
        appender.setName(json ? "json" : "text");
        appender.setTarget("System.err");
        appender.setEncoder(json ? jsonEncoder(loggerContext) : textEncoder(loggerContext));
        appender.start();
        Logger root = loggerContext.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        LEVELS.forEach((name, level) -> loggerContext.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonLines encoder = new JsonLines();
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }
}
